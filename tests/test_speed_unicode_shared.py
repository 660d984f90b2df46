"""The normalisers read the ftfy stage's first look at a text version (where its first candidate
and its first news candidate stand) instead of scanning the text again: that look tells exactly
which of their characters the text holds.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis.textview import TextView
from cleanup.stages.unicode import (
    _ANY_NORMALIZED,
    FTFY_CANDIDATE,
    FTFY_CANDIDATE_NEWS,
    _normalized_chars,
)

EVERY_CHAR = [chr(c) for c in range(0x110000)]


def test_every_normalised_character_is_a_candidate_and_all_but_the_no_break_space_news_candidates():
    normalised = [ch for ch in EVERY_CHAR if _ANY_NORMALIZED.match(ch)]
    assert all(FTFY_CANDIDATE.match(ch) for ch in normalised)
    assert [ch for ch in normalised if not FTFY_CANDIDATE_NEWS.match(ch)] == ["\u00a0"]
    assert all(FTFY_CANDIDATE.match(ch) for ch in EVERY_CHAR if FTFY_CANDIDATE_NEWS.match(ch))


PIECES = ["a", " ", "\n", "\t", "&", "’", "“", "—", "…", "©", "\u00a0", "\u202f", "\u2007", "\u3000", "\u200b",
          "\ufeff", "\u00ad", "\x00", "\x0b", "\x7f", "\x85", "\x9f", "é", "Ã©", "中"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_normalised_characters_found_are_those_of_a_scan_of_the_whole_text(text):
    assert _normalized_chars(TextView(text)) == frozenset(_ANY_NORMALIZED.findall(text))
