"""The transliterated-acronym detector looks first for two letters of each spelling it can report
(`_pairs_in`), a literal `re` finds fast: a text holding none of them holds no spelling, and the
stage flags what it flags when it searches every text for the spellings.
"""
from __future__ import annotations

import copy
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import lookalike

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "LookalikeStage")
TEXTS = st.lists(st.sampled_from(["VVS", "AVS", "SVS", "NVO", "VV", "VS", "NV", "SV", "V", "S", "A", "N", "O", "R",
                                  "U", "K", "x", "é", " ", "-", ".", "\n"]), max_size=14).map("".join)
ACRONYM_LISTS = st.lists(st.sampled_from(["BBC", "ABC", "CBC", "HBO", "NATO", "OKO", "TASS", "VVS", "EU", "OSCE",
                                          "HP", "BP", "CBS", "PBS", "YHBC", "MOST"]), max_size=8).map(tuple)


@settings(max_examples=2000, deadline=None)
@given(TEXTS, ACRONYM_LISTS)
def test_a_text_holding_a_spelling_holds_one_of_the_pairs(text, acronyms):
    spellings = lookalike._spellings(acronyms)
    pairs = lookalike._pairs_in(spellings)
    assert all(any(p.pattern in s for p in pairs) for s in spellings)  # (each spelling holds a pair)
    if any(s in text for s in spellings):
        assert any(p.search(text) for p in pairs)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_the_stage_flags_what_it_flags_searching_every_text_for_the_spellings(text):
    everywhere = copy.copy(STAGE)
    everywhere.pairs = [(re.compile(""),) if pairs else () for pairs in STAGE.pairs]  # (finds a "pair" in any text)
    assert list(STAGE.propose(text, Context(text))) == list(everywhere.propose(text, Context(text)))
