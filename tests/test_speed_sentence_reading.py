"""Duplicate sentences (issue 15): whether a text is plain is told by string searches, not by a class of
characters looked for in the whole text; blank lines are passed over before a line is read. Both as the
plain reading (tests/test_speed_structure_sentences.py) reads them.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.lines import split_lines
from cleanup.analysis.textview import TextView
from cleanup.stages import duplicate_sentence as ds
from cleanup.stages import structure

from .test_speed_structure_sentences import plain_copies

CHARACTERS = ["a", "A", " ", "\n", ".", "\u2019", "\u201c", "\u201d", "\u2018", "\u2013", "\u2014", "\u2026", "\u00e9",
              "\u00a0", "\u65b0", "\x7f", "\x80", "\U0001f600"]


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(CHARACTERS), max_size=12).map("".join))
def test_a_text_is_plain_when_no_character_beyond_ascii_but_common_marks_is_in_it(text):
    assert ds._plain(text) == (text.isascii() or ds._BEYOND_PLAIN.search(text) is None)


SENTENCE = "At the same time, men prefer to buy only jackets."
LINES = ["", "", " ", "\t", SENTENCE, SENTENCE.upper(), "\u201c" + SENTENCE + "\u201d", "caf\u00e9 " + SENTENCE,
         SENTENCE + " " + SENTENCE, "Short one."]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(LINES), max_size=10).map("\n".join))
def test_copies_across_blank_lines_are_those_of_the_plain_reading(text):
    lines = list(enumerate(split_lines(text)))
    assert list(ds.copies(text, lines, ds.Settings())) == list(plain_copies(text, lines, ds.Settings()))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(CHARACTERS), max_size=12).map("".join), st.integers(1, 4))
def test_a_long_text_is_told_plain_a_window_at_a_time(monkeypatch, text, window):
    monkeypatch.setattr(ds, "_PLAIN_WINDOW", window)
    assert ds._plain(text) == (text.isascii() or ds._BEYOND_PLAIN.search(text) is None)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab .\n\r\x0b\x00’“—…éЖ\u00a0", max_size=40))
def test_a_text_version_is_plain_by_the_characters_its_view_lists(text):
    # structure asks it of the view's list of characters beyond plain ASCII (ASCII controls and
    # common marks are plain; a text too dense with others to list is read itself)
    assert structure._plain_text(TextView(text)) == ds._plain(text)
