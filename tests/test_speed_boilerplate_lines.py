"""remove-line walks only the lines its combined pattern may match (issue 15): the same lines removed, the
same rules tried one by one and the same lines kept for a later pass as when every line with text is
walked in order, also when the combination runs out of time part way (then the lines from the one it ran
out on are tried rule by rule) or cannot be compiled, and with a rule left out of the combination.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.core.timed_regex import Stopped
from cleanup.stages import remove_line

from .test_speed_lines import RULES as WITH_ONE_ALONE
from .test_speed_structure import LINE_RULES, boilerplate_texts


def plain_propose(stage, text, ctx):
    """Every line with text walked in order (the reading before the walk over the lines that may open)."""
    lines = ctx.view(text).lines
    stripped = [(i, line.text.strip()) for i, line in enumerate(lines) if line.text.strip()]
    last = stripped[-1][0] if stripped else -1
    unmatched = ctx.kept(stage)
    may = [m and line not in unmatched for m, (_, line) in zip(stage._may_open(text, stripped), stripped)]
    found = [None] * len(stripped) if not any(may) else []
    if any(may) and stage.combined is not None:
        def run(timeout):
            for (_, line), m in zip(stripped, may):
                found.append(stage.combined.fullmatch(line, timeout=timeout) if m else None)
        try:
            ctx.clock.run(remove_line._COMBINED, run, None)
        except Stopped:
            pass
    tried = list(zip(stripped, may, found))
    found += [remove_line._UNTRIED] * (len(stripped) - len(found))
    remove = {}
    for (i, line), m in zip(stripped, found):
        if m is None and not stage.alone:
            continue
        rule = stage._match(line, i == last, m, ctx)
        if rule:
            remove[i] = rule
    out = [(start, end, rule.id) for start, end, rule in remove_line.removal_spans(text, lines, remove)]
    unmatched.update(dict.fromkeys(line for (_, line), m, f in tried if m and f is None))
    return out


class RunsOut:
    """The combined pattern, running out of time at its `after`-th line (None: never)."""

    def __init__(self, pattern, after):
        self.pattern, self.after = pattern, after

    def fullmatch(self, line, timeout):
        if self.after == 0:
            raise TimeoutError
        self.after = None if self.after is None else self.after - 1
        return self.pattern.fullmatch(line, timeout=timeout)


def _stage(rules, after, uncombined):
    stage = remove_line.RemoveLineStage(rules)
    if not uncombined:  # (else it is compiled when first needed, and does not compile: see the test)
        stage._combined, stage.compiled = RunsOut(remove_line._combine(stage.joined), after), True
    return stage


def _proposed(stage, text, ctx):
    return [(p.start, p.end, p.rule) for p in stage.propose(text, ctx)]


def _run(propose, stage, texts):
    ctx, out = Context(texts[0]), []
    for text in texts:  # (a later pass gets the next text: what the last one told is kept)
        out.append(propose(stage, text, ctx))
        ctx._called(stage, text)
    return out, [(p.kind, p.rule) for p in ctx.problems], dict(ctx.kept(stage)), sorted(ctx.clock.stopped)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(boilerplate_texts, min_size=1, max_size=3), st.sampled_from([LINE_RULES, WITH_ONE_ALONE]),
       st.one_of(st.none(), st.integers(0, 6)), st.booleans())
def test_the_lines_that_may_open_are_walked_as_all_lines_were(texts, rules, after, uncombined):
    combine = remove_line._combine
    try:
        if uncombined:  # as when the combination does not compile (then every rule is tried alone)
            remove_line._combine = lambda rules: None
        fast = _run(_proposed, _stage(rules, after, uncombined), texts)
        assert fast == _run(plain_propose, _stage(rules, after, uncombined), texts)
    finally:
        remove_line._combine = combine
