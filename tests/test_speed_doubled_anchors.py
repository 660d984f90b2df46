"""On a long line read in chunks, the doubled-phrase search's walk to the stretches holding a piece
said again jumps to the chunks' starts (anchors) instead of counting every stretch's pieces: the
same proposals as the whole text's pieces at once (`propose_whole`, the oracle), and the anchors
name the right places and pieces.

The thresholds are tiny here (`_LONG_LINE`, `_CHUNK`, `_STRETCH`) so that short generated lines
are cut in many chunks and stretches, with doubled phrases across them.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages.mt import doubled, repetition
from tests.test_speed_mt_doubled import lines
from tests.test_speed_repetition_lines import STAGE, oracle


def _read_in_chunks(text, stretch, chunk):
    saved = repetition._BY_LINES, repetition._LONG_LINE, repetition._CHUNK, doubled._STRETCH
    repetition._BY_LINES, repetition._LONG_LINE, repetition._CHUNK, doubled._STRETCH = 0, 6, chunk, stretch
    try:
        return list(STAGE.propose(text, Context(text)))
    finally:
        repetition._BY_LINES, repetition._LONG_LINE, repetition._CHUNK, doubled._STRETCH = saved


@settings(max_examples=400, deadline=None)
@given(lines(), st.integers(1, 40), st.integers(1, 8), st.booleans())
def test_the_walk_with_anchors_finds_what_the_whole_text_way_does(text, stretch, chunk, one_line):
    if one_line:
        text = text.replace("\n", " ")
    assert _read_in_chunks(text, stretch, chunk) == oracle(text)


def test_a_big_line_with_a_doubled_phrase_far_down_jumps_and_finds_it():
    text = " ".join(f"Sentence {i} says something plain, and then it stops." for i in range(3000))
    text += " They sent a New Year's gift or New Year's gift to the office. " + text
    found = list(STAGE.propose(text, Context(text)))
    assert len(found) == 1 and found == oracle(text)
