"""The machine-translation detectors, as a user meets them through clean() and the CLI.

Each detector: what it catches, the trap it must not fall into, and that its
edits are ordinary edits (spans in the original, levels, messages).
"""
from __future__ import annotations

import copy
import json
import re
from types import SimpleNamespace
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Level, clean
from cleanup.analysis import scan
from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import load_rule_file, load_rulebook
from cleanup.stages.mt import consistency, lookalike, repetition
from cleanup.stages.mt.foreign_words import claims_of
from cleanup.stages.registry import BuildEnv, build_kind
from cleanup.core.pipeline import Context
from cleanup.analysis.textview import TextView

MT_FAMILIES = ("name-consistency", "repetition", "script", "lookalike", "foreign-words")


def ours(result, family):
    return [e for e in result.edits if e.family == family]


# -- look-alike letters -------------------------------------------------------

def test_cyrillic_letter_inside_a_latin_word_is_fixed_and_named():
    result = clean("Talks in M\u043escow ended.")
    assert result.text == "Talks in Moscow ended."
    (edit,) = ours(result, "lookalike")
    assert edit.applied and edit.level is Level.FIX
    assert "U+043E CYRILLIC SMALL LETTER O" in edit.message


def test_greek_capital_iota_becomes_a_capital_i():
    assert clean("The \u0399nternational Court ruled.").text == "The International Court ruled."


def test_a_word_wholly_in_another_script_is_not_a_lookalike():
    result = clean("He said \u0441\u043e\u0440 and left.", level="suggest")  # сор: all Cyrillic
    assert result.text == "He said \u0441\u043e\u0440 and left."
    assert not ours(result, "lookalike")


# -- repetition loops ---------------------------------------------------------

def test_four_repetitions_are_collapsed_by_default():
    result = clean("He closed: Thank you Thank you Thank you Thank you")
    assert result.text == "He closed: Thank you"
    (edit,) = ours(result, "repetition")
    assert "4×" in edit.message and edit.level is Level.FIX


def test_three_repetitions_are_only_suggested():
    text = "The plan the plan the plan is ready."
    assert clean(text).text == text
    (edit,) = ours(clean(text), "repetition")
    assert edit.level is Level.SUGGEST and not edit.applied and "3×" in edit.message
    assert clean(text, level="suggest").text == "The plan is ready."


def test_a_loop_across_line_ends_is_collapsed():
    text = "Talks resumed.\n\u30fc Daily News\n\u30fc Daily News\n\u30fc Daily News\n\u30fc Daily News\nEnd."
    assert clean(text).text == "Talks resumed.\n\u30fc Daily News\nEnd."


@pytest.mark.parametrize("text", [
    "She said no, no, no, no and walked out.",
    "The audience laughed: ha ha ha ha ha.",
    "The band opened with \"Yeah Yeah Yeah Yeah\" on Monday.",
    "Location, location, location, location: that is the rule.",
])
def test_legitimate_repetition_stays(text):
    result = clean(text, level="suggest")
    assert not ours(result, "repetition")


# -- untranslated script --------------------------------------------------------

def test_a_cyrillic_quotation_is_flagged_not_fixed():
    text = "The spokesman said: \u00ab\u041c\u044b \u0433\u043e\u0442\u043e\u0432\u044b \u043a " \
           "\u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u0430\u043c\u00bb, and left."
    result = clean(text, level="suggest")
    assert result.text == text
    (edit,) = ours(result, "script")
    assert edit.level is Level.FLAG and edit.replacement is None
    assert "Cyrillic" in edit.message and edit.original.startswith("\u041c\u044b")


def test_han_run_is_flagged_and_its_fullwidth_brackets_suggested():
    result = clean("Xi Jinping\uff08\u4e60\u8fd1\u5e73\uff09arrived.", level="suggest")
    assert result.text == "Xi Jinping (\u4e60\u8fd1\u5e73) arrived."
    flags = [e for e in ours(result, "script") if e.level is Level.FLAG]
    assert [e.original for e in flags] == ["\u4e60\u8fd1\u5e73"] and "Han" in flags[0].message


def test_ideographic_punctuation_between_english_words_gets_ascii():
    text = "Officials said\uff1aprices rose in March\uff0cand fell in April\u3002"
    assert clean(text, level="suggest").text == "Officials said: prices rose in March, and fell in April."
    assert clean(text).text == text  # suggestions only


def test_katakana_middle_dot_becomes_a_hyphen_or_the_known_name():
    assert clean("They met in Saint\u30fbDenis.", level="suggest").text == "They met in Saint-Denis."
    assert clean("Vladimir\u30fbPutin arrived.", level="suggest").text == "Vladimir Putin arrived."


@pytest.mark.parametrize("text", [
    "Jerome (Greek: \u0395\u1f50\u03c3\u03ad\u03b2\u03b9\u03bf\u03c2) was a priest.",   # labelled gloss
    "Ichiy\u014d Higuchi (\u6a0b\u53e3 \u4e00\u8449, 1872) was a writer.",                # name gloss
    "The density \u03c1 rises.",                                                          # a symbol
])
def test_glosses_and_symbols_are_not_untranslated_text(text):
    assert not ours(clean(text, level="suggest"), "script")


def test_a_text_that_is_not_english_is_left_to_itself():
    text = "\u041f\u0443\u0442\u0438\u043d \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e " \
           "\u0433\u043e\u0442\u043e\u0432 \u043a \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u0430\u043c."
    assert not ours(clean(text, level="suggest"), "script")


# -- name consistency ----------------------------------------------------------

def test_minority_spelling_gets_the_dominant_one_with_counts():
    text = ("Anneliese Michel was born in 1952. Anneliese grew up in Bavaria. "
            "Her parents said Annelise was devout. Anneliese's illness began in 1968.")
    result = clean(text, level="suggest")
    assert "said Anneliese was devout" in result.text
    (edit,) = ours(result, "name-consistency")
    assert edit.original == "Annelise" and edit.level is Level.SUGGEST
    assert "3× Anneliese, 1× Annelise" in edit.message


def test_weak_evidence_is_only_flagged():
    result = clean("Tomasz Wolski spoke. Then Wolski answered, and Wolsky left.", level="suggest")
    (edit,) = ours(result, "name-consistency")
    assert edit.original == "Wolsky" and edit.level is Level.FLAG and edit.replacement is None
    assert "2× Wolski, 1× Wolsky" in edit.message


def test_the_lexicon_spelling_dominates_even_when_outnumbered():
    result = clean("Mishustyn arrived. Mishustyn spoke. Prime Minister Mikhail Mishustin left.", level="suggest")
    assert result.text.count("Mishustin") == 3
    assert all("names lexicon" in e.message for e in ours(result, "name-consistency"))


@pytest.mark.parametrize("text", [
    "Kim Jong Il ruled until 2011. His son Kim Jong Un succeeded him. Kim Jong Un met Kim Jong Il's widow.",
    "Xi Jinping met Li Qiang. Xi spoke first; Li spoke later. Xi and Li left together.",
    "Putin met Peskov. Putin spoke; Peskov took notes. Putin left.",
    "Mario Andretti won in 1969. Mario retired in 1994. His grandson Marco Andretti raced. Mario watched.",
    # a different full name: another person, not a slip
    "Anatoliy Kuzmin spoke. Anatoliy Kuzmin left. Kuzmin returned with Anatolij Petrenko.",
])
def test_distinct_people_never_merge(text):
    assert not ours(clean(text, level="suggest"), "name-consistency")


# -- words left in the source language ------------------------------------------

def test_a_foreign_word_among_english_ones_is_flagged_with_its_language():
    result = clean("Officials discussed the desarrollo of the region.")
    (edit,) = ours(result, "foreign-words")
    assert edit.original == "desarrollo" and edit.level is Level.FLAG and "Spanish" in edit.message


@pytest.mark.parametrize("text", [
    "The caf\u00e9 served a na\u00efve cr\u00e8me br\u00fbl\u00e9e.",
    "It was d\u00e9j\u00e0 vu.",
    "He cited the title De to hovedarter af grammatiske forbindelser.",  # a cited phrase, not a slip
])
def test_loanwords_and_cited_phrases_are_not_flagged(text):
    assert not ours(clean(text, level="suggest"), "foreign-words")


def test_claims_tells_the_words_stage_which_tokens_are_foreign():
    claims = claims_of(BuildEnv(load_rulebook()))
    assert claims("toutefois") and claims("desarrollo")
    assert not claims("caf\u00e9") and not claims("Putin") and not claims("house")


# -- like any other edit ---------------------------------------------------------

def test_every_detector_reports_spans_in_the_original_through_the_cli(cli):
    text = ("Talks in M\u043escow\uff0cand \u00ab\u041c\u044b \u0433\u043e\u0442\u043e\u0432\u044b\u00bb. "
            "The desarrollo was slow. Thank you Thank you Thank you Thank you\n"
            "Wolski spoke. Wolski left. Wolski returned. Wolsky waved.\n")
    out = cli("check", "--format", "json", "-", input=text.encode("utf-8"))
    records = json.loads(out.stdout)
    families = {r["rule"].split(".")[0] for r in records}
    assert set(MT_FAMILIES) <= families, families
    for r in records:
        assert text[r["start"]:r["end"]] == r["original"], r


def test_the_detector_block_of_the_schema_rejects_unknown_fields(tmp_path):
    path = tmp_path / "loops.yaml"
    path.write_text("id: loops\nkind: repetition\ndescription: d\nrules:\n  - id: loop\n    detector: loop\n"
                    "    min_repeat: 3\n    message: m\nexamples:\n  - unchanged: x\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"loops.yaml:7: .*min_repeat"):
        load_rule_file(path)


# -- the first looks skip only what has nothing to report ---------------------------
# Each detector looks at a text in Python only where a cheap scan says something may
# be. With those scans made to find something everywhere, it must report the same.

BOOK = load_rulebook()
STAGE = {kind: build_kind(kind, BOOK)[0]
         for kind in ("lookalike", "repetition", "script", "consistency", "foreign-words")}
ANYWHERE = re.compile("")
WORDS = ["the", "The", "talks", "plan", "Thank", "you", "YOU", "no", "ha", "very", "Daily", "News", "\u30fc",
         "Anneliese", "Annelise", "Anneliese's", "Wolski", "Wolsky", "Kennedy", "Kennedys", "Zurich", "Z\u00fcrich",
         "Mario", "Marco", "toutefois", "desarrollo", "aber", "caf\u00e9", "na\u00efve", "pas", "La", "notte",
         "M\u043escow", "N\u0410\u0422\u041e", "\u0399nternational", "\u0441\u043e\u0440", "\u03c1",
         "\u00b5m", "\u041f\u0443\u0442\u0438\u043d", "\u4e60\u8fd1\u5e73", "\u0e01", "\u3005", "\u0640",
         "\uff08", "\uff09", "\u3001", "\u3002", "\uff0c", "Saint\u30fbDenis", "e\u0301", "\U0001f600",
         "Greek:", "(", ")", "\u201c", "\u201d", '"', ",", ".", "...", "!", "?", "-", "1", "000", "_", "'", "\u2019s"]
SPACES = [" ", " ", " ", "", "\n", "\n\n", "\t", "\x1c", "\u3000", "\u00a0"]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts))


def _proposals(stage, text):
    return list(stage.propose(text, Context(text)))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_first_looks_change_nothing_reported(text):
    script = copy.copy(STAGE["script"])
    script.rare = script.gate = ANYWHERE
    foreign = copy.copy(STAGE["foreign-words"])
    foreign.plain = SimpleNamespace(any=lambda pieces: True)
    assert _proposals(STAGE["script"], text) == _proposals(script, text)
    assert _proposals(STAGE["foreign-words"], text) == _proposals(foreign, text)
    with mock.patch.object(lookalike, "_maybe_foreign", lambda: ANYWHERE):
        unscanned = _proposals(STAGE["lookalike"], text)
    assert _proposals(STAGE["lookalike"], text) == unscanned


NAMES = st.lists(st.tuples(st.sampled_from(["Anneliese", "Annelise", "Anneliese's", "Wolski", "Wolsky", "Wolskis",
                                            "Tomasz", "Mishustin", "Mishustyn", "Kennedy", "Kennedys", "Zurich",
                                            "Z\u00fcrich", "Mario", "Marco", "Sergei", "Sergey", "Lavrov", "spoke"]),
                           st.sampled_from([" ", ". ", "-", ", "])), max_size=30).map(
    lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=300, deadline=None)
@given(NAMES)
def test_name_consistency_skips_only_texts_without_two_close_names(text):
    with mock.patch.object(consistency, "_any_close", lambda *args: True):
        unscanned = _proposals(STAGE["consistency"], text)
    assert _proposals(STAGE["consistency"], text) == unscanned


LOOPS = [STAGE["repetition"].rules[0],
         repetition.Loops(SimpleNamespace(settings=repetition.Loop(min_repeats=2, max_unit_tokens=3)))]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_loops_are_found_from_the_marked_starts_as_from_every_token(text):
    pieces, marks = STAGE["repetition"].stream(TextView(text))
    words = [t.casefold() for t in repetition._TOKEN.findall(text)]
    assert [w for p in pieces for w in repetition._words(p)] == words and len(marks) == len(words)
    for loops in LOOPS:
        assert list(loops.found(words, loops.starts(marks))) == list(loops.found(words, range(len(words))))


def test_rare_chars_finds_what_matters_and_all_beyond_the_usual_blocks():
    digits = scan.rare_chars(str.isdigit)
    assert not digits.search("plain text, \u201cquoted\u201d \u2014 caf\u00e9")
    assert all(digits.search(text) for text in ("in 1999", "\u0661", "\u0416", "\U0001f600"))
    usual = {c for r in scan._USUAL for c in r}
    every = "".join(map(chr, range(0x110000)))
    found = {ord(m.group()) for m in digits.finditer(every)}
    assert found == {c for c in range(0x110000) if c not in usual or chr(c).isdigit()}


def test_every_space_split_drops_but_a_token_holds_is_known():
    every = "".join(map(chr, range(0x110000)))
    spaces = set(every) - set("".join(every.split()))
    assert max(map(ord, spaces)) <= 0x3000
    assert {c for c in spaces if repetition._TOKEN.match(c)} == set(repetition._NOT_SPACE)
