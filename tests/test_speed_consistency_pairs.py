"""The name-consistency first look makes pairs only with open spellings (`_may_pair`): it finds a close
pair that may group exactly when pairing every spelling sharing a bucket does.

Forms mix common words close in letters (There / These, While / White), names the
lists know (Kermit / Kermie, Mario / Marco), unknown spellings (Omiquelon), two-word
spellings with and without a known first word, and spellings with one skeleton
after transliteration (Kvešić / Kwešić, Xijinping / Xi Jinping).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.analysis.lexicon import key
from cleanup.stages.mt import consistency

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "ConsistencyStage")
RULE, CLOSENESS = STAGE.rules[0]
FORMS = ["There", "These", "Those", "While", "White", "Where", "Kanata", "Canada", "Kermie", "Kermit", "Germany",
         "German", "Sport", "Sports", "Chung", "Cheng", "Cheung", "Indians", "Indiana", "Omicron", "Omikron",
         "Omiquelon", "Omicronom", "Anneliese", "Annelise", "Sergei", "Sergey", "Zurich", "Zürich", "Kvešić",
         "Kwešić", "Kvesic", "Omik Jong", "Omik-jong", "Omikjong", "Kin-nikuman", "Kinnikuman", "Mario", "Marco",
         "Vladimir", "Vlademir", "Wladimir", "Xijinping", "Xi Jinping", "Mishustin", "Mishoustin", "Yatsuri",
         "Matsuri", "President", "Presidents", "Prime Minister", "Prime Ministers", "Kennedy", "Kennedys",
         "Hudson", "Hutson", "Schmidt", "Shmidt", "Phillips", "Fillips", "Cite", "Kite", "Quarter", "Kwarter"]


def _any_close_pairing_everything(forms, st, lexicon):
    """_any_close as it was before _may_pair: every pair of spellings sharing a bucket."""
    pairs = st.close.passing(set(consistency._candidate_pairs(st.long_enough(forms), st)))
    return any(not consistency._two_words(a, b, st) and not (key(a) in lexicon and key(b) in lexicon)
               for a, b in pairs)


@settings(max_examples=600, deadline=None)
@given(st.sets(st.sampled_from(FORMS), max_size=10))
def test_the_open_pairs_find_what_every_pair_finds(forms):
    assert consistency._any_close(set(forms), CLOSENESS, STAGE.lex) == \
        _any_close_pairing_everything(set(forms), CLOSENESS, STAGE.lex)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(st.sampled_from("AKCWVOaeikmnoqsuvwyzch -"), min_size=5, max_size=9), max_size=8))
def test_the_same_for_made_up_spellings(forms):
    forms = {f for f in forms if f[:1].isupper()}
    assert consistency._any_close(forms, CLOSENESS, STAGE.lex) == \
        _any_close_pairing_everything(forms, CLOSENESS, STAGE.lex)


def test_common_words_make_no_pairs_and_slips_do():
    assert consistency._may_pair({"There", "These", "While", "White"}, CLOSENESS) == set()
    assert {"Omicron", "Omiquelon"} <= consistency._may_pair({"Omicron", "Omiquelon", "There"}, CLOSENESS)
    assert consistency._may_pair({"Kvešić", "Kwešić"}, CLOSENESS) == {"Kvešić", "Kwešić"}


TEXTS = st.lists(st.tuples(st.sampled_from(FORMS), st.sampled_from([" ", ". ", "-", ", ", "\n", " said "])),
                 max_size=14).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_groups_from_open_pairs_are_the_groups_from_every_pair(text):
    from unittest import mock

    from cleanup.core.pipeline import Context

    def proposals():
        return [(p.start, p.end, p.replacement, p.rule, p.message) for p in STAGE.propose(text, Context(text))]

    with mock.patch.object(consistency, "_any_close", lambda *args: True):
        found = proposals()
        with mock.patch.object(consistency, "_may_pair", lambda forms, st: set(forms)):
            assert found == proposals()


def _close_as_it_was(a, b, st):
    """close() before it asked the word lists only when the looser test needs them."""
    if a == b or min(len(a), len(b)) < st.min_length:
        return False
    x, y = st.skeleton(a), st.skeleton(b)
    if x == y:
        if consistency._split(a) and consistency._split(b) and \
                st.skeleton(consistency._first_part(a)) == st.skeleton(consistency._first_part(b)):
            return False
        return consistency._plain(a) != consistency._plain(b)
    if consistency._split(a) or consistency._split(b):
        if (consistency._split(a) and consistency._split(b)) or \
                any(consistency.zipf(consistency._first_part(f)) > 0 for f in (a, b) if consistency._split(f)):
            return False
    listed = (consistency.zipf(a) > 0) + (consistency.zipf(b) > 0)
    short, long_ = sorted((x, y), key=len)
    if long_.startswith(short):
        return long_[len(short):] in st.endings
    shared = consistency._common_prefix(x, y)
    distance = consistency._levenshtein()(x, y)
    if shared >= st.prefix and distance <= len(short) // st.per_edit:
        return True
    if st.suffix and consistency._one_letter_before_same_ending(consistency._plain(a), consistency._plain(b),
                                                                st.suffix):
        return max(consistency.zipf(a), consistency.zipf(b)) < st.suffix_max_zipf
    if listed:
        return False
    return bool(st.loose_prefix) and shared >= st.loose_prefix and distance <= len(short) // st.loose_per_edit


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(FORMS) | st.text(st.sampled_from("AKOMaeikmnoqsuvwyzch -"), min_size=4, max_size=10),
       st.sampled_from(FORMS) | st.text(st.sampled_from("AKOMaeikmnoqsuvwyzch -"), min_size=4, max_size=10))
def test_close_asks_the_word_lists_later_and_says_the_same(a, b):
    assert consistency.close(a, b, CLOSENESS) == _close_as_it_was(a, b, CLOSENESS)
