"""name-consistency pairs only spellings near enough in letters for one of close()'s tests
(`_near_pairs`): the close pairs it finds are exactly those found by pairing every two
spellings of a bucket, for the rule's settings and for others (a long shared beginning,
a looser test needing fewer shared letters than a bucket, no shared-ending test).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import chain, combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.stages.mt import consistency

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "ConsistencyStage")
RULE = STAGE.rules[0][0]
SETTINGS = [RULE.settings,
            replace(RULE.settings, shared_prefix=6, loose_prefix=3),
            replace(RULE.settings, shared_suffix=0, loose_prefix=0, letters_per_edit=3),
            replace(RULE.settings, case_endings=("ich", "a", "ami"), shared_suffix=3)]
CLOSENESS = [consistency.Closeness(s) for s in SETTINGS]
NAMES = ["Omicron", "Omikron", "Omiquelon", "Omicronom", "Omikejon", "Omik Jong", "Omik-jong", "Anneliese",
         "Annelise", "Sergei", "Sergey", "Zurich", "Zürich", "Kvešić", "Kwešić", "Yatsuri", "Matsuri",
         "Kin-nikuman", "Kinnikuman", "Xijinping", "Xi Jinping", "Gorbunkov", "Gorbunkovym", "Raikkomaru",
         "Raikko Maru", "Kermit", "Kermie", "There", "These", "Canada", "Kanata", "Russia", "Russian",
         "Ivanovich", "Ivanov", "Ivanova", "Quoma", "Luoma"]
MADE_UP = st.tuples(st.text(st.sampled_from("AKCWVHOSQLaeikmnoqsuvwyzcht -"), min_size=3, max_size=12),
                    st.sampled_from(["", "a", "om", "ich", "ami", "ego", "ym"])).map("".join)


def _close_pairs_of_every_pair(forms, closeness):
    """The close pairs as found before _near_pairs: every two spellings sharing a bucket."""
    buckets = defaultdict(list)
    for form in forms:
        for bucket in closeness._buckets(form):
            buckets[bucket].append(form)
    pairs = chain.from_iterable(combinations(group, 2) for group in buckets.values())
    return {p for p in pairs if consistency.close(*p, closeness)}


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(NAMES), MADE_UP), unique=True, max_size=16),
       st.sampled_from(range(len(SETTINGS))))
def test_the_near_pairs_hold_every_close_pair(forms, which):
    forms = [f for f in forms if f[:1].isupper()]
    closeness = CLOSENESS[which]
    found = {p for p in consistency._candidate_pairs(forms, closeness) if consistency.close(*p, closeness)}
    assert found == _close_pairs_of_every_pair(forms, closeness)


def test_every_listed_name_at_once():
    for closeness in CLOSENESS:
        found = {p for p in consistency._candidate_pairs(NAMES, closeness) if consistency.close(*p, closeness)}
        assert found == _close_pairs_of_every_pair(NAMES, closeness)


def test_far_spellings_of_a_bucket_make_no_pair():
    closeness = CLOSENESS[0]
    assert list(consistency._candidate_pairs(["Omicron", "Omaha Beach", "Omelette"], closeness)) == []
    assert ("Omicron", "Omicronom") in set(consistency._candidate_pairs(["Omicron", "Omicronom"], closeness))
