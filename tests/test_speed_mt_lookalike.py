"""The transliterated-acronym detector runs its scan only on texts holding one of the spellings
it can report (`_spellings`): the same flags as scanning every text.

The texts are runs of the capitals the scan reads (V N R S U A E K M O T), the
Latin letters they read back as, and what stands around a token.
"""
from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import lookalike

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "LookalikeStage")
TOKENS = ["VVS", "AVS", "SVS", "NVO", "BBC", "NATO", "VVSA", "OKO", "TASS", "V", "S", "A", "x", "é", "1", "-", ".",
          "Moscow", "MOST", "UNESCO", "UNESKO", "VOA", "SVK", "ЕС"]
TEXTS = st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(["", " ", "-", ".", "\n", ", "])),
                 max_size=20).map(lambda parts: "".join(t + s for t, s in parts))
ACRONYM_LISTS = st.lists(st.sampled_from(["BBC", "ABC", "CBC", "HBO", "NATO", "OKO", "TASS", "VVS", "EU", "OSCE",
                                          "MOST", "ECK", "AT", "TO", "HHH"]), max_size=8).map(tuple)


def _flags(proposals):
    return [(p.start, p.end, p.rule, p.message) for p in proposals]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_stage_flags_what_the_plain_scan_flags(text):
    rule, known, _ = STAGE.acronyms[0]
    expected = _flags(lookalike._transliterated_acronyms(text, rule, known))
    assert _flags(p for p in STAGE.propose(text, Context(text)) if p.rule == rule.id) == expected


@settings(max_examples=400, deadline=None)
@given(TEXTS, ACRONYM_LISTS)
def test_every_flagged_token_is_one_of_the_spellings(text, acronyms):
    rule = SimpleNamespace(id="r", message="m")
    spellings = lookalike._spellings(acronyms)
    for p in lookalike._transliterated_acronyms(text, rule, set(acronyms)):
        assert text[p.start:p.end] in spellings
