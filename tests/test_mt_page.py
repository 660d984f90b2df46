"""What a scraped page and a failed translation leave in real MT text, as a user meets it through clean().

Site names glued to a headline, a sentence translated twice, page furniture,
credits and names repeated in parentheses (each reaching its fixed point in
one run), look-alike acronyms, untranslated glosses, word salad.
"""
from __future__ import annotations

import pytest

from cleanup import Level, clean


def by_rule(result, rule):
    return [e for e in result.edits if e.rule == rule]


# -- site tails -----------------------------------------------------------------

def test_a_site_tail_is_suggested_for_removal_with_its_sections_and_source():
    text = "Ferry service resumes after the storm (Island TV) - Portal News\nBoats sailed again on Monday."
    result = clean(text, level="suggest")
    assert result.text == "Ferry service resumes after the storm\nBoats sailed again on Monday."
    (edit,) = by_rule(result, "site-tails.site-tail")
    assert edit.original == " (Island TV) - Portal News" and edit.level is Level.SUGGEST
    assert clean(text).text == text  # not applied by default


def test_a_site_tail_is_only_at_the_end_of_a_line():
    text = "Ferry service resumes - Portal News reported it first, and boats sailed again."
    assert not by_rule(clean(text, level="suggest"), "site-tails.site-tail")


def test_a_name_left_in_chinese_after_a_separator_is_a_site():
    text = "Tea fair opens in the provincial capital - City Daily - 华声在线\nThe fair opened."
    (edit,) = by_rule(clean(text), "site-tails.site-tail")
    assert edit.original == " - City Daily - 华声在线"


# -- a sentence said twice ----------------------------------------------------------

def test_a_sentence_repeated_as_the_next_line_goes():
    text = ("Prices rose. Men buy fewer jackets than they did last year.\n"
            "Men buy fewer jackets than they did last year.\nShops cut prices.")
    result = clean(text)
    assert result.text == "Prices rose. Men buy fewer jackets than they did last year.\nShops cut prices."
    assert all(e.applied for e in by_rule(result, "structure.duplicate-sentence"))


def test_a_near_copy_in_the_same_line_is_flagged_not_removed():
    first = "The shop is a small store selling fresh bread and cakes made with local flour."
    second = "The shop is a small bakery selling fresh bread and pastries made from local flour."
    result = clean(f"{first} {second}")
    (edit,) = by_rule(result, "structure.duplicate-sentence")
    assert edit.level is Level.FLAG and edit.original == second
    assert result.text == f"{first} {second}"


def test_a_headline_restated_by_the_lead_is_news_style():
    text = "Turkey tests a drone with a laser weapon\nTurkey has tested a drone with a laser weapon, officials said."
    assert not by_rule(clean(text, level="suggest"), "structure.duplicate-sentence")


# -- page furniture and credits -------------------------------------------------------

@pytest.mark.parametrize("line", ["Read more: Farmers protest over water rules", "Recommended for you",
                                  "© 2023 The Riverside Gazette", "Foto: AFP", "Photo: Reuters / Anna Berg"])
def test_page_furniture_lines_go(line):
    assert clean(f"The plant opens in May.\n{line}\nIt will employ 300 people.").text == \
        "The plant opens in May.\nIt will employ 300 people."


def test_a_copyright_glued_to_a_sentence_goes_with_its_year():
    assert clean("They signed a partnership. © 2023 The Riverside Gazette").text == "They signed a partnership."


# -- one run reaches the fixed point (issue 17, item 11) --------------------------------

@pytest.mark.parametrize("text, once", [
    ("read on©d", ""),
    (".©A©A", "."),
    ("The Xijinping(Xi Jinping) said.", "The Xi Jinping said."),
    ("Xi expressed confidencePutin(Putin) would win.", "Xi expressed confidence Putin would win."),
    ("The talks ended.\nRead on © AFP\nThey left.", "The talks ended.\nThey left."),
])
def test_cleaning_twice_changes_nothing_more(text, once):
    assert clean(text).text == once
    assert clean(once).text == once


def test_the_full_name_after_a_name_is_suggested_away():
    result = clean("Mr. Putin (Vladimir Putin) arrived.", level="suggest")
    assert result.text == "Mr. Putin arrived."
    (edit,) = by_rule(result, "duplicated-names.full-name-in-parentheses")
    assert edit.level is Level.SUGGEST


def test_the_same_full_name_twice_is_one_edit_not_two_alternatives():
    edits = [e for e in clean("Vladimir Putin (Vladimir Putin) arrived.").edits if e.family == "duplicated-names"]
    assert [(e.rule, e.applied) for e in edits] == [("duplicated-names.name-in-parentheses", True)]


# -- look-alikes and scripts ------------------------------------------------------------

def test_an_acronym_transliterated_from_cyrillic_look_alikes_is_flagged_with_its_reading():
    result = clean("He told the VVS that he was ready.")
    (edit,) = by_rule(result, "lookalike.transliterated-acronym")
    assert edit.original == "VVS" and edit.level is Level.FLAG and "BBC" in edit.message


def test_cyrillic_letters_next_to_a_figure_are_a_disguise():
    result = clean("The house in Praz\u0456-8 and a \u0422-90 tank.")
    assert result.text == "The house in Prazi-8 and a T-90 tank."


def test_a_bare_gloss_after_a_name_is_flagged_but_a_dated_one_is_not():
    flagged = by_rule(clean("The reserve is in Menglun (\u52d0\u4ed1), a town."), "script.untranslated-cjk")
    assert [e.original for e in flagged] == ["\u52d0\u4ed1"]
    assert not by_rule(clean("Ichiy\u014d Higuchi (\u6a0b\u53e3 \u4e00\u8449, 1872) wrote."), "script.untranslated-cjk")


def test_an_ideographic_space_where_a_name_was_dropped_is_flagged_on_the_space_it_became():
    text = "General Secretary \u3000 delivered a speech on the guidance of \u3000 's thought."
    result = clean(text)
    flags = by_rule(result, "script.dropped-word")
    assert [(e.start, e.original) for e in flags] == [(18, "\u3000"), (58, "\u3000")]
    assert "\u3000" not in result.text  # the space itself is still made plain


def test_an_ideographic_space_that_indents_or_ends_a_line_is_not_a_dropped_word():
    assert not by_rule(clean("The row ended.\u3000\n\u3000The next paragraph is indented."), "script.dropped-word")


# -- word salad ----------------------------------------------------------------------------

SALAD = ["Near go at bridgeomo road post on Ka Vellin At days Trrp - road el a 7 whichB at to days 3",
         "Having the meaning usefulser so of notname letter candy.nish and - is,ar the have the",
         "Since the of morning trelawnit the but but station, were go it near a the plonkers ofza"]


def test_a_stretch_of_word_salad_gets_one_flag_over_all_its_lines():
    text = "The town is quiet.\n" + "\n".join(SALAD) + "\nThe mayor left."
    flags = by_rule(clean(text), "word-salad.salad")
    assert len(flags) == 1
    (flag,) = flags
    assert flag.original == "\n".join(SALAD) and flag.level is Level.FLAG and "3 lines" in flag.message


@pytest.fixture
def sample_texts():
    from .conftest import sample_inputs

    return [p.read_text(encoding="utf-8") for p in sample_inputs()]


def test_plain_english_and_a_foreign_quotation_are_not_salad(sample_texts):
    quoted = "Ne pleure pas, Alfred! J'ai besoin de tout mon courage pour mourir, he wrote."
    for text in [quoted, *sample_texts]:
        assert not by_rule(clean(text), "word-salad.salad")
