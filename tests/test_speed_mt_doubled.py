"""The doubled-phrase detector searches a text's joints only on the lines its piece test
names (`SaidAgain`): the same phrases as searching every joint of the text.

The texts are many short lines, some with a phrase said twice across a joint,
some with the phrase's copy on the next line (which must not count).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from tests.test_speed_mt import PIECES, SPACES

_DOUBLED = [d for s in get_pipeline().stages if type(s).__name__ == "RepetitionStage" for d in s.doubled]
JOINTS = [", ", " or ", " and ", "/ ", " OR ", ",\n", " or\n", ",  ", ",\t"]


@st.composite
def lines(draw):
    out = []
    for _ in range(draw(st.integers(1, 12))):
        parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=12))
        line = "".join(p + s for p, s in parts).replace("\n", " ")
        if draw(st.booleans()) and parts:  # a phrase said twice (or cut by a line end)
            start = draw(st.integers(0, len(parts) - 1))
            phrase = " ".join(p for p, _ in parts[start:start + draw(st.integers(1, 4))])
            if draw(st.booleans()):
                phrase = phrase.upper()
            line += phrase + draw(st.sampled_from(JOINTS)) + draw(st.sampled_from([phrase, phrase.lower()]))
        out.append(line)
    return "\n".join(out)


@settings(max_examples=400, deadline=None)
@given(lines())
def test_doubled_phrases_found_on_the_located_lines_as_in_the_whole_text(text):
    assert _DOUBLED
    for doubled in _DOUBLED:
        assert list(doubled.propose(text, text.split())) == list(doubled.propose(text))


def test_a_long_text_with_one_doubled_phrase_far_down():
    filler = "\n".join(f"Line {i} says something plain, and then it stops." for i in range(2000))
    text = filler + "\nThey sent a New Year's gift or New Year's gift to the office.\n" + filler
    for doubled in _DOUBLED:
        found = list(doubled.propose(text, text.split()))
        assert found == list(doubled.propose(text)) and found


def plain_slots(doubled, piece: str) -> bytes:
    """A piece's slots as the piece test first wrote them (the oracle of DoubledPhrases._slots)."""
    from cleanup.analysis.tokens import LETTER_RUN
    from cleanup.stages.mt.doubled import _NONE, _key, _slot

    mark = [m for m in doubled.marks if piece.endswith(m)]
    last = piece[:-len(mark[0])] if mark else piece
    letters = bool(LETTER_RUN.search(last))
    spoken = bool(doubled.spoken and doubled.spoken.fullmatch(piece))
    length = 255 if len(mark) > 1 else min(len(piece), 255)
    return (_slot(_key(piece)) + (_slot(_key(last)) if mark and letters else _NONE)
            + (_slot(_key(piece)) if letters and not mark else _NONE) + bytes((spoken, length)))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PIECES + [",", "gift,", "or", "OR", "and", "5,", ",,", "x" * 300, "é,"]) | st.text(max_size=6))
def test_a_pieces_slots_as_first_written(piece):
    for doubled in _DOUBLED:
        assert doubled._slots(piece) == plain_slots(doubled, piece)


@settings(max_examples=400, deadline=None)
@given(lines(), st.integers(1, 40), st.booleans())
def test_a_long_lines_stretches_hold_the_phrases_its_whole_search_finds(text, stretch, one_line):
    """Of a line longer than twice _STRETCH only the stretches holding a piece said again are searched."""
    from cleanup.stages.mt import doubled as module

    if one_line:
        text = text.replace("\n", " ")
    kept, module._STRETCH = module._STRETCH, stretch
    try:
        for doubled in _DOUBLED:
            assert list(doubled.propose(text, text.split())) == list(doubled.propose(text))
    finally:
        module._STRETCH = kept
