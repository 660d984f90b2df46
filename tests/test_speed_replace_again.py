"""A later pass of the replace stage takes what the last call learnt where its text was copied from the
last call's (replace_again.py): literals the last text did not hold are looked for only where the
text changed, and a rule cut at its walls is searched only where a copied stretch does not vouch for
its matches. The oracle is a first look at the same text (a new stage, a new run), after a chain of
edits of every kind: lines changed, put in, taken out, joined and split, walls put in and taken out,
at the texts' ends too."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages import replace, replace_reach
from cleanup.stages.replace import ReplaceStage

from .test_replace_prefilter import _rule, _valid, patterns
from .test_speed_replace import SHIPPED, documents, texts

PIECES = ["tea", "on", "Putin", "(", ")", ".", "\n", " ", "It was.", "\u0130", "TEA", "x", ",", "©", "the", "\n\n", ""]
edits = st.lists(st.tuples(st.integers(0, 400), st.integers(0, 12), st.sampled_from(PIECES)), min_size=1,
                 max_size=4)


def _edited(text: str, changes, ctx) -> str:
    """The text after the changes, each recorded in ctx as the pipeline records an applied stage's."""
    for at, cut, piece in changes:
        at = min(at, len(text))
        end = min(at + cut, len(text))
        ctx._steps.append([(at, end, len(piece))])
        text = text[:at] + piece + text[end:]
    return text


def _proposals(stage, text, ctx):
    """The stage's proposals, its call recorded in ctx as the pipeline records it (see Context.copied)."""
    out = [(p.start, p.end, p.replacement, p.rule, p.level) for p in stage.propose(text, ctx)]
    ctx._called(stage, text)
    return out


def _fresh(rules, text, direct=True):
    stage = ReplaceStage(rules)
    if not direct:
        stage.direct = set()
    return _proposals(stage, text, Context(text))


@pytest.fixture(autouse=True)
def _every_later_pass_again(monkeypatch):
    monkeypatch.setattr(replace, "MOST_AGAIN", 1.0)  # (however much of a text is searched again)


@pytest.fixture(params=[1000, 0], ids=["as shipped", "every text in stretches"])
def _stretches(request, monkeypatch):
    monkeypatch.setattr(replace, "SHORT_TEXT", request.param)
    if request.param == 0:
        monkeypatch.setattr(replace_reach, "_CHARS_PER_STRETCH", 1)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents, st.lists(edits, min_size=1, max_size=3))
def test_later_passes_propose_what_a_first_look_proposes(_stretches, first, passes):
    stage, ctx, text = ReplaceStage(SHIPPED), Context(first), first
    _proposals(stage, text, ctx)
    for changes in passes:
        text = _edited(text, changes, ctx)
        assert _proposals(stage, text, ctx) == _fresh(SHIPPED, text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(patterns, st.booleans()), min_size=1, max_size=6), texts, st.lists(edits, min_size=1,
       max_size=3), st.booleans())
def test_generated_rules_find_in_later_passes_what_a_first_look_finds(_stretches, rules, first, passes, direct):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules) if _valid(p)]
    assume(rules)
    stage, text = ReplaceStage(rules), first * 3
    if not direct:
        stage.direct = set()
    ctx = Context(text)
    _proposals(stage, text, ctx)
    for changes in passes:
        text = _edited(text, changes, ctx)
        assert _proposals(stage, text, ctx) == _fresh(rules, text, direct)


@pytest.mark.parametrize("pattern, first, second", [
    (r"tea$", "tea\nx", "tea"),                     # a copied line that now ends the text
    (r"^tea", "x\ntea", "tea"),                     # ... that now starts it
    (r"(?=tea)|$", "a.tea.", "a.tea"),              # an empty match at the text's end
    (r"(?=tea)|$", "a.tea", "a.tea.b"),
    (r".?", "tea\ntea\ntea\n", "teatea\n"),          # a copied stretch from the last wall to the end
    (r"b\.?c", "ab\nxx\nc", "ab\nc"),               # a line taken out: its neighbours meet
    ("b\nc\\.?", "ab\nxx\nc", "ab\nc"),             # ... and a literal across them (no walls; a line break)
    (r"n\s+t", "on\ntea", "on\nx\ntea"),            # ... put in
    (r"x\.y", "x.y\nx.y", "x.y\nx.\ny"),            # a wall put in a line
    (r"\bon\s+tea\b", "on tea.on tea.", "on tea.on tea.on tea."),
])
def test_hard_cases(pattern, first, second):
    rules = [_rule(0, pattern, False)]
    stage = ReplaceStage(rules)
    ctx = Context(first)
    _proposals(stage, first, ctx)
    ctx._steps.append(_change(first, second))
    assert _proposals(stage, second, ctx) == _fresh(rules, second)


def _change(first: str, second: str) -> list:
    """The one change that makes `second` of `first`: what lies between their shared start and end."""
    start = next((k for k, (a, b) in enumerate(zip(first, second)) if a != b), min(len(first), len(second)))
    most = min(len(first), len(second)) - start
    end = next((k for k in range(most) if first[-1 - k] != second[-1 - k]), most)
    return [(start, len(first) - end, len(second) - end - start)]


def test_a_stage_called_on_its_own_reads_a_later_text_as_a_first():
    rules = [_rule(0, "tea", False)]
    stage = ReplaceStage(rules)
    ctx = Context("tea")
    list(stage.propose("tea", ctx))  # (no pipeline records the call: nothing to take again)
    assert _proposals(stage, "x tea", ctx) == _fresh(rules, "x tea")


@given(st.text("ab (.", max_size=12), st.text("ab (.", max_size=12), st.integers(0, 5))
def test_trim_common_shortcut(old, new, start):
    assert replace.trim_common(start, old, new) == replace.trim_by_words(start, old, new)


class _Editor:
    """A stage that makes the same edits each pass while it finds them: a later pass of the replace stage
    is then given a text the pipeline knows the copies of (Context.copied)."""
    name = "editor"

    def __init__(self, edits):
        self.edits = edits

    def propose(self, text, ctx):
        from cleanup.core.edits import Level, Proposal
        for old, new in self.edits:
            at = text.find(old)
            if at >= 0:
                yield Proposal(at, at + len(old), new, "test.editor", "edit", Level.FIX)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents, st.lists(st.tuples(st.sampled_from(["tea", "(", ".", "\n", "on", "Putin", "x"]),
                                     st.sampled_from(["", "tea", " (", ".\n", "x", "on tea"])), max_size=4),
       st.sampled_from([0, 20]))
def test_through_a_pipeline_as_without_a_later_pass_memo(monkeypatch, text, edits, keep_from):
    """The pipeline tells what a later text copies (Context.copied): the same Result as a stage that
    learns nothing from its last call; with stretches' proposals kept, and without (keep_from 0)."""
    from cleanup.core.pipeline import Pipeline
    monkeypatch.setattr(replace, "KEEP_FROM", keep_from)
    with_memo = Pipeline([ReplaceStage(SHIPPED), _Editor(edits)]).run(text)
    monkeypatch.setattr(replace, "Last", lambda *args: None)
    without = Pipeline([ReplaceStage(SHIPPED), _Editor(edits)]).run(text)
    assert with_memo == without
