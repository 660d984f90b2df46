"""Repetition as real machine translation makes it: unbounded loops and phrases said twice."""
from __future__ import annotations

import pytest

from cleanup import Level, clean


def ours(result, rule):
    return [e for e in result.edits if e.rule == rule]


def test_a_loop_whose_unit_holds_a_comma_is_still_a_loop_when_unbounded():
    text = "They keep to \"one post, " + "one post, " * 30 + "one post\nNext line."
    result = clean(text)
    assert result.text == "They keep to \"one post\nNext line."
    (edit,) = ours(result, "repetition.loop")
    assert edit.level is Level.FIX and "32×" not in edit.message and "31×" in edit.message


def test_forty_copies_of_an_exception_word_collapse():
    result = clean("It was " + "very " * 40 + "cold.")
    assert result.text == "It was very cold."


@pytest.mark.parametrize("text", [
    "She said no, no, no, no, no and walked out.",
    "The audience laughed: ha ha ha ha ha ha.",
    "Location, location, location, location: that is the rule.",
])
def test_short_repetitions_of_exceptions_and_lists_stay(text):
    assert not ours(clean(text, level="suggest"), "repetition.loop")


def test_a_row_of_figures_is_never_a_loop():
    text = "Scores: " + "0 " * 30 + "in all."
    assert clean(text, level="suggest").text == text


def test_collapsing_a_long_comma_loop_is_idempotent():
    once = clean("Rule: " + "one seat, " * 20 + "one seat.").text
    assert once == "Rule: one seat."
    assert clean(once).text == once


def test_a_phrase_twice_is_flagged_once_with_the_phrase():
    result = clean("The rules follow \"needs-based, needs-based, open management\" in every county.")
    (edit,) = ours(result, "repetition.doubled-phrase")
    assert edit.level is Level.FLAG and edit.original == "needs-based, needs-based"
    assert "'needs-based'" in edit.message


def test_a_phrase_joined_by_or_is_flagged():
    (edit,) = ours(clean("Give it as a year-end gift or year-end gift!"), "repetition.doubled-phrase")
    assert edit.original == "year-end gift or year-end gift"


@pytest.mark.parametrize("text", [
    "Thank you, thank you, she said.",
    "They sang New York, New York at the end.",
    "Sales rose 5 percent and 5 percent again.",
    "It grew more and more, and again and again.",
    "He said: the talks, the talks were long.",  # one word and an article: the loop rules' business
])
def test_what_people_say_twice_is_not_flagged(text):
    assert not ours(clean(text), "repetition.doubled-phrase")


def test_three_copies_are_a_loop_not_a_doubled_phrase():
    result = clean("The aim is lower costs, lower costs, lower costs, lower costs for all.")
    assert not ours(result, "repetition.doubled-phrase")


def test_the_separators_str_split_takes_for_spaces_but_the_tokeniser_does_not():
    from cleanup.stages.mt import repetition

    spaces = (c for c in map(chr, range(0x110000)) if c.isspace())
    assert repetition._NOT_SPACE == "".join(c for c in spaces if repetition._TOKEN.match(c))
