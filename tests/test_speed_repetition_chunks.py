"""A long line is read by the repetition stage in chunks cut at spaces, each chunk's facts kept for
the run under its digest: the same proposals as the whole text's pieces at once (`propose_whole`,
the oracle), on a first pass and on a later one given the text with some edits.

The thresholds are made tiny here (`_LONG_LINE`, `_CHUNK`) so that short generated lines are cut in
many chunks, across loops, doubled phrases and odd spaces.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages.mt import repetition
from tests.test_speed_repetition_lines import STAGE, oracle, texts


def _read_in_chunks(*texts_):
    """Each text's proposals, read by the stage in one run (one Context), every line cut."""
    saved = repetition._BY_LINES, repetition._LONG_LINE, repetition._CHUNK
    repetition._BY_LINES, repetition._LONG_LINE, repetition._CHUNK = 0, 6, 2
    try:
        ctx = Context(texts_[0])
        return [list(STAGE.propose(t, ctx)) for t in texts_]
    finally:
        repetition._BY_LINES, repetition._LONG_LINE, repetition._CHUNK = saved


@settings(max_examples=300, deadline=None)
@given(texts(), st.data())
def test_chunks_as_the_whole_text_on_a_first_and_a_later_pass(lines, data):
    one_line = data.draw(st.booleans())
    text = (" " if one_line else "\n").join(lines)
    changed = text
    for _ in range(data.draw(st.integers(1, 3))):  # edits anywhere: removed, added or replaced text
        at = data.draw(st.integers(0, len(changed)))
        cut = data.draw(st.integers(0, 12))
        added = data.draw(st.sampled_from(["", " ", "Thank you Thank you Thank you ", "gift, gift", ". "]))
        changed = changed[:at] + added + changed[at + cut:]
    first, second = _read_in_chunks(text, changed)
    assert first == oracle(text)
    assert second == oracle(changed)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .,!\n\t", max_size=200), st.integers(1, 8))
def test_chunks_rebuild_the_line_and_its_pieces(line, chunk):
    saved = repetition._CHUNK
    repetition._CHUNK = chunk
    try:
        chunks = repetition._chunks(line)
    finally:
        repetition._CHUNK = saved
    assert "".join(chunks) == line
    assert [p for c in chunks for p in c.split()] == line.split()


def test_a_big_line_read_in_chunks_finds_what_the_whole_text_way_does():
    text = " ".join(f"Sentence {i} says something plain, and then it stops." for i in range(2000))
    text += " Thank you Thank you Thank you Thank you. A black tea, black tea for us. End."
    assert len(text) > repetition._LONG_LINE and "\n" not in text
    ctx = Context(text)
    found = list(STAGE.propose(text, ctx))
    assert len(found) == 2 and found == oracle(text)
    again = text.replace("Sentence 5 ", "Sentence five ", 1)
    assert list(STAGE.propose(again, ctx)) == oracle(again)


def test_blank_lines_read_by_lines_as_by_the_whole_text():
    text = "\n".join(["", "", "", "", "a New Year's gift or New Year's gift", "", "Thank you Thank you Thank you"] * 3)
    saved = repetition._BY_LINES
    repetition._BY_LINES = 0
    try:
        ctx = Context(text)
        first, second = list(STAGE.propose(text, ctx)), list(STAGE.propose(text, ctx))
    finally:
        repetition._BY_LINES = saved
    assert len(first) == 6 and first == second == oracle(text)
