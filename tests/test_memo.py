"""The one memo stages keep per-word verdicts in (cleanup/analysis/memo.py)."""
from __future__ import annotations

import pickle

from cleanup.analysis.memo import Memo


class Counting:
    def __init__(self):
        self.calls = []

    def __call__(self, key):
        self.calls.append(key)
        return len(key) > 3


def test_each_key_is_computed_once_whichever_way_it_is_asked():
    compute = Counting()
    memo = Memo(compute)
    assert memo("house") is True and memo("house") is True
    assert memo.values(["cat", "house", "cat"]) == [False, True, False]
    assert memo.passing({"cat", "house", "garden"}) == {"house", "garden"}
    assert sorted(compute.calls) == ["cat", "garden", "house"]


def test_a_full_memo_starts_over_and_still_answers():
    compute = Counting()
    memo = Memo(compute, size=2)
    assert memo.values(["a", "bbbb"]) == [False, True]
    assert memo.passing({"ccccc", "d"}) == {"ccccc"}  # over the size: the old answers go
    assert len(memo.seen) <= 2 and memo("bbbb") is True


def test_a_pickled_memo_travels_without_what_it_learnt():
    memo = Memo(len)
    memo.values(["one", "three"])
    copy = pickle.loads(pickle.dumps(memo))
    assert copy.seen == {} and copy("three") == 5


def test_starting_over_keeps_every_key_of_the_call_that_overfills_it():
    memo = Memo(lambda key: key.startswith("a"), size=4)
    memo.values(["a1", "b1", "a2"])
    assert memo.values(["a1", "b2", "b3"]) == [True, False, False]  # a1 was seen before the start-over
    memo = Memo(lambda key: key.startswith("a"), size=4)
    memo.passing({"a1", "b1", "a2"})
    assert memo.passing({"a1", "b2", "b3"}) == {"a1"}
