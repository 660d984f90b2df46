"""The words stage tells a piece between spaces that is one word of ASCII letters, with quotes,
brackets or punctuation around it, by stripping those (`_plain_word`), not by tokenising it; a
known such word needs no look (no memo of its token).

The pieces put letters, accented letters, digits, hyphens, apostrophes and the characters that
keep a token from starting (. - / @ # _) before, inside and after the word.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis.tokens import WORD
from cleanup.stages import words

from .test_speed_words_suspects import _fresh, _proposals

EDGES = list("\"'“‘([«,.;:!?\"'”’)]»…-/@#_*&0") + ["", "", "", "...", "’s", "'s"]
CORES = ["the", "a", "I", "Moscow", "fourhours", "theUnited", "Bidenn", "Blinkenn", "xsqwerty", "café", "naïve",
         "well-known", "rock'n'roll", "COVID19", "e\u0301", "Tu-95MS", "O’Brien", "x", "usefulser", "Quorvath"]
PIECES = st.tuples(st.lists(st.sampled_from(EDGES), max_size=3).map("".join), st.sampled_from(CORES),
                   st.lists(st.sampled_from(EDGES), max_size=3).map("".join)).map("".join)


@settings(max_examples=3000, deadline=None)
@given(PIECES)
def test_a_plain_word_is_the_pieces_one_token(piece):
    word = words._plain_word(piece)
    if word is not None:
        assert WORD(piece).findall(piece) == [word]


TEXTS = st.lists(st.tuples(PIECES, st.sampled_from([" ", "\n", "  "])), max_size=16).map(
    lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_stage_proposes_what_it_proposes_when_it_tokenises_every_piece(text):
    with mock.patch.object(words, "_plain_word", lambda piece: None):
        expected = _proposals(_fresh(), text)
    assert _proposals(_fresh(), text) == expected
