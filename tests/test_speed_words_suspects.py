"""The words stage leaves alone the tokens that cannot lead to a proposal anywhere (`_may_report`):
a capitalised unknown word only leads to one when it is ASCII and close to a lexicon name.

Compared, proposal for proposal, with the stage that looks at every token with a verdict (`slow`
below: the test as it was), on texts of names misspelt once and twice (Blinkenn, Bidenn), names
no list knows (Quorvath), accented ones (Blínkenn), hyphenated compounds, lowercase unknown words
and run-ons, beside URLs and handles.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages.registry import build_kind
from cleanup.stages.words import WordsStage

STAGE = build_kind("words", load_rulebook())[0]

WORDS = ["Blinkenn", "Bidenn", "Blínkenn", "Quorvath", "Zelenskyy", "Zelenskiy", "Merkell", "Navalni", "Biden",
         "Quorvath-Blinkenn", "Bidenn-style", "fourhours", "theUnited", "usefulser", "Sobyaninhas", "Tu-95MS",
         "the", "talks", "@Bidenn", "www.Bidenn.com", "Bidenn's", "Quorvath’s", "NATO", "iPhone", "e\u0301",
         "Xsqwerty", "xsqwerty", "Albanesse", "Erdogann", "Erdoğann"]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", ". ", ", ", "\n", "-", " (", ") "])),
                 max_size=14).map(lambda parts: "".join(w + s for w, s in parts))


def _proposals(stage, text):
    return [tuple(p) for p in stage.propose(text, Context(text))]


def _fresh():
    """A stage with empty memos, as built (the suspects memo must not hold the other run's verdicts)."""
    return build_kind("words", load_rulebook())[0]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_tokens_set_aside_could_not_lead_to_a_proposal(text):
    fast, slow = _fresh(), _fresh()
    with mock.patch.object(WordsStage, "_may_report", lambda self, word: bool(self._verdicts(word))):  # every verdict
        expected = _proposals(slow, text)
    assert _proposals(fast, text) == expected


def test_a_misspelt_name_written_once_is_still_flagged():
    found = _proposals(_fresh(), "Blinkenn said so.")
    assert found and "Blinken" in found[0][4]
    assert not _proposals(_fresh(), "Quorvath said so.")
