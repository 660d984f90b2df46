"""One name spelled several ways in one document: grouped, every spelling flagged, a form proposed only on evidence."""
from __future__ import annotations

from cleanup import Level, clean


def spellings(text, level=Level.FIX):
    return [e for e in clean(text, level=level).edits if e.family == "name-consistency"]


def test_without_evidence_every_spelling_is_flagged_with_all_spellings_and_counts():
    # the wrong spelling may be the majority: the count alone says nothing
    text = ("The Delmikron strain spread in June. The Delmikelon strain came next. "
            "Doctors feared Delmikelon most. Then the Delmiquelon strain arrived.")
    edits = spellings(text)
    assert {e.original for e in edits} == {"Delmikron", "Delmikelon", "Delmiquelon"}
    assert all(e.level is Level.FLAG and e.replacement is None for e in edits)
    assert all("(2× Delmikelon, 1× Delmikron, 1× Delmiquelon in this document)" in e.message for e in edits)
    assert clean(text).text == text


def test_transliterations_and_case_endings_make_one_name():
    # w/v, y/i, a Russian instrumental ending left on the name
    edits = spellings("Kowalczuk spoke first. Then Kovalczuk answered, and we talked with Kowalczukom later.")
    assert {e.original for e in edits} == {"Kowalczuk", "Kovalczuk", "Kowalczukom"}


def test_a_name_split_in_two_words_is_one_spelling():
    edits = spellings("Fans cheered for Raikkomaru at the show. Then Raikko Maru waved to the crowd.")
    assert {e.original for e in edits} == {"Raikkomaru", "Raikko Maru"}


def test_the_spelling_word_lists_know_is_named_but_not_applied():
    text = "The Omicron wave grew. Omikron cases rose, and Omikron spread; the Omicronom strain too."
    edits = spellings(text, Level.SUGGEST)
    assert {e.original for e in edits} == {"Omikron", "Omicronom"}
    assert all(e.level is Level.FLAG and "Omicron is the spelling word lists know" in e.message for e in edits)


def test_the_names_lexicon_decides_and_then_it_is_a_suggestion():
    text = "Olaf Scholz spoke. Scholz left. Later Scholtz returned, and Scholz smiled."
    result = clean(text, level=Level.SUGGEST)
    assert "Later Scholz returned" in result.text


def test_two_people_two_common_words_and_accents_stay_apart():
    assert spellings("Sergei Lavrov spoke. Sergei Lavrov left. Lavrov returned, with Sergey Shoigu at his side.") == []
    assert spellings("Kermit the Frog sang. His friend Kermie, a puppet from another show, did not.") == []
    assert spellings("Kanata is a suburb of Ottawa. Canada said Canada and Elections Canada would count.") == []
    assert spellings("Zurich is in Switzerland; Zürich has a lake.") == []
    assert spellings("Kim Jong Il ruled until 2011. Kim Jong Un succeeded him. Kim Jong Un met Putin.") == []
    assert spellings("The Music Hall hosted a Musical, and Xinhua News ran Xinhuanet.") == []
