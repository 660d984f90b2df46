"""The casing stage reads a long text (over casing._LONG_TEXT characters) in other ways: its words
from its distinct pieces, the places of lowercase words from one split of the text (a chunk at a time)
rather than a search per word. Here every text takes those ways (the threshold patched to 0, the chunks
a few characters), and the stage must report what a scan of every word reports
(tests/test_speed_casing.py's `slow`), proposal for proposal.
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
    with mock.patch.object(casing, "_LONG_TEXT", 0), mock.patch.object(casing, "_CHUNK", 7):
        proposals = list(STAGE.propose(text, Context(text)))
    assert proposals == [p for rule, _ in STAGE.rules for p in slow(text, rule)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(TEXTS, documents_with_names()))
def test_the_words_of_the_distinct_pieces_are_the_words_of_the_text(text):
    whole, pieces = casing._Scan(text, STAGE), casing._Scan(text, STAGE, TextView(text))
    assert (pieces.runs, pieces.capitalised) == (whole.runs, whole.capitalised)
    assert {n: set(words) for n, words in pieces.roles.items()} == {n: set(words) for n, words in whole.roles.items()}


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(TEXTS, documents_with_names()))
def test_a_long_text_has_the_words_it_stands_for(text):
    scan = casing._Scan(text, STAGE, TextView(text))
    lowercase = [m.group() for m in casing._LOWER_WORD.finditer(text)]
    lowercase += [w for m in casing._LOWER_PAIR.finditer(text, overlapped=True) for w in m.groups()]
    lowercase += [m.group() for m in casing._TOKEN.finditer(text) if m.group().islower()]
    assert all(scan.has(word) for word in lowercase)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(TEXTS, documents_with_names()), st.integers(1, 12))
def test_the_lowercase_runs_a_chunk_at_a_time_are_those_of_the_text(text, chunk):
    runs = casing.regex.findall(r"\p{Ll}+", text)
    wanted = set(runs[::2])
    with mock.patch.object(casing, "_CHUNK", chunk):
        found = list(casing._lowercase_runs_at(text, wanted))
    assert found == [(m.group(), m.start()) for m in casing.regex.finditer(r"\p{Ll}+", text) if m.group() in wanted]
