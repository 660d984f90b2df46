"""The repetition stage reads each line's facts (marks, pieces, doubled-phrase slots, words) once
per run, and a later pass reads them again for the lines it is given again: the same proposals
as the whole text's pieces at once (`propose_whole`, the oracle), on a first pass and a second.

The texts have loops of words and marks across spaces and line ends, phrases said twice, lines
said again, and odd spaces; the second pass is the first text with some lines changed. They are
read by lines whatever their length (`_BY_LINES` is set to 0 here).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import repetition
from tests.test_speed_mt import PIECES, SPACES

STAGE = next(s for s in get_pipeline().stages if s.name == "repetition")
UNITS = ["Thank you", "ー Site Name", "one person,", "black tea, black tea", "a.", "ha", "very", "0", "gift or gift",
         "New Year's gift", "x\u2028y", "z\x1c"]


@st.composite
def texts(draw):
    lines = []
    for _ in range(draw(st.integers(1, 10))):
        parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=10))
        line = "".join(p + s for p, s in parts)
        if draw(st.booleans()):  # a loop, maybe running over a line end
            glue = draw(st.sampled_from([" ", "", "\n", " . ", ", ", " or "]))
            line += glue.join([draw(st.sampled_from(UNITS))] * draw(st.integers(2, 8)))
        if lines and draw(st.integers(0, 3)) == 0:
            line = draw(st.sampled_from(lines))  # a line said again
        lines.append(line)
    return lines


def oracle(text):
    return list(STAGE.propose_whole(text, Context(text)))


@settings(max_examples=300, deadline=None)
@given(texts(), st.data())
def test_by_lines_as_by_the_whole_text_on_a_first_and_a_later_pass(lines, data):
    text = "\n".join(lines)
    ctx = Context(text)
    changed = list(lines)
    for _ in range(data.draw(st.integers(1, 3))):
        j = data.draw(st.integers(0, len(changed) - 1))
        changed[j] = data.draw(st.sampled_from(lines + ["", "Thank you Thank you Thank you", changed[j][:5]]))
    again = "\n".join(changed)
    by_lines, repetition._BY_LINES = repetition._BY_LINES, 0
    try:
        first, second = list(STAGE.propose(text, ctx)), list(STAGE.propose(again, ctx))
    finally:
        repetition._BY_LINES = by_lines
    assert first == oracle(text)
    assert second == oracle(again)


def test_a_big_text_read_by_lines_finds_what_the_whole_text_way_does():
    text = "\n".join(f"Line {i} says something plain, and then it stops." for i in range(3000))
    text += "\nThank you Thank you\nThank you Thank you\nA black tea, black tea for us.\nEnd."
    assert len(text) > repetition._BY_LINES
    found = list(STAGE.propose(text, Context(text)))
    assert len(found) == 2 and found == oracle(text)
