"""A rule whose every match ends at a line end (`$`) is matched backwards from the end of a text without a
line break (replace_reach.Backwards), and not searched when that finds nothing. The oracle is the
search: wherever it finds a match, the backward match finds one too; and the stage proposes what the
stage without its prefilter and reach (a plain search of the whole text) proposes. Every text is
"long" (SHORT_TEXT patched to 0)."""
from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import ends_at_line_end
from cleanup.stages import replace
from cleanup.stages.replace import ReplaceStage
from cleanup.stages.replace_reach import Backwards, same_backwards

from .test_replace_prefilter import _rule, _valid, patterns
from .test_speed_replace import LINES, NAMES, SHIPPED, WALLS, _proposals

FURNITURE = ["He left. Read more: the story of it all", "It was.\u201d Also read \u2014 A day", "x. More news > y z",
             "Done! READ MORE | next", "Fine.  Recommended for you", "Good tea \u00a9 2024 Kyodo News", "Read more:"]
ON_ONE_LINE = [wall for wall in WALLS if "\n" not in wall]
lines = st.lists(st.tuples(st.sampled_from(LINES + NAMES + FURNITURE), st.sampled_from(ON_ONE_LINE)), min_size=1,
                 max_size=30).map(lambda parts: "".join(p + s for p, s in parts))
# (what a pattern may hold that commits to a choice or refers back: same_backwards must refuse it)
COMMITTING = ["", "", "", "(?>on|o)", "n*+", "(t)e\\1", "(?P<x>a)(?P=x)", "\\K", "(?i:tea)"]


@pytest.fixture(autouse=True)
def _every_text_long(monkeypatch):
    monkeypatch.setattr(replace, "SHORT_TEXT", 0)


def _ending_at_line_ends(pattern: str, committing: str) -> str:
    return f"(?:{pattern}){committing}$"


def _line_end_rules(drawn):
    return [(_ending_at_line_ends(p, c), ic) for p, c, ic in drawn]


rules_ending_at_line_ends = st.lists(st.tuples(patterns, st.sampled_from(COMMITTING), st.booleans()), min_size=1,
                                     max_size=5).map(_line_end_rules)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(patterns, st.sampled_from(COMMITTING), st.booleans(), lines)
def test_where_a_search_finds_a_match_the_backward_match_finds_one(pattern, committing, ignore_case, line):
    source = _ending_at_line_ends(pattern, committing)
    assume(_valid(source) and ends_at_line_end(source) and same_backwards(source))
    forwards = regex.compile(source, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    backwards = Backwards(source, ignore_case).pattern
    for text in (line, line * 3):
        if forwards.search(text) is not None:
            assert backwards.match(text) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(rules_ending_at_line_ends, lines)
def test_generated_rules_on_one_line_as_a_plain_search(rules, line):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules) if _valid(p)]
    assume(rules)
    for text in (line, line * 3):
        assert _proposals(ReplaceStage(rules), text) == _proposals(ReplaceStage(rules, prefilter=False), text)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines)
def test_shipped_rules_on_one_line_as_a_plain_search(line):
    assert _proposals(ReplaceStage(SHIPPED), line) == _proposals(ReplaceStage(SHIPPED, prefilter=False), line)


@pytest.mark.parametrize("source", ["(?>on|o)n$", "on*+n$", "(t)e\\1$", "(?P<x>a)(?P=x)$", "a\\Kb$", "(?i)a$",
                                    "\\Ga$"])
def test_what_is_not_matched_the_same_backwards(source):
    assert not same_backwards(source)
