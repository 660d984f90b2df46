"""name-consistency's first look skips a text when no two of its spellings can pair (`_none_close`:
keys two close spellings share, and a common word's distance to each unknown spelling). Where it
says so, no pair of the spellings is close and counted (of every pair, not only those sharing a
bucket), for the rule's settings and for others; and the first look answers as without it.

Spellings are made close on purpose: a made-up name with a letter changed, added or dropped, a
case ending, a transliteration (w / v, c / k), a space or hyphen inside, beside common words
(England / English, State / States), names the lists know, and lexicon names with their slips.
"""
from __future__ import annotations

import zlib
from dataclasses import replace
from itertools import combinations
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.analysis.lexicon import key
from cleanup.stages.mt import consistency

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "ConsistencyStage")
RULE = STAGE.rules[0][0]
SETTINGS = [RULE.settings,
            replace(RULE.settings, shared_prefix=6, loose_prefix=3),
            replace(RULE.settings, shared_suffix=0, loose_prefix=0, letters_per_edit=3),
            replace(RULE.settings, case_endings=("ich", "a", "ami"), shared_suffix=3, letters_per_edit=2),
            replace(RULE.settings, shared_prefix=0, loose_prefix=2, loose_letters_per_edit=2),
            replace(RULE.settings, suffix_max_zipf=4.0)]
CLOSENESS = [consistency.Closeness(s) for s in SETTINGS]
WORDS = ["There", "These", "State", "States", "England", "English", "President", "Presidents", "Kermit", "Kermie",
         "Canada", "Kanata", "Russia", "Russian", "Democrats", "Democracy", "Translators", "Translation", "While",
         "White", "Mario", "Marco", "Sergei", "Sergey", "Zurich", "Zürich", "Bernoulli", "Bernoullis", "New York",
         "Prime Minister", "Xi Jinping", "Xijinping", "Mishustin", "Mishoustin", "Vladimir", "Wladimir", "Omicron",
         "Omikron", "Omiquelon", "Omicronom", "Yatsuri", "Matsuri", "Kin-nikuman", "Kinnikuman", "Chudnov", "Church"]
CHANGES = ["same", "change", "add", "drop", "ending", "swap", "split", "two", "change two", "add two"]
LETTERS = "aeioukcwvshtnrlmyzq"


@st.composite
def _variant(draw, base: str) -> str:
    """`base` changed as a translation system changes a name."""
    how = draw(st.sampled_from(CHANGES))
    i = draw(st.integers(1, len(base)))
    letter = draw(st.sampled_from(LETTERS))
    if how == "change":
        base = base[:i] + letter + base[i + 1:]
    elif how in ("change two", "add two"):
        j, other = draw(st.integers(1, len(base))), draw(st.sampled_from(LETTERS))
        kept = 1 if how == "change two" else 0  # (letters replaced)
        base = base[:i] + letter + base[i + kept:]
        base = base[:j] + other + base[j + kept:]
    elif how == "add":
        base = base[:i] + letter + base[i:]
    elif how == "drop":
        base = base[:i] + base[i + 1:]
    elif how == "ending":
        base += draw(st.sampled_from(["a", "om", "ym", "ogo", "ich", "ami", "s", "e"]))
    elif how == "swap":
        base = base.replace(*draw(st.sampled_from([("w", "v"), ("v", "w"), ("c", "k"), ("k", "c"), ("y", "i")])))
    elif how == "split" and 1 < i < len(base) - 1:
        second = base[i].upper() if letter < "m" else base[i]
        base = base[:i] + draw(st.sampled_from([" ", "-"])) + second + base[i + 1:]
    elif how == "two":
        base = base[:i] + letter + base[i + 2:]
    return base[:1].upper() + base[1:]


@st.composite
def _forms(draw) -> set:
    bases = draw(st.lists(st.text(st.sampled_from(LETTERS), min_size=3, max_size=16), max_size=3))
    made_up = [draw(_variant(b)) for b in bases for _ in range(draw(st.integers(1, 3)))]
    return set(draw(st.lists(st.sampled_from(WORDS), max_size=8)) + made_up)


def _listed(seed: int):
    """A word list of its own: each spelling unknown, rare, a name or common by its checksum (so
    that made-up spellings are also known and open, or common words, and not only unknown)."""
    return lambda word: (0.0, 1.5, 2.7, 4.5)[(zlib.crc32(word.encode()) + seed) % 4]


def _counted_pairs(forms, closeness):
    """Every pair of `forms` close() accepts that the first look counts (see _any_close)."""
    return [(a, b) for a, b in combinations(sorted(forms), 2)
            if consistency.close(a, b, closeness) and not consistency._two_words(a, b, closeness)
            and not (key(a) in STAGE.lex and key(b) in STAGE.lex)]


@settings(max_examples=1500, deadline=None)
@given(_forms(), st.sampled_from(range(len(SETTINGS))))
def test_a_skipped_set_of_spellings_has_no_pair_that_counts(forms, which):
    closeness = CLOSENESS[which]
    if consistency._none_close(forms, closeness, STAGE.known):
        assert _counted_pairs(forms, closeness) == []


@st.composite
def _pair(draw) -> set:
    base = draw(st.text(st.sampled_from(LETTERS), min_size=4, max_size=16))
    return {draw(_variant(base)), draw(_variant(base))}


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_forms(), _pair(), _pair()), st.sampled_from(range(len(SETTINGS))), st.integers(0, 3))
def test_the_same_with_made_up_spellings_known_to_the_lists(forms, which, seed):
    with mock.patch.object(consistency, "zipf", _listed(seed)):
        closeness = consistency.Closeness(SETTINGS[which])  # (its memos hold the word list's verdicts)
        if consistency._none_close(forms, closeness, STAGE.known):
            assert _counted_pairs(forms, closeness) == []


@settings(max_examples=500, deadline=None)
@given(_forms(), st.sampled_from(range(len(SETTINGS))))
def test_the_first_look_answers_as_without_the_skip(forms, which):
    closeness = CLOSENESS[which]
    found = consistency._any_close(forms, closeness, STAGE.lex, STAGE.known)
    assert found == consistency._any_close(forms, closeness, STAGE.lex)  # (the lexicon's forms found plainly)
    with mock.patch.object(consistency, "_none_close", lambda *args: False):
        assert found == consistency._any_close(forms, closeness, STAGE.lex)


def test_common_words_and_far_names_are_skipped_and_slips_are_not():
    closeness = CLOSENESS[0]
    assert consistency._none_close({"England", "English", "State", "States", "Omicron", "Zelensky"}, closeness,
                                   STAGE.known)
    assert consistency._none_close({"Xi Jinping", "Xijinping", "There"}, closeness, STAGE.known)  # (both known)
    for pair in [("Omicron", "Omikron"), ("Omicron", "Omicronom"), ("Wolski", "Wolsky"), ("England", "Englend"),
                 ("Russia", "Russiaom"), ("Anneliese", "Annelise"), ("Omik Jong", "Omikjong")]:
        assert not consistency._none_close(set(pair), closeness, STAGE.known), pair
