"""Space before punctuation is tried only at the marks the punctuation signs found after a space:
it reports exactly what the detector's pattern finds over the whole text, on text dense with
the spaces and marks it is about (no-break and narrow spaces, tabs, runs of them, marks glued on).
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import grammar
from cleanup.stages.registry import build_kind

RULE = next(rule for rule, find in build_kind("grammar", load_rulebook())[0].rules
            if find is grammar.space_before_punctuation)


def _whole_text(text, rule):
    """The detector as it was: the pattern's finditer over the whole text."""
    for m in grammar._SPACE_BEFORE.finditer(text):
        if grammar._excepted(grammar._token_around(text, m.end() - 1, m.end()), rule.settings.exceptions):
            continue
        mark = m.group()[-1]
        if m.end() < len(text) and text[m.end()].isalpha():
            yield grammar._change(rule, m.start(), m.end(), mark + " ")
        else:
            yield grammar._change(rule, m.start(), m.end() - 1, "")


PIECES = [" ", "  ", "\t", "\xa0", "\u202f", "\n", ",", ";", ":", ".", "!", "?", ")", "]", "...", "…", "\"", "”",
          "’", "He", "and", "word", "x", "É", "é", "1", "2.5", "e.g.", "U.S.", "(", "[", "”.", "a"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
@example("partnership .He said ,and then . \xa0; end ]")
@example("a  \t ,b")
def test_tried_at_the_signs_it_reports_what_the_whole_texts_search_reports(text):
    scans = grammar.Scans(text)
    assert list(grammar.space_before_punctuation(text, RULE, scans)) == list(_whole_text(text, RULE))
