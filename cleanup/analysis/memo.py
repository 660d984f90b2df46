"""One memo for what stages compute about recurring keys: a word, a piece of text between spaces.

A corpus repeats its vocabulary, so a stage judges each distinct word once
and looks the verdict up afterwards. The memo is bounded (it starts over
when full) and belongs to the stage object that owns `compute`; a process
keeps its own (a pickled pipeline travels to a worker without it).

- `memo(key)`: the value for one key;
- `memo.values(keys)`: the values for a list of keys, in order;
- `memo.passing(keys)`: the keys of a set whose value is true, by set
  operations (no Python loop over the keys already seen).

Only for facts about the key alone: nothing around it may change the answer.
"""
from __future__ import annotations

from itertools import filterfalse

MEMO_SIZE = 50_000  # entries per memo (a few MB): the words that make up most of any corpus


class Memo:
    def __init__(self, compute, size: int = MEMO_SIZE):
        self.compute, self.size = compute, size
        self._start_over()

    def _start_over(self) -> None:
        # swapped in whole, never cleared in place: a thread reading the old ones is not disturbed
        self.seen: dict = {}
        self.true: set = set()  # the keys seen whose value is true

    def __getstate__(self):
        return {"compute": self.compute, "size": self.size}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._start_over()

    def __call__(self, key):
        try:
            return self.seen[key]
        except KeyError:
            self._learn({key}, (key,))
            return self.seen[key]

    def values(self, keys: list) -> list:
        try:
            return list(map(self.seen.__getitem__, keys))
        except KeyError:  # (the keys not seen yet, picked at C speed: most of a list usually is)
            self._learn(set(filterfalse(self.seen.__contains__, keys)), keys)
            return self._within_size(list(map(self.seen.__getitem__, keys)))

    def passing(self, keys: set) -> set:
        fresh = keys.difference(self.seen)  # (walks `keys` only; `keys - seen.keys()` copies the memo)
        if not fresh:  # (most calls, on a corpus: the memo grows only when it learns)
            return keys & self.true
        self._learn(fresh, keys)
        return self._within_size(keys & self.true)

    def _within_size(self, answer):
        """`answer`, the memo started over if one call's keys overfilled it (a big text of many
        distinct pieces would otherwise keep them all for as long as the stage lives)."""
        if len(self.seen) > self.size:
            self._start_over()
        return answer

    def _learn(self, fresh: set, keys) -> None:
        """Compute `fresh`, the keys of `keys` not seen yet. When they would overfill the memo it
        starts over with all of `keys`, so every key asked about in this call has its value."""
        if not fresh:
            return
        if len(self.seen) + len(fresh) > self.size:
            self._start_over()
            fresh = set(keys)
        seen, true = self.seen, self.true
        for key in fresh:
            value = seen[key] = self.compute(key)
            if value:
                true.add(key)
