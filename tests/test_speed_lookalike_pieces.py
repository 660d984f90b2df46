"""The look-alike letters detector reads only the pieces between spaces that hold a possibly foreign
letter: every word of the text with such a letter is among the words it reads, and every word it
reads is one of the text's own (_WORD's finditer over the whole text), in order; and the stage
proposes what it proposes reading every word. The transliterated-acronym detector's spellings
are looked for by one scan: it finds one exactly where a search for each does.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import lookalike

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "LookalikeStage")
PIECES = ["Moscow", "Mоscow", "Т-90", "А4", "кm", "a", "é", "Ж", "α", "ˈ", "中", "-", "--", "1", " ", "  ", "\n", "\t",
          "\u3000", "\u1680", "\xa0", ".", ",", "'", "о", "Ο", "ﬁ", "😀", "\u0301"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _rare(word: str) -> bool:
    return bool(lookalike._maybe_foreign().search(word))


@settings(max_examples=3000, deadline=None)
@given(TEXTS, st.sampled_from([lookalike.DENSE_PIECES, 0]))
def test_the_words_read_are_the_texts_words_with_every_one_holding_a_rare_character(text, dense_pieces):
    with mock.patch.object(lookalike, "DENSE_PIECES", dense_pieces):  # 0: on word by word after one piece
        read = [m.span() for m in lookalike._words_with_rare_chars(text)]
    every = [m.span() for m in lookalike._WORD.finditer(text)]
    assert read == [span for span in every if span in set(read)]  # the text's own words, in order
    assert {span for span in every if _rare(text[span[0]:span[1]])} <= set(read)


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_the_stage_proposes_what_reading_every_word_proposes(text):
    def every_word(t):
        return lookalike._WORD.finditer(t) if lookalike._maybe_foreign().search(t) else iter(())

    found = [(p.start, p.end, p.replacement, p.message) for p in STAGE.propose(text, Context(text))]
    with mock.patch.object(lookalike, "_words_with_rare_chars", every_word):
        assert found == [(p.start, p.end, p.replacement, p.message) for p in STAGE.propose(text, Context(text))]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["VVS", "AVS", "SVS", "NVO", "VV", "VS", "V", "S", "A", "N", "O", "x", "é", " "]),
                max_size=12).map("".join),
       st.lists(st.sampled_from(["BBC", "ABC", "CBC", "HBO", "NATO", "OKO", "TASS", "VVS", "EU", "OSCE"]),
                max_size=6).map(tuple))
def test_one_scan_for_the_spellings_finds_one_where_a_search_for_each_finds_one(text, acronyms):
    spellings = lookalike._spellings(acronyms)
    spelled = lookalike._any_of(spellings)
    assert bool(spelled and spelled.search(text)) == any(s in text for s in spellings)
