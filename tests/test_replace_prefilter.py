"""The replace stage's prefilter: a rule one of whose required literals does
not occur in a text is not run. That must never change a result: whenever a
pattern matches, every literal read off it occurs in the text.
"""
from __future__ import annotations

import re

import pytest
import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import ASCII_CASE_PARTNERS, requirement
from cleanup.core.edits import Level
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import Rule, load_rulebook
from cleanup.stages.registry import configure
from cleanup.stages.replace import ReplaceStage
from cleanup.stages.replace_reach import LiteralPrefilter

# -- patterns built from the syntax rule files use (and `re` understands, so
#    hypothesis can generate texts that match them)

WORDS = ["tea", "on", "Putin", "state", "(", ")", "©", "é", "K", "is", "ss", "i"]
literal_atoms = st.sampled_from(WORDS).map(re.escape)
other_atoms = st.sampled_from([r"\s+", r"\b", r"\d{2}", r"\.", r"\(", r"[a-z]", r"[^ ]", r"\w", ".", r"[\]x]", "^",
                               "$", r"\x41", r"\u00e9"])
quantifiers = st.sampled_from(["", "", "", "?", "+", "*", "{2}", "{0,2}", "{1,3}", "??", "+?"])


def _group(parts):
    kind = parts[0]
    body = parts[1]
    return {"plain": f"({body})", "nc": f"(?:{body})", "named": f"(?P<g>{body})", "ahead": f"(?={body})",
            "behind": f"(?<!{body[:1] or 'x'})", "alt": f"(?:{body}|x)"}[kind]


def _atom(children):
    return st.one_of(
        st.tuples(literal_atoms, quantifiers).map("".join),
        st.tuples(other_atoms, quantifiers).map("".join),
        st.tuples(st.sampled_from(["plain", "nc", "named", "ahead", "behind", "alt"]), children).map(_group)
        .flatmap(lambda g: quantifiers.map(lambda q: g + q if not g.startswith("(?<!") else g)),
    )


sequences = st.recursive(st.lists(st.tuples(literal_atoms, quantifiers).map("".join), min_size=1, max_size=3)
                         .map("".join),
                         lambda children: st.lists(_atom(children), min_size=1, max_size=4).map("".join),
                         max_leaves=8)
patterns = st.one_of(sequences, st.tuples(sequences, sequences).map("|".join))


def _valid(pattern: str) -> bool:
    try:
        re.compile(pattern)
        regex.compile(pattern)
    except (re.error, regex.error):
        return False
    return pattern.count("(?P<g>") <= 1


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), patterns, st.booleans())
def test_a_match_means_the_prefilter_lets_the_rule_run(data, pattern, ignore_case):
    assume(_valid(pattern))
    flags = re.IGNORECASE if ignore_case else 0
    text = data.draw(st.one_of(st.from_regex(re.compile(pattern, flags)),
                               st.text(alphabet="teaonPuis ©éK\u0130\u0131\u017f\u212a().1", max_size=20)))
    compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    if compiled.search(text):
        prefilter = LiteralPrefilter([(requirement(pattern, ignore_case), ignore_case)])
        assert prefilter.rules_that_may_match(text) == {0}


def _rule(i: int, pattern: str, ignore_case: bool) -> Rule:
    return configure(Rule(f"generated.r{i}", "replace", Level.FIX, "generated",
                          {"id": f"r{i}", "pattern": pattern, "replacement": "<\\g<0>>", "ignore_case": ignore_case}))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(patterns, st.booleans()), min_size=1, max_size=8),
       st.lists(st.sampled_from(WORDS + [" ", "\n", "x", "12", "\u0130", "\u212a", "TEA"]), max_size=25).map("".join))
def test_prefilter_changes_no_proposal(rules, text):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules) if _valid(p)]
    assume(rules)
    fast, plain = ReplaceStage(rules), ReplaceStage(rules, prefilter=False)
    assert list(fast.propose(text, Context(text))) == list(plain.propose(text, Context(text)))


def test_shipped_replace_rules_give_the_same_proposals_with_and_without_it():
    from .conftest import sample_inputs

    rules = [configure(r) for r in load_rulebook().rules("replace")]
    fast, plain = ReplaceStage(rules), ReplaceStage(rules, prefilter=False)
    for path in sample_inputs():
        text = path.read_text(encoding="utf-8")
        assert list(fast.propose(text, Context(text))) == list(plain.propose(text, Context(text)))


def test_a_rule_whose_literal_is_absent_is_not_run():
    rules = [_rule(0, r"\bregulat(e|es|ed|ing)\b", False), _rule(1, r"composer\b", True)]
    stage = ReplaceStage(rules)
    assert stage.prefilter.rules_that_may_match("They met on Monday.") == set()
    assert stage.prefilter.rules_that_may_match("To regulate the COMPOSER") == {0, 1}
    both = ReplaceStage([_rule(0, r"\bpolitical\s+regulations?(?=\s+for)", False)]).prefilter
    assert both.rules_that_may_match("political talks for a regulation") == {0}
    assert both.rules_that_may_match("political talks for the crisis") == set()  # every literal is needed


@pytest.mark.parametrize("pattern,ignore_case,need", [
    (r"\b(conversation|talks?|chat|meeting)\s+on\s+tea\b", False,
     ("and", ["tea", "on", ("or", ["conversation", "meeting", "talk", "chat"])])),  # longest first: rarest
    (r"\bpolitical\s+regulations?(?=\s+for)", False, ("and", ["regulation", "political", "for"])),
    (r"ab+cd?", False, ("and", ["ab", "c"])),
    (r"(?:foo|bar)bazz", False, ("and", ["bazz", ("or", ["foo", "bar"])])),
    (r"\p{Lu}\.net\b(?!com)", False, ".net"),  # what must not follow is not required
    (r"COMPOSER", True, "composer"),
    (r"Zürich", True, ("and", ["rich", "z"])),  # only ASCII stretches fold predictably
    (r"foo|bar", False, ("or", ["foo", "bar"])),
    (r"(?i:abc)", False, None),   # inside inline flags: not followed
    (r"(?:abcd){e<=1}", False, None),  # fuzzy matching
    (r"[[a-z]--[aeiou]]x", False, None),  # nested sets
])
def test_requirement(pattern, ignore_case, need):
    assert requirement(pattern, ignore_case) == need


def test_case_partners_are_every_non_ascii_character_that_matches_ascii_ignoring_case():
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    partners = set()
    for ch in map(chr, range(0x20, 0x7F)):
        partners.update(m.group() for m in regex.finditer(regex.escape(ch), everything, regex.IGNORECASE))
    assert partners == {chr(c) for c in ASCII_CASE_PARTNERS}


@pytest.mark.parametrize("pattern, text", [("is", "\u0130s"), ("state", "\u017ftate"), ("kremlin", "\u212aremlin"),
                                           ("putin", "PUTIN")])
def test_a_case_insensitive_rule_is_run_on_any_casing_of_its_literal(pattern, text):
    """The regex module matches these ignoring case; the prefilter must not skip them."""
    assert regex.search(pattern, text, regex.IGNORECASE)
    assert ReplaceStage([_rule(0, pattern, True)]).prefilter.rules_that_may_match(text) == {0}
