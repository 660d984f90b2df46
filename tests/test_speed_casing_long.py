"""The casing stage reads a long text (over casing._LONG_TEXT characters) in other ways: its words
from its distinct pieces. Here every text takes those ways (the threshold patched to 0), and the stage
must report what a scan of every word reports (tests/test_speed_casing.py's `slow`), proposal for proposal.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.textview import TextView
from cleanup.core.pipeline import Context
from cleanup.stages.mt import casing
from tests.test_speed_casing import STAGE, TEXTS, documents_with_names, slow


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(TEXTS, documents_with_names()))
def test_a_long_text_read_its_own_ways_gives_what_every_word_gives(text):
    with mock.patch.object(casing, "_LONG_TEXT", 0):
        proposals = list(STAGE.propose(text, Context(text)))
    assert proposals == [p for rule, _ in STAGE.rules for p in slow(text, rule)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(TEXTS, documents_with_names()))
def test_the_words_of_the_distinct_pieces_are_the_words_of_the_text(text):
    whole, pieces = casing._Scan(text, STAGE), casing._Scan(text, STAGE, TextView(text))
    assert (pieces.runs, pieces.capitalised) == (whole.runs, whole.capitalised)
    assert {n: set(words) for n, words in pieces.roles.items()} == {n: set(words) for n, words in whole.roles.items()}
