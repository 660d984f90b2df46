"""The offline grammar checks (cleanup/rules/grammar.yaml), beyond the file's own examples.

The examples in cleanup/rules/grammar.yaml run in tests/test_rule_examples.py; these
tests cover what examples cannot say: exact positions in a real document,
levels, what a user's own grammar rule file does, and properties over
arbitrary text.
"""
from __future__ import annotations

import re
from contextlib import ExitStack
from unittest import mock

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup import clean
from cleanup.core.edits import Level
from cleanup.rulebook.loading import RuleBook, load_rule_file, load_rulebook
from cleanup.stages import build_pipeline, grammar
from cleanup.stages.registry import build_kind

from .conftest import SAMPLES, sample_inputs

SHIPPED = load_rulebook()
GRAMMAR = build_kind("grammar", SHIPPED)[0]


def test_seed004_stray_closing_quote_is_flagged_at_its_original_position():
    text = (SAMPLES / "seed004.txt").read_text(encoding="utf-8")
    stray = text.index("initiative”") + len("initiative")
    quotes = [e for e in clean(text).edits if e.rule == "grammar.unbalanced-quotes"]
    # the document has dozens of paired quotes; only the stray one is reported
    assert [(e.start, e.end, e.original, e.level, e.applied) for e in quotes] == [
        (stray, stray + 1, "”", Level.FLAG, False)]


def test_offline_checks_change_nothing_at_the_default_level():
    text = ("It was a opening , talks.The end,, he said. the rest “was quoted.\n"
            + "".join(p.read_text(encoding="utf-8") for p in sample_inputs()))
    result = clean(text)
    found = [e for e in result.edits if e.family == "grammar"]
    assert {e.rule for e in found} >= {"grammar.a-an", "grammar.space-before-punctuation",
                                       "grammar.missing-space-after", "grammar.doubled-punctuation",
                                       "grammar.lowercase-start", "grammar.unbalanced-quotes"}
    assert not any(e.applied for e in found)
    assert all(e.original == result.original[e.start:e.end] for e in found)


def test_at_suggest_level_the_suggestions_are_applied():
    result = clean("It was a opening , talks.The end,, he said. the rest.", level="suggest")
    assert result.text == "It was an opening, talks. The end, he said. The rest."


def _user_rules(tmp_path, body: str) -> RuleBook:
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine\nkind: grammar\ndescription: d\n" + body
                    + "examples:\n  - unchanged: x\n", encoding="utf-8")
    return RuleBook((load_rule_file(path),))


def test_a_users_rule_file_sets_the_level_and_its_own_exceptions(tmp_path):
    book = _user_rules(tmp_path, "rules:\n  - id: articles\n    detector: a-an\n    level: fix\n"
                                 "    exceptions: ['an herb*']\n    message: article\n")
    result = build_pipeline(book).run("A herb garden and a apple tree.")
    assert result.text == "An herb garden and an apple tree."
    assert [(e.rule, e.applied) for e in result.edits] == [("mine.articles", True)] * 2


def test_a_flag_level_rule_reports_without_a_replacement(tmp_path):
    book = _user_rules(tmp_path, "rules:\n  - id: spaces\n    detector: space-before-punctuation\n"
                                 "    level: flag\n    message: space\n")
    result = build_pipeline(book).run("Prices rose , then fell .")
    assert [(e.original, e.replacement, e.level) for e in result.edits] == [(" ", None, Level.FLAG)] * 2
    assert result.text == result.original


PIECES = list("aAnN eiouhU.,;:!?\"“”«»()[]{}\n\t'’-…😀é") + ["an ", "a ", "An ", " the", "MP", "e.g. ", "1)"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_every_offline_proposal_lies_within_the_text_and_is_well_formed(text):
    for p in GRAMMAR.propose(text, None):
        assert 0 <= p.start <= p.end <= len(text)
        if p.level is Level.FLAG:
            assert p.replacement is None and p.end > p.start
        else:
            assert p.replacement != text[p.start:p.end]


# -- the signs: a detector looks only where its sign is ---------------------------
# With every sign found everywhere (and no text paired in turn), the detectors run as
# plain finditer loops over the whole text; they must report exactly the same.

EVERYWHERE, NOWHERE = re.compile(r"(?s)."), re.compile(r"(?!)")


def _articles_everywhere(exceptions):
    articles = grammar._Articles(exceptions)
    articles.signs = (EVERYWHERE,)
    return articles


def _signs_everywhere() -> ExitStack:
    stack = ExitStack()
    for name in ("_SPACED_MARK", "_GLUED_MARK", "_DOUBLE_MARK", "_PUNCTUATION_SIGNS", "_AFTER_STOP"):
        stack.enter_context(mock.patch.object(grammar, name, EVERYWHERE))
    for name in ("_QUOTES_IN_TURN", "_BRACKETS_IN_TURN", "_ALL_IN_TURN"):
        stack.enter_context(mock.patch.object(grammar, name, NOWHERE))
    stack.enter_context(mock.patch.object(grammar, "_SIGN_STARTS", {"": EVERYWHERE}))  # (a start at every place)
    stack.enter_context(mock.patch.object(grammar, "_articles", _articles_everywhere))
    return stack


WORDS = ["the", "said", "hour", "honest", "one", "unit", "union", "apple", "book", "idea", "x-ray", "F-16", "MP",
         "NATO", "US", "mRNA", "e.g.", "U.S.", "Mr.", "de", "\u00e9t\u00e9", "e\u0301", "\u0130", "\u00df", "_",
         '12"', '\u00b2"', "talks.The", "end,,", "a", "an", "A", "An", "AN", "a", "an"]
SIGN_TEXT = st.lists(st.tuples(st.sampled_from(PIECES + WORDS + WORDS), st.sampled_from([" ", " ", "", "\n", "\t"])),
                     max_size=40).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=400, deadline=None)
@given(SIGN_TEXT)
@example('Rain, 12" of it, fell "all day.')  # inches, then a quotation
@example("It was an an book, a hour, a one-off and an apple.")  # the article "an" taken as a word
@example("the end.\nthe start")
def test_signs_change_nothing_reported(text):
    signed = list(GRAMMAR.propose(text, None))
    with _signs_everywhere():
        assert signed == list(GRAMMAR.propose(text, None))


EVERY_CHAR = "".join(map(chr, range(0x110000)))


def test_what_may_be_a_letter_covers_every_letter():
    assert re.fullmatch(f"{grammar._LETTERISH}*", "".join(regex.findall(r"\p{L}", EVERY_CHAR)))
    assert re.fullmatch(f"{grammar._LOWERISH}*", "".join(regex.findall(r"\p{Ll}", EVERY_CHAR)))


def test_what_re_takes_for_a_letter_or_digit_is_one_for_the_detectors_too():
    # the article signs read re's [^\W_] as a character of a word
    assert regex.fullmatch(r"[\p{L}\p{N}]*", "".join(re.findall(r"[^\W_]", EVERY_CHAR)))


# -- spacing around marks and quotes, as machine translation leaves it -------------

def _suggested(text, rule):
    return [e for e in clean(text, level="suggest").edits if e.rule == rule]


def test_a_mark_between_a_space_and_the_next_word_moves_in_one_edit():
    text = "They signed a partnership .He left on Monday ,and returned."
    assert clean(text, level="suggest").text == "They signed a partnership. He left on Monday, and returned."
    edits = _suggested(text, "grammar.space-before-punctuation")
    assert [(e.original, e.replacement) for e in edits] == [(" .", ". "), (" ,", ", ")]


def test_a_closing_quote_glued_to_the_next_word_gets_its_space_after_it():
    text = '"We need three days,"she said."We have food."'
    assert clean(text, level="suggest").text == '"We need three days," she said. "We have food."'
    assert clean(text).text == text  # a suggestion only
    # a quotation opened on an earlier line closes here
    assert clean('It made the perfect backdrop,"says the park.', level="suggest").text == \
        'It made the perfect backdrop," says the park.'


def test_an_opening_quote_after_a_colon_gets_its_space_before_it():
    assert clean('He said:"We are ready."', level="suggest").text == 'He said: "We are ready."'


def test_a_full_stop_glued_to_a_lowercase_word_is_a_missing_space_but_a_domain_is_not():
    assert _suggested("It ended at the same time.workers left.", "grammar.missing-space-after")
    for text in ("See english.news.cn and example.com/news today.", "Open report.pdf or data.json now.",
                 "Visit kremlin.ru, then write to press@kremlin.ru."):
        assert not _suggested(text, "grammar.missing-space-after"), text


def test_tokeniser_quotes_become_a_pair_of_straight_ones():
    text = "Each member gets a `` report card '' now."
    (edit,) = _suggested(text, "grammar.tokenized-quotes")
    assert edit.original == "`` report card ''" and edit.replacement == '"report card"'


def test_a_doubled_straight_quote_loses_one_at_each_end():
    assert clean('He shouted ""Run!"" and left.', level="suggest").text == 'He shouted "Run!" and left.'
