"""German nouns left untranslated: they arrive capitalised, like names, and must not be taken for names."""
from __future__ import annotations

from cleanup import Level, clean


def flagged(text):
    return {e.original: e for e in clean(text).edits if e.rule == "foreign-words.untranslated-noun"}


def test_a_german_noun_english_does_not_know_is_flagged_naming_the_language():
    found = flagged("Two people were hurt in a fire in the Landkreis on Sunday.")
    assert set(found) == {"Landkreis"}
    edit = found["Landkreis"]
    assert edit.level is Level.FLAG and not edit.applied and edit.replacement is None
    assert "German" in edit.message


def test_a_compound_of_two_common_german_words_is_read_as_one_and_says_its_parts():
    found = flagged("Children sang on Nikolaustag in the square.")
    assert "nikolaus + tag" in found["Nikolaustag"].message


def test_names_stay_names():
    # names English writes about, names ending like people and places, English compounds
    assert flagged("Olaf Scholz flew from Freiburg to meet Thomas Buchtmann in Braunsberg.") == {}
    assert flagged("The Earthshot prize and the Castlefrank estate were named.") == {}


def test_a_cited_german_title_is_left_alone():
    assert flagged("He read Tagebuch eines Verführers in the original.") == {}


def test_the_words_stage_does_not_flag_the_same_noun_again():
    rules = {e.rule for e in clean("The Kripo took over the investigation.").edits}
    assert rules == {"foreign-words.untranslated-noun"}


def test_a_rare_word_with_a_letter_english_never_uses_is_flagged_but_names_keep_their_letters():
    edits = [e for e in clean("The shop stood on the corner of the hauptstraße near the station.").edits]
    assert [(e.rule, e.original) for e in edits] == [("foreign-words.untranslated-word", "hauptstraße")]
    assert "German" in edits[0].message and "a letter English does not use" in edits[0].message
    assert clean("Søren Kierkegaard was born in København; Łódź and Dvořák stay.").edits == ()
