"""Facts a later pass reads again (Context.kept): the same copies and repeats as reading the text afresh.

A pipeline pass that changed the text runs the structure stage again on
a text with a few lines changed. What the stage keeps about a line it
read (keyed by the line's text) stands in for reading it again: whatever
was read before, the findings must be those the plain reading (the
oracles of test_speed_structure_sentences.py) makes of the new text.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.stages import duplicate_sentence as ds
from .test_speed_structure_sentences import SENTENCE, SETTINGS, _some_lines, documents, plain_copies, texts


def _edited(text, edits):
    """The text with some of its lines replaced (a later pass: most lines as they were)."""
    lines = text.split("\n")
    for at, new in edits:
        if lines:
            lines[at % len(lines)] = new
    return "\n".join(lines)


edits = st.lists(st.tuples(st.integers(0, 30), st.sampled_from(SENTENCE + [s + " " + s for s in SENTENCE[:4]])),
                 max_size=4)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts, documents), edits, st.sets(st.integers(0, 12), max_size=3),
       st.sets(st.integers(0, 12), max_size=3), st.sampled_from(SETTINGS))
def test_copies_with_a_memo_of_an_earlier_text_are_the_plain_readings(text, changes, drop_before, drop, chosen):
    memo = {}
    list(ds.copies(text, _some_lines(text, drop_before), chosen, memo))
    later = _edited(text, changes)
    lines = _some_lines(later, drop)
    assert list(ds.copies(later, lines, chosen, memo)) == list(plain_copies(later, lines, chosen))
    # and the same text again, every line in the memo
    assert list(ds.copies(later, lines, chosen, memo)) == list(plain_copies(later, lines, chosen))


# -- repeated words: the lines seen before are not read again --------------------------------------

from cleanup.analysis.textview import TextView  # noqa: E402
from cleanup.stages import structure  # noqa: E402
from .test_speed_structure import texts as repeat_texts  # noqa: E402

REPEAT_LINES = ["the the end", "The the", "so \u017fo", "in in.", "x", "", "\u0130s is", "Duran Duran", "the\tthe the"]


def plain_repeat_spans(text):
    """The matches _repeats finds reading the whole text. (Not quite those of _REPEAT tried at every
    offset: it misses "so ſo", whose words only a case fold makes alike; the output keeps that.)"""
    return [(m.start(), m.end(1), m.start(3), m.end()) for m in structure._repeats(TextView(text))]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(repeat_texts, st.lists(st.tuples(st.integers(0, 30), st.sampled_from(REPEAT_LINES)), max_size=4))
def test_repeats_with_a_memo_of_an_earlier_text_are_the_plain_ones(text, changes):
    memo = {}
    assert structure._repeat_spans(TextView(text), memo) == plain_repeat_spans(text)
    later = _edited(text, changes)
    assert structure._repeat_spans(TextView(later), memo) == plain_repeat_spans(later)
    assert structure._repeat_spans(TextView(later), memo) == plain_repeat_spans(later)  # every line seen
