"""Doubled punctuation is tried only where its mark is among the punctuation signs: it reports
exactly what the detector's pattern finds over the whole text (runs of marks, ellipses, "?!",
abbreviations, marks beside spaces and letters)."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.stages import grammar

PIECES = [".", "..", "...", ",", ";", "!", "?", ",.", ";.", " ", "\n", "He", "U.S.", "a", "É", "1", ")", "”", "…"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
@example("a,,, b;;.. c....  d?!?? e,.;.")
def test_tried_at_the_signs_it_finds_what_the_whole_texts_search_finds(text):
    signs = grammar.Scans(text).punctuation_signs
    expected = [m.span() for m in grammar._DOUBLED.finditer(text)]
    assert [m.span() for m in grammar._doubled_matches(text, signs or [])] == expected
