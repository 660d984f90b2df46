"""The doubled-phrase search skips a piece said again whose joint, compared on the pieces, joins no
phrase to its copy (`DoubledPhrases._may_join_again`): the same phrases as searching every joint.

The texts hold phrases said twice and near misses (a copy that differs in its
first, a middle or its last piece, a word met again a few pieces on), joined by
every kind of joint, with long pieces that bring the phrase's first copy to the
edge of the 120-character window before its joint, clause marks, determiners
and capitals.
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import doubled as module

_STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "RepetitionStage")
_DOUBLED = _STAGE.doubled

WORDS = ["the", "a", "his", "gift", "Gift", "New", "York", "post-needed", "Year's", "talks", "talks.", "love",
         "desperate", "or", "and", "AND", "5%", "well", "time", "e\u0301t\u00e9", "\u00df", "SS", "(gift)", "gift,",
         "x" * 17, "y" * 30, "z" * 55, "w" * 99, "needed,", "needed"]
JOINTS = [", ", " or ", " and ", "/ ", " OR ", ", or ", ",  ", ",\t", ",\xa0", " or\t", ",\n", "  and  "]
SPACES = [" ", " ", " ", "  ", "\t", "\xa0", "\n", " \u3000 "]


@st.composite
def near_copies(draw):
    """A phrase, a joint and its copy, or a copy with one piece changed; some padding before."""
    phrase = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
    copy = list(phrase)
    if draw(st.booleans()):
        copy[draw(st.integers(0, len(copy) - 1))] = draw(st.sampled_from(WORDS))
    if draw(st.booleans()):
        copy = [p.upper() if draw(st.booleans()) else p for p in copy]
    if draw(st.booleans()):  # a word or two between the joint and the copy: a word met again nearby
        copy = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2)) + copy
    padding = draw(st.lists(st.sampled_from(WORDS), max_size=4))
    spaces = draw(st.lists(st.sampled_from(SPACES), min_size=16, max_size=16))
    before = "".join(p + s for p, s in zip(padding + phrase[:-1], spaces))
    return before + phrase[-1] + draw(st.sampled_from(JOINTS)) + " ".join(copy)


@st.composite
def texts(draw):
    return draw(st.sampled_from(["\n", " ", ". "])).join(draw(st.lists(near_copies(), min_size=1, max_size=6)))


@settings(max_examples=600, deadline=None)
@given(texts())
def test_the_pieces_check_keeps_every_joint_the_whole_search_finds(text):
    for doubled in _DOUBLED:
        assert list(doubled.propose(text, text.split())) == list(doubled.propose(text))


@st.composite
def at_the_window_edge(draw):
    """A phrase whose first piece the window before the joint may cut where the copy's first word
    starts in it ("q((gift" read as "(gift", whose marks the comparison strips: a copy shorter than
    what the window holds, which the piece test does not see as spread)."""
    word = draw(st.sampled_from(["gift", "talks", "post-needed", "New"]))
    marks = draw(st.integers(0, 12))
    first = draw(st.sampled_from(["q", "qq", "-", ""])) + "(" * marks + word
    middle = ["y" * draw(st.integers(1, 50)) for _ in range(draw(st.integers(0, 2)))]
    # the window's 120 characters start `cut` characters before the word (in the marks when 1..marks)
    cut = draw(st.integers(-2, marks + 2))
    last = "z" * max(1, min(97, 119 - len(word) - cut - sum(1 + len(m) for m in middle)))
    joint = draw(st.sampled_from([", ", " or ", ",  "]))
    return " ".join([first, *middle, last]) + joint + " ".join([word, *middle, last])


@settings(max_examples=600, deadline=None)
@given(at_the_window_edge())
def test_a_phrase_the_window_cuts_is_searched_as_the_whole_search_does(text):
    for doubled in _DOUBLED:
        assert list(doubled.propose(text, text.split())) == list(doubled.propose(text))


@settings(max_examples=200, deadline=None)
@given(texts())
def test_the_stage_finds_what_the_whole_search_finds(text):
    found = [p for p in _STAGE.propose(text, Context(text)) if "doubled" in p.rule]
    assert found == [p for doubled in _DOUBLED for p in doubled.propose(text)]


def _searched(text: str) -> list:
    doubled = _DOUBLED[0]
    slots = b"".join(map(doubled._slots, text.split()))
    said = module.SaidAgain(module._widest_gap(text, slots[module._LENGTH::module._SLOTS]))
    said.read([slots], last=True)
    assert said.pieces  # (a piece said again: the check is what leaves its line out)
    return doubled.where(text, said, module._lines_holding, text.split())


def test_a_word_met_again_nearby_is_not_searched():
    assert _searched("He knew nothing of love, desperate love, the worst of all.") == []
    assert _searched("by the Catholic Church, the Eastern Orthodox Church, and others") == []


def test_a_phrase_said_twice_is_searched():
    text = "They sent a New Year's gift or New Year's gift to the office."
    assert _searched(text) == [(0, len(text))]


def _said_again_plainly(doubled, pieces: list[str]) -> list[int]:
    """The pieces that may end a phrase whose key's two bytes (a 0 read as 1) are one of the seven
    pieces' after it: a loop over the pieces (the oracle of SaidAgain's search)."""
    slots = [doubled._slots(p) for p in pieces]
    key = [s[0:2].replace(b"\0", b"\1") for s in slots]
    out = []
    for j, s in enumerate(slots):
        before_spoken = j + 1 < len(slots) and slots[j + 1][module._FACTS]
        end = s[3:5] if s[5] == 0 else s[6:8] if s[8] == 0 and before_spoken else None
        if end is not None and end.replace(b"\0", b"\1") in key[j + 1:j + 1 + module._AFTER]:
            out.append(j)
    return out


PIECES = ["gift", "gift,", "Gift/", "or", "AND", "and,", ",", "/", "5,", "x" * 20, "(gift)", "gift.", "talks,",
          "talks", "a", "the,"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(min_size=1, max_size=4).filter(lambda p: not p.isspace()),
                max_size=80), st.integers(1, 30))
def test_the_pieces_said_again_are_those_a_plain_loop_finds(pieces, window):
    pieces = [p for p in " ".join(pieces).split()]
    for doubled in _DOUBLED:
        slots = [doubled._slots(p) for p in pieces]
        whole, by_windows = module.SaidAgain(), module.SaidAgain()
        whole.read([b"".join(slots)], last=True)
        for at in range(0, len(slots), window):
            by_windows.read(slots[at:at + window])
        by_windows.read([], last=True)
        assert whole.pieces == by_windows.pieces == _said_again_plainly(doubled, pieces)


GAPS = [" ", " ", "\n", "\n\n", "\n\n\n", "  ", "\t", "\xa0", " \n", "\n ", " \xa0", "\r\n", "\x1c", "\u3000", "\t\t"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "gift,", "x" * 40, "é", "😀"]), st.sampled_from(GAPS)), max_size=20),
       st.sampled_from(["", " ", "\n", "\n\n", "\t"]), st.booleans())
def test_the_widest_gap_counted_is_the_one_searched_for(parts, lead, trailing_piece):
    text = lead + "".join(p + g for p, g in parts) + ("end" if trailing_piece else "")
    lengths = bytes(map(len, text.split()))
    assert module._widest_gap(text, lengths) == module._widest_gap(text, sum(lengths))  # (the sum: searched)


def test_paragraphs_of_one_space_gaps_are_counted_not_searched():
    text = "One gift, or two.\n\nA second paragraph here.\n"
    lengths = bytes(map(len, text.split()))
    assert module._one_space_gaps(text, sum(lengths), lengths)
    assert not module._one_space_gaps(text.replace("or two", "or  two"), sum(lengths), lengths)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["gift,", "gift", "or", "a/", "5,", "x"]), st.sampled_from([0, 0, 0, 1, 3, 9, 20, 40, 60, 94])),
                max_size=60),
       st.integers(1, 22))
@example([("gift,", 0)] + [("x", 0)] * 6 + [("x", 98)], 3)  # (the long piece seventh after the end)
def test_the_window_is_spread_as_a_plain_sum_of_the_seven_pieces_after_each_end_says(parts, gap):
    """Whether the pieces after a phrase's end may pass the window: a plain loop over the ends (the
    piece test reads only the ends before a long piece, or sums all by digits when those are many)."""
    pieces = [p + "q" * extra for p, extra in parts]
    for doubled in _DOUBLED:
        slots = [doubled._slots(p) for p in pieces]
        said = module.SaidAgain(gap)
        said.read([b"".join(slots)], last=True)
        ends = [j for j, s in enumerate(slots)
                if s[5] == 0 or s[8] == 0 and j + 1 < len(slots) and slots[j + 1][module._FACTS]]
        seven = max((sum(map(len, pieces[j + 1:j + 1 + module._AFTER])) for j in ends), default=0)
        assert said.spread("") == (gap > module._SEVEN_GAPS or seven >= module._WINDOW + 1 - 6 * gap)
