"""remove-line's first look at each line (issue 15): the start of the line lowercased, not the whole text.

A line is tried on the combined pattern only if it starts, lowercase, as
one of the patterns' alternatives can. Lowering only as much of each line
as the longest opening must tell the same lines as lowering the whole text
did; a line starting beyond ASCII, once always tried, is tried only if it
starts as an alternative can ignoring case ("\u00a9", "\u0444\u043e\u0442\u043e") or with a
character matching an ASCII letter ignoring case; and a line that may not
open is no longer handed to the rules one by one when none is left out of
the combination. In a later pass of a run, a line the combination did not
match before is not tried again.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import ASCII_CASE_PARTNERS
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import remove_line
from cleanup.stages.registry import configure

RULES = [configure(r) for r in load_rulebook().rules("remove-line")]

STARTS = ["\u00a9 2020", "\u0424\u043e\u0442\u043e: \u0422\u0410\u0421\u0421", "\u0444\u043e\u0442\u043e:",
          "\u201cWe", "\u201c", "Read more", "READ", "re", "\u017fee also", "\u212aey points", "\u0130n brief",
          "In brief", "in", "\u0131n", "\u03a3\u03b1\u03c2", "Photo", "ph\u03a3oto", "\u00e9t\u00e9", "advertisement",
          "ADVERTISEMEN", "(c)", "\u00a9", "x", "", "e", "E-mail", "\u1e9e"]
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
    """Lines starting in ASCII: as the first reading told; beyond: all it tried that the rules match."""
    stage = remove_line.RemoveLineStage(RULES)
    lines = Context(text).view(text).lines
    stripped = [(i, s) for i, s in enumerate(line.text.strip() for line in lines) if s]
    may = stage._may_open(text, stripped)
    for (_, line), fast, plain in zip(stripped, may, plain_may_open(stage, text, stripped)):
        assert fast == plain if line[0].isascii() else fast or not stage.combined.fullmatch(line)


@pytest.mark.parametrize("line", ["\u00a9 2023 Acme", "\u0424\u043e\u0442\u043e: \u0422\u0410\u0421\u0421",
                                  "\u0444\u043e\u0442\u043e: \u0422\u0410\u0421\u0421",
                                  "\u0424\u041e\u0422\u041e: \u0422\u0410\u0421\u0421", "\u017fee also:",
                                  "\u212aey points", "\u0130n brief"])
def test_a_line_starting_beyond_ascii_that_a_rule_removes_may_open(line):
    stage = remove_line.RemoveLineStage(RULES)
    assert stage._may_open(line, [(0, line)]) == [True]
    assert stage.opens_beyond_ascii.match("\u201c") is None  # (a quote opens no rule's line)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_the_stage_removes_what_trying_every_line_removes(text):
    fast = remove_line.RemoveLineStage(RULES)
    slow = remove_line.RemoveLineStage(RULES)
    slow.openings = None
    assert list(fast.propose(text, Context(text))) == list(slow.propose(text, Context(text)))


# -- a later pass: the lines the combination matched not before are not tried again ----------------

@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.lists(st.tuples(st.integers(0, 12), lines), max_size=4))
def test_a_later_pass_removes_what_a_first_one_would(text, edits):
    stage = remove_line.RemoveLineStage(RULES)
    ctx = Context(text)
    list(stage.propose(text, ctx))
    later = text.split("\n")
    for at, line in edits:
        later[at % len(later)] = line
    later = "\n".join(later)
    assert list(stage.propose(later, ctx)) == list(remove_line.RemoveLineStage(RULES).propose(later, Context(later)))
    assert list(stage.propose(later, ctx)) == list(remove_line.RemoveLineStage(RULES).propose(later, Context(later)))
