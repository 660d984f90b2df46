"""Provenance: spans of any stage map back to the original, exactly."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.edits import Edit, Level, apply_edits
from cleanup.core.textmap import TextMap

texts = st.text(alphabet="ab \n", max_size=14)


@st.composite
def stage_changes(draw, text):
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6, unique=True)))
    changes = []
    for a, b in zip(points[::2], points[1::2] + [None]):
        end = a if b is None or draw(st.booleans()) else b
        changes.append((a, end, draw(st.sampled_from(["", "X", "YY", "\n", "ZZZ"]))))
    return changes


def _apply_stage(tm, changes):
    chosen, last = [], None
    for s, e, repl in changes:
        loc = tm.locate(s, e, repl)
        if last and (loc.cstart < last.cend or (loc.cstart == last.cend == loc.cend == last.cstart)):
            continue
        edit = Edit(loc.ostart, loc.oend, tm.original[loc.ostart:loc.oend], loc.replacement, "r", "",
                    Level.FIX, True, tm.parents(loc))
        chosen.append((loc, edit))
        last = loc
    expected = tm.text
    for loc, _ in reversed(chosen):
        expected = expected[:loc.cstart] + loc.text + expected[loc.cend:]
    new = tm.apply(chosen)
    assert new.text == expected
    return new


@settings(max_examples=400, deadline=None)
@given(data=st.data(), original=texts, stages=st.integers(1, 4))
def test_applied_edits_reproduce_every_stage(data, original, stages):
    tm = TextMap(original)
    for _ in range(stages):
        tm = _apply_stage(tm, data.draw(stage_changes(tm.text)))
        # the applied edits, in original coordinates, rebuild the working text
        assert apply_edits(original, tm.applied_edits()) == tm.text
        # and the segments still tile the original without gaps
        pos = 0
        for seg in tm.segments:
            assert seg.ostart == pos
            pos = seg.oend
        assert pos == len(original)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), original=texts)
def test_located_flag_spans_name_the_same_text(data, original):
    tm = _apply_stage(TextMap(original), data.draw(stage_changes(original)))
    for s in range(len(tm.text) + 1):
        for e in range(s, min(len(tm.text), s + 3) + 1):
            loc = tm.locate(s, e, "Q")
            # replacing the located original span reproduces the working-text change
            merged = tm.parents(loc)
            seg_edits = [ed for ed in tm.applied_edits() if not any(ed is p for p in merged)]
            fake = Edit(loc.ostart, loc.oend, "", loc.replacement, "x", "", Level.FIX, True)
            assert apply_edits(original, seg_edits + [fake]) == tm.text[:s] + "Q" + tm.text[e:]
