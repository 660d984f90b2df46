"""Letter case machine translation guesses wrong, and the legitimate case it must leave alone."""
from __future__ import annotations

from cleanup import Level, clean


def casing(text, level=Level.FIX):
    return [e for e in clean(text, level=level).edits if e.family == "casing"]


def test_a_clause_rendered_as_a_sentence_start_is_lowercased_as_a_suggestion():
    text = "The plenum reviewed the year, Summarize the lessons; The party will go on, Calmly facing risks."
    result = clean(text, level=Level.SUGGEST)
    assert result.text == "The plenum reviewed the year, summarize the lessons; the party will go on, calmly facing risks."
    assert clean(text).text == text  # a suggestion, not a fix
    verbs = clean("The meeting reviewed the plan, Strengthen the grid, it said.", level=Level.SUGGEST)
    assert verbs.text == "The meeting reviewed the plan, strengthen the grid, it said."


def test_names_headlines_and_verse_keep_their_capitals():
    for text in ["Delegates came from Paris, The Hague and Vienna, New York and Geneva.",
                 "He thanked Kelly, Sally and Denise, the Ministry of Defence said.",
                 "Workers Demand Higher Wages, Better Conditions And Shorter Hours",
                 "Sure some stronger impulse vibrates here, Which whispers friendship will be dear"]:
        assert casing(text) == [], text


def test_a_half_lowercased_institution_is_flagged_with_its_title_case():
    (edit,) = casing("A study by the National Institute of infectious diseases in Durban was cited.")
    assert edit.original == "National Institute of infectious diseases" and edit.level is Level.FLAG
    assert "National Institute of Infectious Diseases" in edit.message
    assert casing("The Institute of the Americas and the Department of State met.") == []
    # one flag for the name, however many of its capitalised words it is read from
    (edit,) = casing("Officials of the Hunan Provincial Department of health spoke.")
    assert edit.original == "Hunan Provincial Department of health"


def test_a_quoted_sentence_after_a_speech_verb_gets_its_capital_and_a_fragment_does_not():
    result = clean('He said: "we will rebuild every school in the region."', level=Level.SUGGEST)
    assert result.text == 'He said: "We will rebuild every school in the region."'
    assert casing('She called the plan "a total disgrace" and said, "no."') == []
    assert casing('The study found: "the effect is much lower than expected."') == []


def test_terms_written_one_way_only():
    result = clean("Patients with covid-19 and Covid-19 were treated.", level=Level.SUGGEST)
    assert result.text == "Patients with COVID-19 and Covid-19 were treated."


def test_a_lowercased_name_before_a_place_word_and_a_split_lowercase_name_are_flagged():
    spans = {e.original for e in casing("Flights resumed at the vostrikov airport. The local airport closed.")}
    assert spans == {"vostrikov"}
    spans = {e.original for e in casing("Readers love Tonkatsuman. Later the tonkatsu man returned.")}
    assert spans == {"tonkatsu man"}


def test_a_widely_spoken_language_in_lowercase_is_capitalised_and_english_words_are_not():
    result = clean("Soldiers of the russian army spoke in english.", level=Level.SUGGEST)
    assert result.text == "Soldiers of the Russian army spoke in English."
    assert casing("They polish the floor; even the bats left, and roman numerals stayed.") == []


def test_a_rare_name_the_document_capitalises_is_flagged_where_it_is_lowercase():
    text = "Cases of the Zorvex variant rose. Doctors said Zorvex spread fast, and the zorvex wave peaked."
    (edit,) = casing(text)
    assert edit.original == "zorvex" and edit.level is Level.FLAG and "Zorvex" in edit.message
    # a common word is a word: "the tsar" beside "Tsar Peter"
    assert casing("Then Tsar Peter and later Tsar Ivan ruled; the tsar was feared.") == []
