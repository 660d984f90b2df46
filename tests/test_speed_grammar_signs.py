"""The punctuation signs are tried only where a mark's own pattern finds a start (_SIGN_STARTS): they
must be exactly the places the sign's finditer over the whole text takes, on text dense with the marks
next to each other, at line ends and text ends, after spaces of every kind and before letters of any case.
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.stages import grammar

PIECES = [".", "..", "...", "…", ",", ";", ":", "!", "?", ")", "]", ",.", ";.", "?!", " ", "  ", "\t", "\xa0",
          "\u202f", "\n", "\n ", "a", "the", "He", "É", "é", "1", "_", "\"", "”", "“", "’", "(", "—", "U.S."]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _whole_text(text: str) -> list[int] | None:
    """The signs as they were found: _PUNCTUATION_SIGNS's finditer over the whole text."""
    found = [p for m in grammar._PUNCTUATION_SIGNS.finditer(text) for p in range(m.start(), m.end())]
    return found if found or grammar._LOWER_FIRST.match(text) else None


@settings(max_examples=4000, deadline=None)
@given(TEXTS)
@example(",..a")  # a sign inside another's match of two marks: the next starts after it
@example("end ,\n the… x\xa0. .. ...a , ;.b!!c??")
def test_the_signs_tried_at_the_marks_starts_are_the_whole_texts(text):
    assert grammar._punctuation_signs(text) == _whole_text(text)


def test_a_long_text_merges_the_starts_as_it_finds_them():
    text = "word ,word.next\n lower. and;;then… x" * 4000  # (over 65,536 characters: merged, not sorted)
    assert grammar._punctuation_signs(text) == _whole_text(text)
