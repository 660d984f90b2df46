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


def test_one_call_with_more_keys_than_the_size_is_answered_and_not_kept():
    # (a big text of many distinct pieces: the stage must not keep them all after its call)
    words = [f"w{i}" for i in range(10)]
    memo = Memo(lambda key: key.endswith("3"), size=4)
    assert memo.values(words) == [w == "w3" for w in words]
    assert len(memo.seen) <= 4
    assert memo.passing(set(words)) == {"w3"}
    assert len(memo.seen) <= 4
