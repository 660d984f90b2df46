"""The foreign-words judges look a word up in English before reading its letters and the names
lexicon (most words are English, told by that one look-up): compared with the checks in their
first order on words of every kind the checks tell apart (English, foreign, accented, inflected,
names the lexicon knows, other scripts, German nouns and names), and the neighbours' memo with the
function it keeps."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis.english import in_latin_letters, inflected
from cleanup.analysis.languages import most_common_in
from cleanup.analysis.lexicon import key
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages.mt import foreign_words
from cleanup.stages.registry import build_kind

STAGE = build_kind("foreign-words", load_rulebook())[0]

WORDS = ["nicht", "sehr", "straße", "mañana", "toujours", "schon", "aber", "también", "desarrollo", "the", "talks",
         "café", "naïve", "rôle", "brûlée", "entrée", "déjà", "hauptstraße", "højre", "über", "und", "noch", "Putin",
         "putin", "Poutine", "poutine", "Kripo", "Landkreis", "Nikolaustag", "Bürgermeister", "Krankenhaus",
         "Tagebuch", "Hoffmann", "Freiburg", "President", "The", "Because", "counteractions", "echoisms", "walked",
         "москва", "Москва", "日本", "ab", "Ab", "x", "Zeitung", "zeitung", "Kindergarten", "kindergarten", "Angst",
         "angst", "Weltanschauung", "Schadenfreude", "naïveté", "Zürich", "zürich", "jalapeño", "piñata", "señor"]
SPELLINGS = st.one_of(st.sampled_from(WORDS), st.text(st.sampled_from("aeiounrstlßøäöüéñKMBLSд"), min_size=1,
                                                       max_size=9))


def _word_in_first_order(judge, w):
    s = judge.settings
    if len(w) < s.min_length or not w[:1].islower() or w.casefold() in judge.exceptions:
        return None
    if not in_latin_letters(w) or key(w) in judge.lex:
        return None
    english = foreign_words._english_zipf(w)
    if english >= s.max_english_zipf or inflected(w):
        return None
    best = most_common_in(w, judge.languages)
    if best and best[1] >= max(s.min_zipf, english + s.min_margin):
        return best
    lang = next((judge.letters[ch] for ch in w if ch in judge.letters), None)
    return (lang, 0.0) if lang and english == 0 else None


def _noun_in_first_order(judge, w):
    folded = w.casefold()
    if folded in judge.exceptions or folded.endswith(judge.name_endings):
        return None
    if not in_latin_letters(w) or key(w) in judge.lex or inflected(w):
        return None
    if foreign_words._english_zipf(w) >= judge.settings.max_english_zipf:
        return None
    best = most_common_in(w, judge.languages)
    if best and best[1] >= judge.settings.min_zipf:
        return best[0], best[1], ""
    return judge._compound(folded)


@settings(max_examples=400, deadline=None)
@given(SPELLINGS)
def test_the_judges_say_what_their_checks_in_the_first_order_said(word):
    for judge in STAGE.words:
        assert judge._judge(word) == _word_in_first_order(judge, word)
    for judge in STAGE.nouns:
        assert judge._judge(word) == _noun_in_first_order(judge, word)


def test_the_judges_report_what_they_did():
    assert STAGE.words and STAGE.nouns
    assert any(judge._judge("toujours") for judge in STAGE.words)
    assert any(judge._judge("Landkreis") for judge in STAGE.nouns)


@settings(max_examples=200, deadline=None)
@given(SPELLINGS)
def test_the_neighbours_memo_answers_as_the_function(word):
    languages = STAGE.neighbour_languages
    assert foreign_words._leans_foreign(word, languages) == foreign_words._leans_foreign.__wrapped__(word, languages)
