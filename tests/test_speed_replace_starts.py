"""The replace stage's starts (issue: speed, one long line): a rule whose match can only start in the
run of its first atoms' characters right before an occurrence of a literal (`lead`) is tried only
there, and, when it ends in `$`, only where no character it cannot step over lies before the end of
the line. The whole-text search is the oracle, on generated patterns and texts and on hard cases."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import barriers, ends_at_line_end, lead
from cleanup.core.pipeline import Context
from cleanup.core.timed_regex import compile_rule, find_at
from cleanup.stages import replace, replace_reach
from cleanup.stages.replace import ReplaceStage
from cleanup.stages.replace_reach import Found, Starts

from .test_replace_prefilter import _rule, _valid, patterns

PREFIX = [r"\s*", r"[ \t]*", r" ?", r"\b", "^", "$", r"(?<=\w)", r"(?<![,©])", r"(?<=[^\s©])", r"(?!x)", r"\w*",
          r"[a-z]+", "x?", r"(?:\s)", r"\s*?", ",?", r"\.*", r"(?:a\s*)", r"(?>\s*)", r"\d{0,2}", r"[^,]*", "(?=x)"]
ANCHORS = ["©", "x", "tea", "a,", r"\.", "ta", "X"]
SUFFIX = ["", r"\w*", r"[^,]*", r"(?:\s*©\s*\w+)+", r"(?=,)", r"(?<=,x)", r"\s*", r"(?:x|,)", r"[ \t]*\d*", r"\b",
          r"(?:[\w.]+\s*){1,3}", r"(?!\w)", r"[^\n]*", r"x?"]


def _compose(prefix, anchor, suffix, ahead, dollar, repeated):
    head = "".join(prefix)
    body = f"(?={head}{anchor}){head}{anchor}{suffix}" if ahead else f"{head}{anchor}{suffix}"
    body = f"(?:{body})+" if repeated else body
    return body + ("$" if dollar else "")


generated = st.builds(_compose, st.lists(st.sampled_from(PREFIX), max_size=3), st.sampled_from(ANCHORS),
                      st.one_of(st.sampled_from(SUFFIX), patterns), st.booleans(), st.booleans(),
                      st.sampled_from([False, False, True]))
texts = st.lists(st.sampled_from(["©", "x", "tea", "ta", " ", " ", "\t", ",", ".", "\n", "a", "b", "T", "X", "2024",
                                  "Kyodo News", "e", "TA", "\u212a"]), max_size=30).map("".join)


def _whole(pattern, ignore_case, text):
    return [m.span() for m in compile_rule(pattern, ignore_case).finditer(text)]


def _starts(pattern, ignore_case, text):
    atoms, literal = lead(pattern)
    walls = barriers(pattern, ignore_case, behind=False).replace("\n", "") if ends_at_line_end(pattern) else ""
    return Starts(atoms, literal, ignore_case, walls)._starts(text)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(generated, st.booleans(), texts)
def test_tried_only_at_its_starts_a_rule_finds_what_the_whole_text_search_finds(_long, pattern, ignore_case, text):
    assume(_valid(pattern) and lead(pattern) is not None)
    whole = _whole(pattern, ignore_case, text)
    starts = _starts(pattern, ignore_case, text)
    found = find_at(compile_rule(pattern, ignore_case), text, starts, "r", None)
    if found is None:
        assert any(s == e for s, e in whole)  # (an empty match: the caller searches instead)
    else:
        assert [m.span() for m in found] == whole
        assert all(s in starts for s, _ in whole)


@pytest.fixture
def _long(monkeypatch):
    monkeypatch.setattr(replace, "SHORT_TEXT", 0)
    monkeypatch.setattr(replace_reach, "_CHARS_PER_START", 0.1)  # (no cut-off)
    monkeypatch.setattr(replace, "SHORT_STRETCHES", set())  # (starts even where stretches would be short)
    monkeypatch.setattr(replace_reach, "_CHARS_PER_STRETCH", 1)


def _proposals(stage, text):
    return [(p.start, p.end, p.replacement, p.rule) for p in stage.propose(text, Context(text))]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(generated, st.booleans()), min_size=1, max_size=4), texts)
def test_generated_rules_find_from_their_starts_what_they_find_in_the_whole_text(_long, rules, text):
    rules = [_rule(i, p, ic) for i, (p, ic) in enumerate(rules) if _valid(p)]
    assume(rules)
    fast = ReplaceStage(rules)
    fast.direct = set()
    assert _proposals(fast, text * 2) == _proposals(ReplaceStage(rules, prefilter=False), text * 2)


COPYRIGHT = (r"(?=[ \t\u00a0\u202f]*©)(?<=[^\s©])(?:[ \t\u00a0\u202f]*©[ \t\u00a0\u202f]*(?:\d{4}(?:[-–]\d{2,4})?"
             r"[ \t\u00a0\u202f]+)?(?:[\p{L}\p{M}.'’&-]+[ \t\u00a0\u202f]*){1,6}(?:/[ \t\u00a0\u202f]*"
             r"(?:[\p{L}\p{M}.'’&-]+[ \t\u00a0\u202f]*){1,4}){0,3})+$")


@pytest.mark.parametrize("pattern, text", [
    (COPYRIGHT, "Good tea © 2024 Kyodo News. More, tea © Kyodo © AP\nx ©, y © 2020 A/B"),
    (COPYRIGHT, "a  \u00a0© X, b © Y. Z"),
    (r"\s*©\w*", "a  © b ©c  ©"),
    (r"(?:\s*©\w*)+$", "a ©b ©c, ©d ©e"),            # a repeated group holding the anchor: not claimed
    (r"(?<=,)\s*x", ", x,x x"),                      # a lookbehind onto a wall
    (r"\s*(?=x)", "a x  x"),                         # empty matches: searched instead
    (r"^\s*x\w*$", " xa\nxb, \n  x"),
    (r"\bx\w*$", "x, y\nxa xb"),
    (r"x[^\n]*$", "x, y\nz x,"),                     # steps over the comma: no wall
    (r"x(?<=,x)\w*$", ",xa ,xb,\n,x"),               # what a lookbehind reads is no wall
    (r"(?<=(,))x\1$", ",x,\n,x"),                    # (its group consumes nothing forward, its backreference does)
    (r"\s*(?:tea|x)\s*$", "tea , x\n x "),
    (r"x?tea\w*$", "xtea, tea\nxteaa"),
    (r"[a-z]*ta$", "ata, bta\nta"),
])
def test_hard_cases(_long, pattern, text):
    rules = [_rule(0, pattern, False), _rule(1, pattern, True)]
    fast = ReplaceStage(rules)
    fast.direct = set()
    assert _proposals(fast, text) == _proposals(ReplaceStage(rules, prefilter=False), text)


@pytest.mark.parametrize("pattern, expected", [
    (COPYRIGHT, ([r"[ \t\u00a0\u202f]"], "©")),
    (r"\s*foo", ([r"\s"], "foo")),
    (r"x?\bfoo\d", (["x"], "foo")),
    (r"(?:a|b)foo", None),       # alternatives
    (r"(\s)+foo", None),         # a repeated group
    (r"(\w)\1foo", None),        # a backreference
    (r"(?=\s)foo", None),        # a lookahead with no literal
    (r"(?s).*foo", None),        # inline flags
    (r"\Gfoo", None),
])
def test_lead(pattern, expected):
    assert lead(pattern) == expected


def test_the_copyright_rule_is_tried_at_no_start_on_one_line_full_of_commas(_long):
    text = "Good tea © 2024 Kyodo News, and more. " * 50
    assert _starts(COPYRIGHT, False, text) == []
    assert _starts(COPYRIGHT, False, text + "tea © Kyodo") == [len(text) + 3, len(text) + 4]  # (the space before it, and itself)
    found = Found(text)
    assert Starts([r"\s"], "©", False).starts(text, found) is not None
