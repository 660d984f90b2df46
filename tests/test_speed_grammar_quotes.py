"""The quote detectors skip the scan for a mark the text lacks (an `in` test finds it at memchr speed):
they must report what their patterns find over the whole text, with and without the marks."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import grammar
from cleanup.stages.registry import build_kind

RULE = next(rule for rule, find in build_kind("grammar", load_rulebook())[0].rules if find is grammar.tokenized_quotes)
PIECES = ["``", "`", "''", "'", " ", "\t", "\n", "word", "He", '"', "“", "”", ".", ",", ":"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
@example("`` quoted '' and ``open")
def test_tokenized_quotes_are_what_the_whole_texts_search_finds(text):
    expected = [(m.start(), m.end(), f'"{m.group(1)}"') for m in grammar._TOKENIZED_QUOTES.finditer(text)]
    assert [(p.start, p.end, p.replacement) for p in grammar.tokenized_quotes(text, RULE, None)] == expected


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
@example('said:"We “so”he')
def test_glued_quotes_are_what_every_marks_pattern_finds(text):
    expected = sorted(m.start() for glued in grammar._GLUED_QUOTES.values() for m in glued.finditer(text))
    assert list(grammar._glued_quotes(text)) == expected
