"""The stretches of a rule's scope (replace_reach.Scope) are found without looking for what the prefilter
found absent: they are those of the plain way (every alternative of the need looked for), and so are the
rules' proposals. Texts are built from the needs' literals and their alternatives, some left out, beside
the walls; the cut-off (one stretch per so many characters) is drawn too, so it falls before, at and after
the number of stretches."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import barriers, requirement
from cleanup.core.pipeline import Context
from cleanup.stages import replace, replace_reach
from cleanup.stages.replace import ReplaceStage
from cleanup.stages.replace_reach import Found, LiteralPrefilter, Scope

from .test_replace_prefilter import _rule

RULES = [  # (pattern, ignore_case): needs with alternatives, ignoring case or not, a class after a literal
    (r"\b(conversation|talks?|chat|meeting)\s+on\s+tea\b", False),
    (r"^[ \t]*(?:date|published|updated|posted|last\s+updated)[ \t]*:?[ \t]*\d{4}-\d{2}", True),
    (r"\b(?:North|Northern)(?=\s+Stream)", False),
    (r"(\p{Lu}\w+)\s*\((\1)\)", False),
    (r"\b(?:It|That)\s+(?:was|is)\.", False),
]
PIECES = ["talk", "talks", "chat", "meeting", "conversation", "on", "tea", "DATE", "Published", "updated",
          "posted", "last updated", "2024-01-02", "North", "Northern", "Stream", "Putin", "(Putin)", "(",
          "It", "was", "is", "That", "\u0130", "\u212a", "x"]
SEPARATORS = [" ", " ", ".", ",", "\n", ": ", ";", "\n\n", ""]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=50).map(
    lambda parts: "".join(p + s for p, s in parts))


def _scope(pattern: str, ignore_case: bool) -> Scope:
    return Scope(barriers(pattern, ignore_case), requirement(pattern, ignore_case), ignore_case)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(RULES), texts, st.integers(1, 300))
def test_the_stretches_are_the_plain_ways(rule, text, chars_per_stretch):
    pattern, ignore_case = rule
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(replace_reach, "_CHARS_PER_STRETCH", chars_per_stretch)
        scope = _scope(pattern, ignore_case)
        asked = Found(text)  # (the prefilter's answers first: what it found absent is not looked for)
        LiteralPrefilter([(requirement(pattern, ignore_case), ignore_case)]).rules_that_may_match(text, asked)
        fast = scope._spans(text, asked)
        plain = scope._spans(text, Found(text))  # (a Found asked nothing yet: every alternative is looked for)
    assert (None if fast is None else list(fast)) == (None if plain is None else list(plain))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(RULES), min_size=1, max_size=5), texts, st.integers(1, 300))
def test_the_rules_propose_what_they_propose_in_the_whole_text(rules, text, chars_per_stretch):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(replace, "SHORT_TEXT", 0)
        mp.setattr(replace_reach, "_CHARS_PER_STRETCH", chars_per_stretch)
        fast = [(p.start, p.end, p.replacement) for p in ReplaceStage(rules).propose(text, Context(text))]
    plain = [(p.start, p.end, p.replacement) for p in
             ReplaceStage(rules, prefilter=False).propose(text, Context(text))]
    assert fast == plain
