"""The repetition stage's short cuts for short texts, against the plain ways:

- a loop rule's starts (Loops.starts): on a few marks, one search for a unit
  and its copies says there is no loop before the shifts run; the loops found
  are those of the shifts alone (the search turned off: few_marks -1);
- the doubled phrases of a text no longer than the 120-character windows are
  read from its pieces without measuring its gaps (none cuts a piece): the
  phrases the whole text's search finds;
- the one-line case of doubled._one_space_gaps: as the lines are counted;
- the whole stage on short texts: what the whole search and the shifts find.
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import doubled, repetition
from tests.test_speed_doubled_pieces import at_the_window_edge

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "RepetitionStage")
LOOPS = STAGE.rules[0]

WORDS = ["thank", "you", "Thank", "you.", "gift", "gift,", "Gift", "or", "OR", "and", "/", "a", "the", "ha",
         "New", "York", "post-needed", "5%", ",", "x" * 17, "y" * 60, "z" * 99, "w" * 110, "é", "(gift)", "one",
         "seat,", "a,,", "2", "—"]
SPACES = [" ", " ", " ", " ", "  ", "\t", "\xa0", " \u3000 ", "\n", " " * 30]


@st.composite
def short_texts(draw):
    """Words and spaces, with a unit said two to five times or a phrase said twice across a joint."""
    words = draw(st.lists(st.sampled_from(WORDS), max_size=14))
    if words and draw(st.booleans()):
        at = draw(st.integers(0, len(words) - 1))
        unit = words[at:at + draw(st.integers(1, 4))]
        joint = draw(st.sampled_from([[], [","], ["or"], ["and"], ["/"]]))
        words[at:at] = (unit + joint) * draw(st.integers(1, 4))
    spaces = draw(st.lists(st.sampled_from(SPACES), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, spaces)).strip(draw(st.sampled_from(["", " ", "\n"])))


def _loops_found(marks: bytes) -> list:
    words = [bytes([m]) for m in marks]
    return [(i, repetition._loop_at(words, i, LOOPS.min_repeats, LOOPS.max_unit)) for i in LOOPS.starts(marks)]


def _without_search(fn, *args):
    kept, LOOPS.few_marks = LOOPS.few_marks, -1
    try:
        return fn(*args)
    finally:
        LOOPS.few_marks = kept


@settings(max_examples=1500, deadline=None)
@given(st.binary(max_size=80) | st.lists(st.sampled_from(b"ab\0\1"), max_size=70).map(bytes))
@example(bytes(range(12)) * 3)  # (a unit of twelve, three times)
@example(b"\0\0\0")  # (a zero mark: the shifts' zeros before the first copy)
def test_a_loop_rules_starts_find_the_loops_the_shifts_find(marks):
    fast = _loops_found(marks)
    assert [loop for loop in fast if loop[1]] == \
        [loop for loop in _without_search(_loops_found, marks) if loop[1]]


@settings(max_examples=1500, deadline=None)
@given(short_texts() | at_the_window_edge())
@example("gift or  gift")
@example("New gift,\u3000 New gift")
def test_a_short_texts_doubled_phrases_are_the_whole_searchs(text):
    for rule in STAGE.doubled:
        assert rule.located(text, text.split()) == rule.found(text, [(0, len(text))])


def _one_space_gaps_plainly(text: str, nonspace: int, lengths: bytes) -> bool:
    """doubled._one_space_gaps as first written (its lines counted whatever they are)."""
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    if not lengths or 255 in lengths or text[0].isspace() or lines[-1][-1:].isspace():
        return False
    on_a_line = len(lengths) - 1 - (len(lines) - 1 - lines.count(""))
    return sum(map(len, lines)) - nonspace == on_a_line


@settings(max_examples=1500, deadline=None)
@given(short_texts() | st.text(alphabet="ab, \t\n\xa0", max_size=30))
def test_one_space_gaps_as_the_lines_are_counted(text):
    lengths = bytes(min(len(p), 255) for p in text.split())
    assert doubled._one_space_gaps(text, sum(lengths), lengths) == \
        _one_space_gaps_plainly(text, sum(lengths), lengths)


@settings(max_examples=800, deadline=None)
@given(short_texts())
@example("Thank you Thank you Thank you Thank you")
@example("He gave a winter gift or winter gift to them.")
def test_the_stage_on_a_short_text_finds_what_the_plain_ways_find(text):
    found = STAGE.propose(text, Context(text))
    doubled_found = [p for rule in STAGE.doubled for _, p in rule.found(text, [(0, len(text))])]
    assert found[:len(doubled_found)] == doubled_found
    assert found[len(doubled_found):] == \
        _without_search(lambda: list(STAGE.propose(text, Context(text))))[len(doubled_found):]
