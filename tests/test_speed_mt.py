"""The shortcuts of the word-salad, doubled-phrase, words and consistency detectors (issue 15)
decide nothing: each one only skips work that could not have produced a proposal.

Each is compared with what it replaces, on texts made of the characters and
words the shortcuts reason about (joints, marks, articles, odd spaces, long
pieces, capitals, combining marks, characters beyond the BMP).
"""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.analysis.fast_regex import positions
from cleanup.analysis.textview import TextView
from cleanup.stages import words
from cleanup.stages.mt import consistency

_STAGES = {type(s).__name__: s for s in get_pipeline().stages}

PIECES = ["the", "a", "an", "each", "of", "in", "and", "or", "but", "AND", "Or", ",", ";", ".", "...", "_", "/",
          "post-needed", "needed,", "gift", "Year's", "talks", "Putin", "Poutinsaid", "timelets", "theseA",
          "candy.nish", "z", "b", "(s)", "Russia’s", "x" * 18, "y" * 40, "w" * 101, "5%", "İ", "é", "e\u0301",
          "Omikron", "Omicron", "Omik", "Jong", "Kin-nikuman", "Xijinping", "Xi", "Jinping", "😀", "ß"]
SPACES = [" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\xa0", " \xa0 ", ", ", " / ", " and ", " or "]


@st.composite
def texts(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=60))
    out = "".join(p + s for p, s in parts)
    if draw(st.booleans()) and out:  # a phrase said twice
        start = draw(st.integers(0, len(parts) - 1))
        phrase = "".join(p + " " for p, _ in parts[start:start + draw(st.integers(1, 4))]).strip()
        out += phrase + draw(st.sampled_from([", ", " or ", " and ", "/ "])) + phrase
    return out


@settings(max_examples=300, deadline=None)
@given(texts())
def test_a_line_left_unscored_could_not_join_a_stretch(text):
    for salad in _STAGES["WordSaladStage"].rules:
        view = TextView(text)
        may_join = salad._may_join(view)
        for i, line in enumerate(view.lines):
            score = salad.score(line.text)
            if score is not None and score[0] >= salad.extend:
                assert i in may_join, line.text


@settings(max_examples=300, deadline=None)
@given(texts())
def test_doubled_phrases_found_with_and_without_the_pieces_shortcut(text):
    for doubled in _STAGES["RepetitionStage"].doubled:
        assert list(doubled.propose(text, text.split())) == list(doubled.propose(text))


@settings(max_examples=300, deadline=None)
@given(texts(), st.sampled_from(PIECES))
def test_a_token_found_by_string_search_where_the_tokeniser_puts_it(text, token):
    view = TextView(text)
    expected = [start for _, start in positions(view.word_pieces, {token})]
    assert words._token_starts(text, token) == expected


ORIGINAL_NAME = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{Ll}\p{M}]+(?![\p{L}\p{M}\p{N}])")
ORIGINAL_SPLIT = regex.compile(r"(?<![\p{L}\p{M}\p{N}-])(\p{Lu}[\p{Ll}\p{M}]+)(?: (?=\p{Lu})|-(?=\p{Ll}))"
                               r"([\p{L}][\p{Ll}\p{M}]+)(?![\p{L}\p{M}\p{N}]|-\p{L})")


@settings(max_examples=300, deadline=None)
@given(texts())
def test_names_and_two_piece_names_as_the_regex_patterns_find_them(text):
    assert consistency._NAME(text).findall(text) == ORIGINAL_NAME.findall(text)
    assert [(j.start, j.end, j.form) for j in consistency._joined(text)] == \
        [(m.start(), m.end(), m.group()) for m in ORIGINAL_SPLIT.finditer(text, overlapped=True)]


@settings(max_examples=300, deadline=None)
# (no NUL: the English word table raises on one, a fault of analysis/wordtable.py)
@given(st.sampled_from(PIECES + ["naïve", "café", "Straße", "cafe", "the"])
       | st.text(st.characters(blacklist_characters="\x00"), max_size=8))
def test_english_zipf_as_the_word_and_its_unaccented_spelling(word):
    from cleanup.analysis.languages import unaccented
    from cleanup.analysis.wordlist import zipf
    from cleanup.stages.mt import foreign_words

    assert foreign_words._english_zipf(word) == max(zipf(word), zipf(unaccented(word)))


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(PIECES + ["x²", "Ⅻ", "٣", "abc"]) | st.text(max_size=6))
def test_a_token_has_a_digit_as_a_look_at_each_character_says(token):
    assert words._has_digit(token) == any(ch.isdigit() for ch in token)


def test_no_letter_is_a_digit():
    assert not any(chr(c).isalpha() and chr(c).isdigit() for c in range(0x110000))
