"""The replace stage keeps each stretch's proposals for the run (Context.kept): a later pass, given
the text again with a few lines changed, reads them for the stretches it is given again, and must
propose what a first look at that text proposes."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages import replace, replace_reach
from cleanup.stages.replace import ReplaceStage

from .test_replace_prefilter import _rule
from .test_speed_replace import SHIPPED, documents


@pytest.fixture(autouse=True)
def _every_text_kept(monkeypatch):
    monkeypatch.setattr(replace, "SHORT_TEXT", 0)
    monkeypatch.setattr(replace, "KEEP_FROM", 0)
    monkeypatch.setattr(replace_reach, "_CHARS_PER_STRETCH", 1)


def _proposals(stage, text, ctx):
    return [(p.start, p.end, p.replacement, p.rule) for p in stage.propose(text, ctx)]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents, documents, st.integers(0, 200))
def test_a_second_pass_proposes_what_a_first_look_proposes(first, piece, at):
    stage = ReplaceStage(SHIPPED)
    ctx = Context(first)
    _proposals(stage, first, ctx)
    second = first[:at] + piece + first[at:]
    assert _proposals(stage, second, ctx) == _proposals(ReplaceStage(SHIPPED), second, Context(second))


@pytest.mark.parametrize("pattern, first, second", [
    (r"^tea", "x\ntea\n", "x.tea\n"),              # the barrier before a stretch matters
    (r"\btea\b", "tea.tea", "a.tea"),              # a stretch at the text's start, or not
    (r"tea$", "tea.x\n", "x\ntea."),
    (r"(?=tea)|$", "a.tea.", "a.tea"),             # an empty match at the text's end, or at a stretch's
])
def test_a_stretch_is_known_again_only_with_what_its_matches_look_at(pattern, first, second):
    rules = [_rule(0, pattern, False)]
    stage = ReplaceStage(rules)
    stage.direct = set()
    ctx = Context(first)
    _proposals(stage, first, ctx)
    fresh = ReplaceStage(rules)
    fresh.direct = set()
    assert _proposals(stage, second, ctx) == _proposals(fresh, second, Context(second))
