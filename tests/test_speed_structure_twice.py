"""Repeated words: the words said twice in a window are found by one pattern (issue 15), not by comparing
every word with the next: where a word may repeat is what comparing neighbouring words tells.

The plain reading (test_memory_replace_structure's) makes the whole text's words (a "#" one of its own)
and takes those alike to their neighbour. Texts are built from what sits at the edges of a word: other letters, marks, figures, tabs,
letters beyond ASCII, a window's cut.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.textview import TextView
from cleanup.stages import structure

from .test_memory_replace_structure import _plain_repeat_starts, spaced_texts

WORDS = ["the", "The", "THE", "then", "he", "a", "A", "x", "\u212aelvin", "kelvin", "caf\u00e9", "CAF\u00c9", "\u017fo",
         "so", "\u65b0", "1", "s1", "_", "'", "\u2019", "-", ".", "(", '"', "#"]
GAPS = [" ", "  ", "\t", " \t ", "", "\n", ", ", "#", "\u00a0", "\u3000"]
# (and the memory test's texts: words of other scripts, runs of spaces, between windows of every size)
texts = st.one_of(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=40).map(
    lambda parts: "".join(w + g for w, g in parts)), spaced_texts)


@settings(max_examples=900, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.integers(1, 8))
def test_where_a_word_may_repeat_is_where_neighbouring_words_are_alike(monkeypatch, text, piece):
    monkeypatch.setattr(structure, "_SMALL_PIECE", piece)
    view = TextView(text)
    assert structure._repeat_starts(view) == _plain_repeat_starts(view)


def test_a_word_said_twice_at_the_start_and_after_marks_is_found():
    for text in ["the the", "(the the)", "\u201cThe the\u201d", "x.the\tthe", "a a a", "so \u017fo"]:
        assert structure._repeat_starts(TextView(text)) == _plain_repeat_starts(TextView(text)) != []


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(WORDS + GAPS + ["\u2019", "\u201c", "\u2026", "\u2014"]), max_size=20).map("".join))
def test_a_plain_text_has_no_letter_to_make_ascii(text):
    """Whether the text is plain is asked once (it skips _ascii_letters): a plain text is its own ASCII letters."""
    if structure._plain_text(TextView(text)):
        assert structure._ascii_letters(text) == text
