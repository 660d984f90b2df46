"""The name-consistency stage's way for a short text (up to _SCAN_UP_TO: one scan for the names
long enough to pair, one for the two-piece spellings, no text view): the forms its first look
(_any_close) is given are the long way's (_SCAN_UP_TO -1: the names of the distinct pieces), its
answer is the one all names give (a name shorter than a rule's min_length pairs with none), and the
proposals are the long way's, on short texts of names, garbles, short names and two-piece names,
and some of a few KB.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import consistency

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "ConsistencyStage")
WORDS = ["Omicron", "Omikron", "Omiquelon", "Omik Jong", "Omik-jong", "Kin-nikuman", "Kinnikuman", "Xi", "Li",
         "Kim", "Jong", "Un", "Xi Jinping", "Xijinping", "Anneliese", "Annelise", "Wolski", "Wolsky", "Tomasz",
         "Kvešić", "Kwešić", "Zurich", "Zürich", "There", "These", "Sergei", "Sergey", "Lavrov", "Lawrov",
         "Omicronom", "Russia", "Russian", "Texas", "Texans", "Ab", "Abcde", "Abcdef", "Cas Imir", "Kasimir",
         "Mario", "Marco", "said", "the", "Президент", "Ḱopje", "👍"]
SEPARATORS = [" ", ". ", "-", ", ", "\n", " said "]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=16).map(
    lambda parts: "".join(w + s for w, s in parts))
LONG = st.tuples(TEXTS, st.integers(2, 40)).map(lambda t: (t[0] + " ") * t[1])


def _first_look(text):
    """The forms _any_close is given, and the proposals."""
    given_forms = []

    def spy(forms, *args):
        given_forms.append(set(forms))
        return any_close(forms, *args)
    any_close = consistency._any_close
    with mock.patch.object(consistency, "_any_close", spy):
        proposals = [tuple(p) for p in STAGE.propose(text, Context(text))]
    return given_forms, proposals


@settings(max_examples=1500, deadline=None)
@given(TEXTS | LONG)
@example("Omicron spread. Omikron spread. Omiquelon spread. Omicron again. Omicron too.")
@example("Cas Imir met Kasimir. Xi Jinping and Xijinping.")
def test_a_short_text_is_read_as_the_long_way_reads_it(text):
    short = _first_look(text)
    with mock.patch.object(consistency, "_SCAN_UP_TO", -1):
        assert short == _first_look(text)


@settings(max_examples=1500, deadline=None)
@given(TEXTS | LONG)
def test_the_names_too_short_to_pair_change_no_answer(text):
    (forms,), _ = _first_look(text)
    every = forms | set(consistency._NAME(text).findall(text))
    for _, closeness in STAGE.rules:
        assert consistency._any_close(forms, closeness, STAGE.lex, STAGE.known) == \
            consistency._any_close(every, closeness, STAGE.lex, STAGE.known)


def test_the_long_names_are_the_names_of_that_length():
    text = "Xi met Kim Jong Un and Omicron, Omik Jong, Kin-nikuman, Abcd and Abcde; McDonald, ÉCOLE, Ḱopje."
    assert set(consistency._names_of(5)(text).findall(text)) == \
        {n for n in consistency._NAME(text).findall(text) if len(n) >= 5}


def _searched(forms, closeness):
    """_any_close's answer by its search of the pairs alone, without its first look."""
    known = STAGE.lex.__contains__
    pairs = closeness.close.passing(set(consistency._candidate_pairs(consistency._may_pair(forms, closeness), closeness)))
    return any(not consistency._two_words(a, b, closeness) and not (known(consistency.key(a)) and known(consistency.key(b)))
               for a, b in pairs)


@settings(max_examples=1500, deadline=None)
@given(TEXTS | LONG)
@example("Omicron spread. Omikron spread.")
@example("Vladimir said. Vlademir again.")
def test_the_first_look_answers_as_the_search(text):
    (forms,), _ = _first_look(text)
    every = forms | set(consistency._NAME(text).findall(text))
    for _, closeness in STAGE.rules:
        assert consistency._any_close(every, closeness, STAGE.lex, STAGE.known) == _searched(every, closeness)
