"""Grammar on short texts (issue 15, the cost of a call): a text up to SEARCHED_WHOLE characters is
searched whole for the punctuation signs (one search, most find none), not first for each mark's
starts; _starts_in_order searches each pattern once before its finditer; doubled-quote looks for
'"' first. Each must find exactly what the plain path finds, and the whole stage report
the same, on short texts dense with the marks and on longer ones.
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import grammar
from cleanup.stages.registry import build_kind

PIECES = [".", "..", "...", "…", ",", ";", ":", "!", "?", ")", "]", "(", "[", ",.", ";.", "?!", " ", "  ", "\t",
          "\xa0", "\u202f", "\n", "\n ", "a", "an", "A", "An", "the", "He", "hour", "apple", "É", "é", "1", "_",
          "\"", '""', "”", "“", "’", "'", "``", "''", "—", "U.S.", "e.g.", "news.cn", "said:", "x"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
STAGE = build_kind("grammar", load_rulebook())[0]


def _report(text: str) -> list[tuple]:
    return [(p.start, p.end, p.replacement, p.rule, p.message) for p in STAGE.propose(text, None)]


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
@example(",..a")
@example("end ,\n the… x\xa0. .. ...a , ;.b!!c??")
@example(' "" quote said:"We  an hour ``here\'\' ')
def test_a_short_text_gets_what_the_marks_path_finds(text):
    short = grammar._punctuation_signs(text)
    short_report = _report(text)
    old = grammar.SEARCHED_WHOLE
    grammar.SEARCHED_WHOLE = -1  # every text takes the marks' path
    try:
        assert grammar._punctuation_signs(text) == short
        assert _report(text) == short_report
    finally:
        grammar.SEARCHED_WHOLE = old


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=20, max_size=40).map(" ".join))
def test_a_longer_text_too(text):
    test_a_short_text_gets_what_the_marks_path_finds.hypothesis.inner_test(text)


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_the_starts_in_order_are_each_patterns_finditer_sorted(text):
    articles = grammar._articles(("an hour*", "a one-*"))
    for patterns in (articles.signs + articles.tab_signs, list(grammar._GLUED_QUOTES.values())):
        assert grammar._starts_in_order(patterns, text) == \
               sorted(m.start() for p in patterns for m in p.finditer(text))


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
def test_doubled_quote_finds_what_its_pattern_finds(text):
    rule = next(rule for rule, find in STAGE.rules if find is grammar.doubled_quote)
    assert [(p.start, p.end) for p in grammar.doubled_quote(text, rule, None)] == \
           [(m.start(), m.start() + 1) for m in grammar._DOUBLED_QUOTE.finditer(text)]
