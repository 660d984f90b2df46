"""The remove-line stage compiles its combined pattern only for a text with a line that may open as
one of its rules (start-up), and the site-tail patterns only when a line gets that far: the same
lines are removed as when every rule is tried on every line.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.core.edits import Level
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import Rule
from cleanup.stages import remove_line
from cleanup.stages.registry import configure

from .test_speed_structure import LINE_RULES, boilerplate_texts


def _rule(i, pattern, ignore_case=True, position="any"):
    return configure(Rule(f"generated.l{i}", "remove-line", Level.FIX, "generated",
                          {"id": f"l{i}", "pattern": pattern, "ignore_case": ignore_case, "position": position}))


RULES = LINE_RULES + [_rule(0, r"(ad)\s+\1"), _rule(1, r"the end\.", True, "last")]  # (one tried alone always)


def _one_by_one(rules):
    stage = remove_line.RemoveLineStage(rules)
    stage._combined, stage.compiled, stage.openings, stage.alone = None, True, None, list(rules)
    return stage


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(boilerplate_texts, st.booleans())
def test_the_lines_removed_are_those_removed_trying_every_rule_alone(text, uncombined):
    """Also when the rules turn out not to combine (then, once compiled, every rule is tried alone)."""
    fast = remove_line.RemoveLineStage(RULES)
    expected = list(_one_by_one(RULES).propose(text, Context(text)))
    combine = remove_line._combine
    try:
        if uncombined:
            remove_line._combine = lambda rules: None
        assert list(fast.propose(text, Context(text))) == expected
    finally:
        remove_line._combine = combine


def test_no_pattern_is_compiled_for_lines_no_rule_can_open():
    stage = remove_line.RemoveLineStage(LINE_RULES)
    text = "Hello world.\nThe end.\n"
    assert list(stage.propose(text, Context(text))) == []
    assert not stage.compiled and not stage.single
    text = "Hello world.\nRead more\n"
    assert len(list(stage.propose(text, Context(text)))) == 1 and stage.compiled
