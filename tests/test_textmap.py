"""Provenance: spans of any stage map back to the original, exactly."""
from __future__ import annotations

import tracemalloc

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


def test_a_map_that_lets_go_of_its_text_frees_it_before_the_new_text_is_joined():
    # A big text (one 50 MB line) must not be alive three times over while its next version is
    # made: the old text, the pieces cut from it, and the new text. Counted, not timed.
    size = 1_000_000
    tm = TextMap("a" * size)
    first = tm.locate(0, 1, "b")
    tm = tm.apply([(first, Edit(0, 1, "a", "b", "r", "", Level.FIX, True))])  # (its text is not the original)

    def peak_of_applying(let_go: bool) -> int:
        tracemalloc.start()  # (before the text is made: freeing it must show)
        current = TextMap(tm.original, "".join(["c", tm.text[1:]]), tm.segments)
        loc = current.locate(size // 2, size // 2 + 1, "d")
        change = [(loc, Edit(loc.ostart, loc.oend, "a", "d", "r", "", Level.FIX, True, current.parents(loc)))]
        tracemalloc.reset_peak()
        start = tracemalloc.get_traced_memory()[0]
        new = current.apply(change, let_go=let_go)
        peak = tracemalloc.get_traced_memory()[1] - start
        tracemalloc.stop()
        assert new.text == "c" + tm.text[1:size // 2] + "d" + tm.text[size // 2 + 1:]
        return peak

    assert peak_of_applying(let_go=False) > 1.8 * size  # the pieces and the new text, the old one still held
    assert peak_of_applying(let_go=True) < 1.3 * size   # the old one gone before the join


@settings(max_examples=300, deadline=None)
@given(data=st.data(), original=texts, stages=st.integers(1, 3))
def test_a_span_inside_one_copied_segment_is_located_as_any_span_is(data, original, stages):
    # locate's shortcut (a span strictly inside a copied segment maps by an offset) must give
    # what the walk over the segments gives, for every span of the working text
    tm = TextMap(original)
    for _ in range(stages):
        tm = _apply_stage(tm, data.draw(stage_changes(tm.text)))
    for s in range(len(tm.text) + 1):
        for e in range(s, len(tm.text) + 1):
            for replacement in (None, "Q"):
                assert tm.locate(s, e, replacement) == tm._locate_across(s, e, replacement)
