"""The replace stage's stretches (issue: speed): a rule run only between the barriers around
the occurrences of one of its needs finds what it finds in the whole text.

The plain way (ReplaceStage(prefilter=False): every rule on the whole text)
is the oracle, on texts built from what makes the stretches hard: barrier
characters right beside the literals, empty lines, matches at the text's
ends, letters alike ignoring case in ways lowercasing does not show.
"""
from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import BARRIER_CANDIDATES, barriers
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import replace, replace_reach
from cleanup.stages.registry import configure
from cleanup.stages.replace import ReplaceStage

from .test_replace_prefilter import _rule, _valid, patterns

PIECES = ["tea", "on", "Putin", "state", "(", ")", "(P", "©", "\u0130", "\u212a", "\u017f", "TEA", "talks", "is",
          "Vladimir Putin", "Xi", "x", "12", "2024-01-02", "date", "Date:", "It was.", "the"]
WALLS = list(BARRIER_CANDIDATES) + [" ", " ", "\t", "\n\n", ""]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(WALLS)), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))


@pytest.fixture(autouse=True)
def _every_text_in_stretches(monkeypatch):
    monkeypatch.setattr(replace, "SHORT_TEXT", 0)
    monkeypatch.setattr(replace_reach, "_CHARS_PER_STRETCH", 1)  # (no cut-off but one stretch per character)


def _proposals(stage, text):
    return [(p.start, p.end, p.replacement, p.rule) for p in stage.propose(text, Context(text))]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(patterns, st.booleans()), min_size=1, max_size=6), texts, st.booleans())
def test_generated_rules_find_in_stretches_what_they_find_in_the_whole_text(rules, text, direct):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules) if _valid(p)]
    assume(rules)
    text = text * 3
    fast = ReplaceStage(rules)
    if not direct:
        fast.direct = set()  # (most generated patterns start with a literal: cut them to stretches too)
    assert _proposals(fast, text) == _proposals(ReplaceStage(rules, prefilter=False), text)


SHIPPED = [configure(r) for r in load_rulebook().rules("replace")]
NAMES = ["Vladimir Putin", "Putin", "Xi Jinping", "Nakamura", "Li", "Kishida"]
LINES = ["Vladimir Putin (Vladimir Putin) said.", "Xi (Xi Jinping) met Putin (Putin).", "NakamuraNakamura (Nakamura)",
         "Date: 2024-01-02 Officials said", "updated 2024-01-02 10:00 The", "Good tea © 2024 Kyodo News",
         "It was. The talks on tea, a conversation on tea.", "political regulation of the crisis",
         "(", ")", "Putin (", "(Putin", "©", "the", ""]
documents = st.lists(st.tuples(st.sampled_from(LINES + NAMES), st.sampled_from(WALLS + ["\n"] * 5)),
                     max_size=60).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents)
def test_shipped_rules_find_in_stretches_what_they_find_in_the_whole_text(text):
    assert _proposals(ReplaceStage(SHIPPED), text) == _proposals(ReplaceStage(SHIPPED, prefilter=False), text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(patterns, st.booleans(), texts)
def test_no_match_and_no_lookaround_reaches_a_barrier(pattern, ignore_case, text):
    """Each match of the whole text is found again in the text cut at the barriers around it."""
    assume(_valid(pattern))
    walls = barriers(pattern, ignore_case)
    assume(walls)
    compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    for m in compiled.finditer(text):
        assert not any(c in walls for c in m.group())
        start = max(text.rfind(c, 0, m.start()) for c in walls) + 1
        ends = [i for c in walls if (i := text.find(c, m.end())) >= 0]
        end = min(ends) + 1 if ends else len(text)
        assert m.span() in [n.span() for n in compiled.finditer(text, start, end)]


@pytest.mark.parametrize("pattern, ignore_case, kept, lost", [
    (r"\(\p{Lu}\w+\)", False, "\n.,", "("),
    (r"a\s+b", False, ".", "\n"),
    (r"a.b", False, "\n", "."),
    (r"a[^x]b", False, "", ""),
    (r"\Aab", False, "", ""),          # \A, \Z, \G look past any barrier
    (r"(?s)a.b", False, "", ""),       # inline flags: not judged
    (r"a(?i:b)c", False, "\n.,", ""),
    (r"a(?=[\s\S]*b)", False, "", ""),
])
def test_barriers(pattern, ignore_case, kept, lost):
    walls = barriers(pattern, ignore_case)
    assert all(c in walls for c in kept) and not any(c in walls for c in lost)
    if not kept:
        assert walls == ""


def test_an_empty_match_at_a_stretch_end_belongs_to_the_next_stretch():
    from cleanup.core.timed_regex import compile_rule, find_in_spans

    pattern, text = compile_rule(r"(?=tea)|$"), "a.tea.b"
    whole = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in find_in_spans(pattern, text, [(0, 2), (2, 6), (6, 7)], "r", None)] == whole
    assert [m.span() for m in find_in_spans(pattern, text, [(0, 2)], "r", None)] == []


@pytest.mark.parametrize("pattern, expected", [
    (r"\bcomplete(?=\s+x)", True),
    (r"(?<=\bofficial\s)state", True),
    (r"(?:^|(?<=[.!?]\s))On\s+the", True),   # a group that consumes nothing is passed over
    (r"(?:On)\s+the", True),
    (r"\b(?:North|Northern)\s", False),      # alternatives: the regex module tries them everywhere
    (r"(?:\bthe\s+)?monkey", False),         # optional: the match may start elsewhere
    (r"[Ww]ind", False),
    (r"(?i)wind", False),                     # inline flags: not judged
    (r"(\p{Lu}\w+) \(\1\)", False),
])
def test_opens_with_literal(pattern, expected):
    from cleanup.analysis.regex_needs import opens_with_literal

    assert opens_with_literal(pattern) is expected


def test_rules_starting_with_a_literal_are_asked_only_for_their_rarest_literal():
    stage = ReplaceStage([_rule(0, r"\bcomplete(?=\s+strategic\s+partnership)", False),
                          _rule(1, r"(?i)x\(y\)", False), _rule(2, r"[Ww]ind\s+and\s+partnership", False)])
    text = "A complete partnership. Wind and rain."
    assert stage._direct() == {0}
    assert stage.prefilter.rules_that_may_match(text, None, stage._direct()) == {0, 1, 2}
    assert stage.prefilter.rules_that_may_match(text) == {1, 2}
    assert stage.prefilter.rules_that_may_match("A strategic partnership", None, stage._direct()) == {1}


CAPITALS = ["Read", "READ", "READ MORE", "More", "MORE", "Most", "Seven", "SevenS", "North", "Northern", "ABAB",
            "BABC", "It", "Its", "People's", "Tea"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sets(st.sampled_from(CAPITALS), min_size=1),
       st.lists(st.sampled_from(CAPITALS + ["A", "B", "C", "S", "ern", "ore", " ", "x", "'s"]), max_size=12).map("".join))
def test_one_search_for_capitalised_literals_tells_what_each_search_would(literals, text):
    from cleanup.stages.replace_reach import Found, _Capitals

    capitals = _Capitals(literals)
    assert {lit: Found(text, capitals).has(lit) for lit in literals} == {lit: lit in text for lit in literals}
    known = capitals.answers(text)
    assert all(known[lit] in (lit in text, None) for lit in literals)


@pytest.mark.parametrize("literals, text", [({"ABAB", "BABC"}, "ABABC"), ({"SevenS", "Sea"}, "SevenSea"),
                                            ({"READ MORE", "MORE NEWS"}, "READ MORE NEWS")])
def test_a_literal_starting_inside_another_found_is_looked_for(literals, text):
    from cleanup.stages.replace_reach import Found, _Capitals

    capitals = _Capitals(literals)
    assert {lit: Found(text, capitals).has(lit) for lit in literals} == dict.fromkeys(literals, True)


@pytest.mark.parametrize("pattern, text", [
    (r"tea\s+on", "x tea\non y"),                         # \s: a newline is no barrier
    (r"tea[^x]on", "x. tea.on. y"),                       # nor anything a negated class takes
    (r"(?<=\.)tea", "x.tea"),                             # a lookbehind onto a full stop
    (r"tea(?=\n)", "tea\ntea"),                           # a lookahead onto a newline
    (r"tea(?!\s)", "tea\n tea"),
    (r"^tea$", "tea\ntea x\n tea"),
    (r"\(\p{Lu}\w*\)", "A (Bc) (D\ne) (F"),
])
def test_hard_cases_find_in_stretches_what_they_find_in_the_whole_text(pattern, text):
    rules = [_rule(0, pattern, False)]
    fast = ReplaceStage(rules)
    fast.direct = set()
    assert _proposals(fast, text) == _proposals(ReplaceStage(rules, prefilter=False), text)
