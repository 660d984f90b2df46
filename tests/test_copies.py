"""Context.copied: the stretches of a stage's text copied from its last call's, exact and complete."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.copies import since
from cleanup.core.edits import Level, Proposal
from cleanup.core.pipeline import Context, Pipeline


@st.composite
def changes_of(draw, length):
    """Sorted, non-overlapping (start, end, replacement) changes of a text of `length`; insertions too."""
    points = sorted(draw(st.lists(st.integers(0, length), max_size=8)))
    out, last_end = [], -1
    for a, b in zip(points[::2], points[1::2]):
        if a < last_end or (a == last_end and out and out[-1][0] == out[-1][1] == a):
            continue
        out.append((a, b, draw(st.sampled_from(["", "X", "YY", "\n"]))))
        last_end = b
    return out


def apply(chars: list, changes) -> list:
    """chars: (character, its position in the first text or None); the changes made to them."""
    out, at = [], 0
    for a, b, repl in changes:
        out += chars[at:a] + [(c, None) for c in repl]
        at = b
    return out + chars[at:]


@settings(max_examples=500, deadline=None)
@given(data=st.data(), first=st.text(alphabet="ab \n", max_size=20), steps=st.integers(0, 4))
def test_the_stretches_are_exactly_the_untouched_characters(data, first, steps):
    chars = [(c, i) for i, c in enumerate(first)]
    log = []
    for _ in range(steps):
        changes = data.draw(changes_of(len(chars)))
        chars = apply(chars, changes)
        log.append([(a, b, len(repl)) for a, b, repl in changes])
    text = "".join(c for c, _ in chars)
    stretches = since(len(first), log)
    covered = {}
    for new, old, length in stretches:
        assert length > 0
        assert text[new:new + length] == first[old:old + length]
        for k in range(length):
            covered[new + k] = old + k
    untouched = {i: origin for i, (_, origin) in enumerate(chars) if origin is not None}
    assert covered == untouched
    assert [s[0] for s in stretches] == sorted(s[0] for s in stretches)


class Rewriter:
    """A stage that rewrites each `old` to `new` (text changes at several places per pass)."""
    name = "rewriter"

    def __init__(self, old: str = "ab", new: str = "b"):
        self.old, self.new = old, new

    def propose(self, text, ctx):
        start = text.find(self.old)
        while start >= 0:
            yield Proposal(start, start + len(self.old), self.new, "t.rewrite", "", Level.FIX)
            start = text.find(self.old, start + len(self.old))


class _Watcher:
    """A stage that records, at each call, the text and what Context.copied says of it."""
    name = "watcher"

    def __init__(self):
        self.calls = []

    def propose(self, text, ctx):
        self.calls.append((text, ctx.copied(self)))
        return ()


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab c\n", min_size=1, max_size=40))
def test_a_stage_later_in_a_run_is_told_what_was_copied_from_its_last_text(text):
    watcher = _Watcher()
    Pipeline([watcher, Rewriter()]).run(text)
    assert watcher.calls[0][1] is None  # its first call: nothing to compare with
    for (last, _), (now, copied) in zip(watcher.calls, watcher.calls[1:]):
        for new, old, length in copied:
            assert now[new:new + length] == last[old:old + length]
        # one rewriter run between the calls: all of the last text but its "ab"s is still there
        assert sum(length for _, _, length in copied) == len(last) - 2 * last.count("ab")


def test_a_stage_called_on_its_own_is_told_nothing():
    assert Context("text").copied(_Watcher()) is None
