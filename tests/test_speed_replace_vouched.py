"""A later pass of the replace stage does not look again for a literal the last text held where a stretch
copied from the last text holds the occurrence the last call found (replace_again.FoundAgain): its answers
are a plain look's at every pass, ignoring case or not. The edits fall at, inside and around the
occurrences: a literal cut, joined from two halves, moved, taken out and put back."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.ascii_folding import fold_ascii
from cleanup.core.copies import since
from cleanup.stages.replace_again import Last
from cleanup.stages.replace_reach import Found

LITERALS = ["tea", "on", "Putin", "talks", "state", "e", "(P"]
PIECES = LITERALS + ["te", "a", "Pu", "tin", "TEA", "\u212a", "\u0130", "x", " ", ".", "\n", ""]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
edits = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6), st.sampled_from(PIECES)), min_size=1, max_size=4)


def _asked(found: Found) -> Found:
    for literal in LITERALS:
        found.has(literal)
        found.has_folded(literal.lower())
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.lists(edits, min_size=1, max_size=3))
def test_a_later_pass_answers_as_a_plain_look(text, passes):
    found = _asked(Found(text))
    for changes in passes:
        steps = []
        for at, cut, piece in changes:  # (each edit a pass of its own, as the pipeline records them)
            at = min(at, len(text))
            end = min(at + cut, len(text))
            steps.append([(at, end, len(piece))])
            text = text[:at] + piece + text[end:]
        last = Last(len(found.text), found, [])
        found = _asked(last.again(text, max(map(len, LITERALS)), since(last.length, steps)).found)
        assert found.seen == {literal: literal in text for literal in LITERALS}
        folded = fold_ascii(text)
        assert found.seen_folded == {literal.lower(): literal.lower().encode() in folded for literal in LITERALS}
        for literal, where in found.at.items():  # (what the next pass reads)
            assert text.startswith(literal, where)
        for literal, where in found.at_folded.items():
            assert folded.startswith(literal.encode(), where)
