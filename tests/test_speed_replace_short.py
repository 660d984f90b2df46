"""The replace stage on a short text (issue 15: the cost per call): the prefilter first asks the text for one
key of each rule (a literal its test asks first: replace_reach._keys) at C speed, the capitals among them by
the capitals' one search, and asks the rules' tests only of the rules with a key in the text; a short text
keeps nothing for a later pass, which looks at it afresh. The oracles: the same prefilter with every test
asked (GATED below every length), and a new stage on each text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages import replace, replace_reach
from cleanup.stages.replace import ReplaceStage
from cleanup.stages.replace_reach import Found, LiteralPrefilter, _literals

from .test_replace_prefilter import _rule, _valid, patterns
from .test_speed_replace import SHIPPED, documents, texts
from .test_speed_replace_again import _edited, _fresh, _proposals, edits

# literals that share first letters, start inside one another and end where another starts (the capitals'
# search finds no two overlapping), folded ones lowercase as requirement() gives them
capitalised = st.tuples(st.sampled_from("ABT"), st.text(alphabet="aAbBT'", max_size=4)).map("".join).filter(
    lambda literal: len(literal) >= 2)
lowercase = st.text(alphabet="ab-(", min_size=1, max_size=3)
leaves = st.one_of(capitalised, lowercase, st.just(("re", r"\(\p{Lu}")))
needs = st.recursive(leaves, lambda parts: st.tuples(st.sampled_from(["and", "or"]),
                                                     st.lists(parts, min_size=1, max_size=3)), max_leaves=6)
rule_needs = st.lists(st.tuples(st.one_of(st.none(), needs), st.booleans()), min_size=1, max_size=6)


def _asked_all(prefilter, text, shallow):
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(replace_reach, "GATED", -1)
        return prefilter.rules_that_may_match(text, Found(text, prefilter.capitals), shallow)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), rule_needs)
def test_the_keys_let_through_every_rule_whose_test_passes(data, rules):
    rules = [(need if not folded else _lower(need), folded) for need, folded in rules]
    literals = sorted({lit for need, _ in rules for lit in _literals(need)}) or ["x"]
    cut = st.tuples(st.integers(0, 2), st.integers(0, 2))
    pieces = st.tuples(st.sampled_from(literals), cut).map(lambda p: p[0][p[1][0]:len(p[0]) - p[1][1]])
    text = data.draw(st.lists(st.one_of(pieces, pieces.map(str.upper), st.text(alphabet="aAbBT'(- x\u017f\u212a",
                                                                                 max_size=3)), max_size=30)
                     .map("".join))
    text = text * data.draw(st.sampled_from([1, 1, 1, 40]))  # (some longer than GATED: every test asked)
    shallow = set(data.draw(st.lists(st.integers(0, len(rules) - 1), max_size=len(rules))))
    prefilter = LiteralPrefilter(rules)
    assert prefilter.rules_that_may_match(text, Found(text, prefilter.capitals), shallow) == \
        _asked_all(prefilter, text, shallow)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@example([["BAb"], ["AbA"]], [("BAb", 0), ("A", 0)])
@given(st.lists(st.lists(st.text(alphabet="ABab", min_size=2, max_size=3).filter(lambda x: x[0] in "AB"),
                         min_size=1, max_size=2), min_size=1, max_size=6),
       st.lists(st.tuples(st.text(alphabet="ABab ", max_size=3), st.integers(0, 2)), max_size=6))
def test_the_capitals_keys_let_through_a_rule_whose_literal_starts_inside_one_found(rules, pieces):
    """(The capitals' search finds "BAb" in "BAbA": "AbA" is not found by it, "bA" is, inside it.)"""
    literals = sorted({literal for literals in rules for literal in literals})
    text = "".join(literals[len(piece) % len(literals)][cut:] + piece for piece, cut in pieces)
    prefilter = LiteralPrefilter([(("or", literals), False) for literals in rules])
    assert prefilter.rules_that_may_match(text, Found(text, prefilter.capitals)) == \
        _asked_all(prefilter, text, set())


def _lower(need):
    if isinstance(need, str):
        return need.lower()
    if need is None or need[0] == "re":
        return need
    return need[0], [_lower(part) for part in need[1]]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(patterns, st.booleans()), min_size=1, max_size=6), texts, st.booleans())
def test_generated_rules_on_short_texts_find_what_every_rule_run_finds(rules, text, direct):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules) if _valid(p)]
    assume(rules)
    fast = ReplaceStage(rules)
    if not direct:
        fast.direct = set()
    assert _proposals(fast, text, Context(text)) == _proposals(ReplaceStage(rules, prefilter=False), text,
                                                              Context(text))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents, st.lists(st.tuples(edits, st.sampled_from([True, True, True, False])), min_size=1, max_size=4))
def test_later_passes_short_and_long_in_turn_propose_what_a_first_look_proposes(first, passes):
    """A short text after a long one (whose call kept its answers), a long one after a short one (which
    kept none): however much of it a later pass would search again."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(replace, "MOST_AGAIN", 1.0)
        _passes(first, passes)


def _passes(first, passes):
    stage, ctx, text = ReplaceStage(SHIPPED), Context(first), first
    _proposals(stage, text, ctx)
    for changes, resize in passes:
        text = _edited(text, changes, ctx)
        if resize and len(text) <= 1000:  # (said again till it is long: the pipeline is told what is copied)
            more = (text or "It was. ") * (1000 // max(1, len(text)) + 1)
            ctx._steps.append([(len(text), len(text), len(more))])
            text += more
        elif resize:  # (cut short: its end kept)
            ctx._steps.append([(0, len(text) - 50, 0)])
            text = text[-50:]
        assert _proposals(stage, text, ctx) == _fresh(SHIPPED, text)


def test_a_folded_rule_without_keys_is_asked_of_the_folded_text():
    """(No rule has a folded key: the text is folded all the same.)"""
    prefilter = LiteralPrefilter([(("and", [("or", [("re", r"\(\p{Lu}"), "a"])]), True)])
    assert prefilter.rules_that_may_match("A") == {0}
