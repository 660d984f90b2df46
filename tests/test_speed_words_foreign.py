"""The foreign-words stage asks once which distinct pieces of a text hold a foreign word or noun
(`holding_either`), and looks for the words a rule reports only where they stand (`_reported`),
not among every word of the text: compared, proposal for proposal and in order, with the scan of
every word it stands in for (`_WORD.finditer` over the whole text), on texts of reported words
(nicht, straße, mañana) beside letters, digits, marks, handles, paths, apostrophes and combining
marks that make a string no word of the text (xnicht, nicht3, @nicht, l'nicht, nicht.de).
"""
from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages.mt import foreign_words
from cleanup.stages.registry import build_kind

STAGE = build_kind("foreign-words", load_rulebook())[0]

WORDS = ["nicht", "sehr", "straße", "mañana", "toujours", "schon", "wird", "niet", "dobrý", "the", "talks", "und",
         "Nicht", "xnicht", "nichts", "nicht3", "@nicht", "#sehr", "/schon", "l'nicht", "nicht’", "nicht.de",
         "nicht.", "e\u0301nicht", "nicht\u0301", "_nicht", "1nicht", "sehrsehr", "niet-nicht", "«nicht»", "ß",
         "Tagebuch", "Krankenhaus", "Bürgermeister", "Tagebuch eines", "xTagebuch", "Krankenhaus3"]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", ". ", ", ", "\n", "", "-"])),
                 max_size=14).map(lambda parts: "".join(w + s for w, s in parts))


def _proposals(text):
    return [tuple(p) for p in STAGE.propose(text, Context(text))]


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_reported_words_found_where_a_scan_of_every_word_finds_them(text):
    with mock.patch.object(foreign_words, "_reported", _every_match):
        expected = _proposals(text)  # every word of the text, as the stage looked before
    assert _proposals(text) == expected


def _every_match(pattern, judges, text, pieces, holding):
    return [(m.start(), m.end(), m.group(), report) for m in pattern.finditer(text)
            for report in [foreign_words._first_report(judges, m.group())] if report]


def test_a_reported_word_is_reported_and_one_inside_another_word_is_not():
    assert [p[:2] for p in _proposals("He said nicht and xnicht.")] == [(8, 13)]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_one_look_for_both_kinds_skips_only_texts_with_neither(text):
    with mock.patch.object(STAGE, "holding_either", lambda pieces: pieces):
        expected = _proposals(text)  # each kind looks at every distinct piece, as before
    assert _proposals(text) == expected
