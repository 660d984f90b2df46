"""A later pass of the replace stage searches a rule only in the gaps that hold what its matches need
(replace_again.Again.gaps_holding), not in every gap between copied stretches. The plain way searches
every gap; a first look at the same text is the other oracle. On one line (no line break: the case the
fast path is for), with small numbers patched in: however few the gaps, they are told apart; stretches
are counted one per character (no cut-off); the need's other parts are looked for however few the
stretches."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages import replace, replace_again, replace_reach
from cleanup.stages.replace import ReplaceStage

from .test_replace_prefilter import _rule, _valid, patterns
from .test_speed_replace import LINES, NAMES, SHIPPED, WALLS
from .test_speed_replace_again import _edited, _fresh, _proposals

ON_ONE_LINE = [wall for wall in WALLS if "\n" not in wall]
lines = st.lists(st.tuples(st.sampled_from(LINES + NAMES), st.sampled_from(ON_ONE_LINE)), min_size=1,
                 max_size=60).map(lambda parts: "".join(p + s for p, s in parts))
PIECES = ["tea", "on", "Putin", "(", ")", ".", ",", " ", "It was.", "TEA", "x", "©", "the", "talks on tea", ""]
edits = st.lists(st.tuples(st.integers(0, 600), st.integers(0, 12), st.sampled_from(PIECES)), min_size=1,
                 max_size=6)


@pytest.fixture(autouse=True)
def _small_gaps(monkeypatch):
    monkeypatch.setattr(replace, "MOST_AGAIN", 1.0)  # (however much of a text is searched again)
    monkeypatch.setattr(replace, "SHORT_TEXT", 0)
    monkeypatch.setattr(replace_again, "FEW_GAPS", 0)
    monkeypatch.setattr(replace_reach, "_CHARS_PER_STRETCH", 1)
    monkeypatch.setattr(replace_reach, "_FEW_STRETCHES", 0)


def _every_gap(self, walls, scope):
    return self.gaps(walls)[0]


def _later_passes(rules, first, passes) -> list:
    """(text, proposals) of each later pass."""
    stage, ctx, text, out = ReplaceStage(rules), Context(first), first, []
    _proposals(stage, text, ctx)
    for changes in passes:
        text = _edited(text, changes, ctx)
        out.append((text, _proposals(stage, text, ctx)))
    return out


def _as_plain_and_first_looks(rules, first, passes, monkeypatch):
    fast = _later_passes(rules, first, passes)
    with monkeypatch.context() as plain:
        plain.setattr(replace_again.Again, "gaps_holding", _every_gap)
        assert fast == _later_passes(rules, first, passes)
    for text, proposals in fast:
        assert proposals == _fresh(rules, text)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines, st.lists(edits, min_size=1, max_size=3))
def test_shipped_rules_in_the_gaps_that_hold_their_needs(monkeypatch, first, passes):
    _as_plain_and_first_looks(SHIPPED, first, passes, monkeypatch)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(patterns, st.booleans()), min_size=1, max_size=6), lines, st.lists(edits, min_size=1,
       max_size=3))
def test_generated_rules_in_the_gaps_that_hold_their_needs(monkeypatch, rules, first, passes):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules) if _valid(p)]
    assume(rules)
    _as_plain_and_first_looks(rules, first, passes, monkeypatch)
