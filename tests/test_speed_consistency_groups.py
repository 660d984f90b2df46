"""name-consistency's first look in fewer Python steps: a few spellings are compared pair by pair
(`FEW_TO_SEARCH`) rather than by rapidfuzz searches, only skeletons with a case ending are looked at
for one, the forms long enough are picked by their lengths and those beside an unknown spelling at
C speed: compared with the plain steps on made-up spellings (groups of every size around the
threshold, skeletons with and without endings, repeated ones) and with the known forms.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.stages.mt import consistency

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "ConsistencyStage")
RULE, CLOSENESS = STAGE.rules[0]
SPELLINGS = st.text(st.sampled_from("AKCWVOaeikmnoqsuvwyzch -"), min_size=1, max_size=10)
GROUPS = st.lists(SPELLINGS, min_size=2, max_size=2 * consistency.FEW_TO_SEARCH + 2, unique=True)
FORMS = ["There", "These", "While", "White", "Kanata", "Canada", "Kermie", "Kermit", "Omicron", "Omikron",
         "Omiquelon", "Omicronom", "Omicronami", "Anneliese", "Annelise", "Kvešić", "Kwešić", "Kvesic", "Omik Jong",
         "Omikjong", "Mario", "Marco", "Xi", "Li", "Yatsuri", "Matsuri", "Gorbunkov", "Gorbunkovym", "Hall Station"]


def _near_pairs_plainly(group, ending_bucket, st_):
    """_near_pairs as it was: every skeleton tried with every ending."""
    skeletons = st_.skeletons.values(group)
    near = consistency._within_edits(skeletons, min(st_.per_edit, st_.loose_per_edit) if st_.loose_prefix
                                     else st_.per_edit)
    if ending_bucket and st_.suffix:
        near.update(consistency._within_edits([consistency._plain(f) for f in group], None))
    at = defaultdict(list)
    for i, x in enumerate(skeletons):
        at[x].append(i)
    for j, y in enumerate(skeletons):
        for ending in st_.endings:
            if y.endswith(ending):
                near.update((min(i, j), max(i, j)) for i in at.get(y[:len(y) - len(ending)], ()) if i != j)
    return [(group[i], group[j]) for i, j in sorted(near)]


def _may_pair_plainly(forms, st_):
    long_enough = {f for f in forms if len(f) >= st_.min_length}
    chosen = st_.open(long_enough)
    near_unknown = {b for f in st_.unknown(chosen) for b in st_.buckets(f)}
    chosen |= {f for f in long_enough if not near_unknown.isdisjoint(st_.buckets(f))}
    counts = Counter(map(st_.skeleton, long_enough))
    return chosen | {f for f in long_enough if counts[st_.skeleton(f)] > 1}


@settings(max_examples=400, deadline=None)
@given(GROUPS, st.sampled_from([None, 2, 3, 5]))
def test_pairs_compared_one_by_one_are_the_pairs_searched(spellings, letters_per_edit):
    with mock.patch.object(consistency, "FEW_TO_SEARCH", 0):
        searched = consistency._within_edits(spellings, letters_per_edit)
    assert consistency._within_edits(spellings, letters_per_edit) == searched


@settings(max_examples=400, deadline=None)
@given(st.one_of(GROUPS, st.lists(st.sampled_from(FORMS), min_size=2, max_size=12, unique=True)), st.booleans())
def test_near_pairs_are_those_of_every_ending_tried(group, ending_bucket):
    assert consistency._near_pairs(group, ending_bucket, CLOSENESS) == \
        _near_pairs_plainly(group, ending_bucket, CLOSENESS)


@settings(max_examples=400, deadline=None)
@given(st.sets(st.one_of(st.sampled_from(FORMS), SPELLINGS.filter(lambda f: f[:1].isupper())), max_size=14))
def test_the_spellings_that_may_pair_are_those_the_plain_steps_pick(forms):
    assert consistency._may_pair(set(forms), CLOSENESS) == _may_pair_plainly(set(forms), CLOSENESS)
    assert CLOSENESS.long_enough(set(forms)) == {f for f in forms if len(f) >= CLOSENESS.min_length}
