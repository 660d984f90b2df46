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
            return self._add([key])[0]

    def values(self, keys: list) -> list:
        seen = self.seen
        try:
            return list(map(seen.__getitem__, keys))
        except KeyError:
            self._add(set(keys).difference(seen))
            return list(map(self.seen.__getitem__, keys))

    def passing(self, keys: set) -> set:
        fresh = keys - self.seen.keys()
        if fresh:
            self._add(fresh)
        return keys & self.true

    def _add(self, keys) -> list:
        if len(self.seen) + len(keys) > self.size:
            self._start_over()
        seen, true = self.seen, self.true
        out = []
        for key in keys:
            value = seen[key] = self.compute(key)
            if value:
                true.add(key)
            out.append(value)
        return out
