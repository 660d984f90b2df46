"""remove-line's first look at each line (issue 15): the start of the line lowercased, not the whole text.

A line is tried on the combined pattern only if it starts, lowercase, as
one of the patterns' alternatives can (or beyond ASCII). Lowering only as
much of each line as the longest opening must tell the same lines as
lowering the whole text did; and a line that may not open is no longer
handed to the rules one by one when none is left out of the combination.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import ASCII_CASE_PARTNERS
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import remove_line
from cleanup.stages.registry import configure

RULES = [configure(r) for r in load_rulebook().rules("remove-line")]

STARTS = ["Read more", "READ", "re", "\u017fee also", "\u212aey points", "\u0130n brief", "In brief", "in", "\u0131n",
          "\u03a3\u03b1\u03c2", "Photo", "ph\u03a3oto", "\u00e9t\u00e9", "advertisement", "ADVERTISEMEN", "(c)",
          "\u00a9",
          "x", "", "e", "E-mail", "\u1e9e"]
SPACES = ["", " ", "\t", "\u00a0", "\u2028", "\u3000", "\x1c"]
lines = st.tuples(st.sampled_from(SPACES), st.sampled_from(STARTS), st.sampled_from(["", " the end", "\u03a3", ":"]),
                  st.sampled_from(SPACES)).map("".join)
texts = st.lists(lines, max_size=10).map("\n".join)


def plain_may_open(stage, text, stripped):
    """The first reading: the whole text lowered, each line's start looked at."""
    if any(partner in text for partner in remove_line._PARTNERS):
        text = text.translate(ASCII_CASE_PARTNERS)
    lowered = text.lower().split("\n")
    return [not line[0].isascii() or lowered[i].lstrip().startswith(stage.openings) for i, line in stripped]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_the_lines_that_may_open_are_those_the_whole_text_lowered_tells(text):
    stage = remove_line.RemoveLineStage(RULES)
    lines = Context(text).view(text).lines
    stripped = [(i, s) for i, s in enumerate(line.text.strip() for line in lines) if s]
    assert stage._may_open(text, stripped) == plain_may_open(stage, text, stripped)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_the_stage_removes_what_trying_every_line_removes(text):
    fast = remove_line.RemoveLineStage(RULES)
    slow = remove_line.RemoveLineStage(RULES)
    slow.openings = None
    assert list(fast.propose(text, Context(text))) == list(slow.propose(text, Context(text)))
