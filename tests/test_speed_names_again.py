"""A later call of the names stage on a long text reads only what is not a copy of its last call's text
(names_again), taking what it found there: compared, proposal for proposal and in order, with a
reading of the whole new text, on texts of names, garbles, glued names, titles and hyphenated runs
edited at random places (so at and around the cuts the copied areas end at), with a few places or
none kept of the runs that only spell someone right (names_again.SAMPLE); and the areas are
consecutive, end at cuts, and the copied ones lie in a stretch with the characters that make their cuts.
"""
from __future__ import annotations

from unittest import mock

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.copies import carry
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import names, names_again
from cleanup.stages.registry import build_kind

NAMES = build_kind("names", load_rulebook())[0]

WORDS = ["Poutine", "Putin", "Vladimir", "Wladimir", "President", "Mr", "Poutinsaid", "saidPutin", "saidPoutine",
         "Selenskyj", "Zelensky", "Peskow", "Dmitri", "Xi", "Jinping", "Si", "Jingping", "Miley", "Cyrus", "the",
         "said", "talks", "Kremlin", "spokesman", "Ölwerk", "Lý", "Cường", "a", "Putin's", "Jean-Claude", "A",
         "PUTIN", "Vladimir Putin", "Xi Jinping"]
SEPARATORS = [" ", " ", " ", "  ", "-", ", ", ". ", "\n", "", " ("]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                 max_size=40).map(lambda parts: "".join(w + s for w, s in parts))
INSERTS = st.lists(st.tuples(st.sampled_from(WORDS + [""]), st.sampled_from(SEPARATORS)),
                   max_size=3).map(lambda parts: "".join(w + s for w, s in parts))


@st.composite
def edited(draw):
    """A text, and the text after a few edits to it: (old, new, the changes (start, end, new length))."""
    old = draw(TEXTS)
    cuts = sorted(draw(st.lists(st.integers(0, len(old)), max_size=6)))
    changes, new, pos = [], [], 0
    for start, end in zip(cuts[::2], cuts[1::2]):
        insert = draw(INSERTS)
        new += [old[pos:start], insert]
        changes.append((start, end, len(insert)))
        pos = end
    new.append(old[pos:])
    return old, "".join(new), changes


def _proposals(text, ctx):
    return [tuple(p) for p in NAMES.propose(text, ctx)]


@settings(max_examples=500, deadline=None)
@given(edited(), st.sampled_from([0, 1, 2, names_again.SAMPLE]))
def test_a_later_call_proposes_what_reading_the_whole_text_does(case, sample):
    old, new, changes = case
    with mock.patch.object(names, "READ_AGAIN_FROM", 0), mock.patch.object(names_again, "SAMPLE", sample):
        ctx = Context(old)
        assert _proposals(old, ctx) == _proposals(old, Context(old))
        stretches = carry([(0, 0, len(old))] if old else [], changes)
        ctx.copied = lambda owner: stretches
        assert _proposals(new, ctx) == _proposals(new, Context(new))


@settings(max_examples=500, deadline=None)
@given(edited())
def test_the_areas_make_up_the_text_and_copied_ones_lie_in_a_stretch(case):
    old, new, changes = case
    stretches = carry([(0, 0, len(old))] if old else [], changes)
    areas = names_again.areas(new, stretches)
    assert areas[0][0] == 0 and areas[-1][1] == len(new)
    for (_, end, _), (start, _, _) in zip(areas, areas[1:]):
        assert end == start and new[end - 1] == " " and not regex.match(r"\p{Lu}", new[end])
    for start, end, by in areas:
        if by is not None:
            assert any(s < start and end < s + n and by == o - s for s, o, n in stretches)
            assert new[start:end] == old[start + by:end + by]


def test_a_later_call_takes_what_it_found_where_the_text_is_copied():
    text = "Mr Poutine said so. Vladimir Putin met saidPutin today. " * 40
    with mock.patch.object(names, "READ_AGAIN_FROM", 0):
        ctx = Context(text)
        _proposals(text, ctx)
        new = "Xi " + text
        ctx.copied = lambda owner: [(3, 0, len(text))]
        areas = names_again.areas(new, ctx.copied(NAMES))
        assert sum(end - start for start, end, by in areas if by is None) < 40
        with mock.patch.object(NAMES, "_naming_runs", wraps=NAMES._naming_runs) as read:
            again = _proposals(new, ctx)
        assert sum(len(call.args[0]) for call in read.call_args_list) < 40  # (the text read again)
        assert again == _proposals(new, Context(new)) and again


def test_a_run_spelled_right_keeps_a_few_places_and_is_read_again_when_they_are_gone():
    text = "Vladimir Putin spoke. " * 10 + "Mr Poutine said so. " * 3 + "Vladimir Putin left. " * 4000
    ctx = Context(text)
    _proposals(text, ctx)
    found = ctx.kept(NAMES)["found"]
    assert len(found.starts) < 20 and found.more  # (not the 4,010 places of "Vladimir Putin")
    new = "Mr Poutine said so. " * 3 + "Putin left. " * 6000
    ctx.copied = lambda owner: [(0, 220, 60)]  # (the garbles copied; no kept "Vladimir Putin" left)
    with mock.patch.object(NAMES, "_read", wraps=NAMES._read) as read:
        again = _proposals(new, ctx)
    assert read.call_count == 2  # (the places it took, then the whole text)
    assert again == _proposals(new, Context(new))
