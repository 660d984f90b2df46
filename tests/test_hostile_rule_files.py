"""Hostile and broken input, rule files (issue 17, items 1, 3 and 4): a broken replacement is
refused when the file loads (with file:line), deep nesting and alias bombs are refused
quickly, and a runaway rule is stopped on the document, named, and not written in place."""
from __future__ import annotations

import pytest

from cleanup.core.timed_regex import RuleClock, Stopped
from cleanup.rulebook.loading import MAX_ALIASES
from tests.conftest import invoke

HEAD = "id: bad\nkind: replace\ndescription: A rule file with a broken replacement.\nrules:\n"
EXAMPLES = 'examples:\n  - before: "The colour red."\n    after: "The color red."\n  - unchanged: "Red."\n'


def replace_rule(source: str, replacement: str) -> str:
    """A rule file whose only rule has `source` (a pattern or literal line) and `replacement` on line 7."""
    return HEAD + f"  - id: r\n    {source}\n    replacement: '{replacement}'\n    message: m\n" + EXAMPLES


def run(tmp_path, *args):
    r = invoke(*args, cwd=tmp_path)
    assert "Traceback" not in r.stderr.decode() + r.stdout.decode()
    return r


BROKEN = [
    ("literal: 'colour'", r"\1 and \g<name>", "refers to group 1, but the literal has 0 group(s)"),
    ("pattern: 'col(o)ur'", r"X\g<2>", "refers to group 2, but the pattern has 1 group(s)"),
    ("pattern: 'col(?P<o>o)ur'", r"\g<u>", "refers to group <u>"),
    ("literal: 'colour'", "X\\", "bad escape"),
    ("pattern: 'col(o)ur'", r"X\g<1", "missing >"),
]


@pytest.mark.parametrize("source, replacement, problem", BROKEN)
def test_a_broken_replacement_is_refused_when_the_file_loads(tmp_path, source, replacement, problem):
    (tmp_path / "bad.yaml").write_text(replace_rule(source, replacement), encoding="utf-8")
    (tmp_path / "a.txt").write_text("The colour red.\n")
    where = "bad.yaml:7: rules[0].replacement: "
    r = run(tmp_path, "fix", "-r", "bad.yaml", "a.txt")
    assert r.returncode == 2 and where in r.stderr.decode() and problem in r.stderr.decode()
    r = run(tmp_path, "rules", "lint", "bad.yaml")
    assert r.returncode == 1 and "bad.yaml:7: error: rules[0].replacement: " in r.stdout.decode()
    r = run(tmp_path, "batch", "-r", "bad.yaml", "a.txt", "-o", "out", "-q")
    assert r.returncode == 2 and where in r.stderr.decode()
    assert not (tmp_path / "out" / "a.txt").exists()


def test_an_escaped_backslash_and_good_groups_load_and_work(tmp_path):
    (tmp_path / "escaped.yaml").write_text(
        HEAD + "  - id: r\n    pattern: 'col(o)(?P<rest>ur)'\n    replacement: 'col\\1r\\\\'\n    message: m\n"
        + 'examples:\n  - before: "The colour."\n    after: "The color\\\\."\n  - unchanged: "Red."\n',
        encoding="utf-8")
    (tmp_path / "a.txt").write_text("The colour.\n")
    r = run(tmp_path, "fix", "-r", "escaped.yaml", "a.txt")
    assert r.returncode == 0 and r.stdout == b"The color\\.\n"


def test_a_rule_file_nested_twenty_thousand_deep_is_one_line(tmp_path):
    (tmp_path / "deep.yaml").write_text("[" * 20_000 + "\n")
    (tmp_path / "a.txt").write_text("Hello.\n")
    r = run(tmp_path, "fix", "-r", "deep.yaml", "a.txt")
    assert r.returncode == 2
    assert "deep.yaml:1: nested too deeply" in r.stderr.decode()
    r = run(tmp_path, "rules", "lint", "deep.yaml")
    assert r.returncode == 1 and "nested too deeply" in r.stdout.decode()


def billion_laughs(where: str) -> str:
    """Nine levels of nine aliases each: a few hundred bytes, 9**9 strings once expanded."""
    levels = ['&l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"&l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    rule = "  - id: r\n    literal: colour\n    replacement: color\n    message: m\n"
    if where == "examples":
        spans = "".join(f"      - {level}\n" for level in levels)
        return HEAD + rule + EXAMPLES + '  - flagged: "lol"\n    spans:\n' + spans
    return HEAD + rule + EXAMPLES + "bomb:\n" + "".join(f"  l{i}: {level}\n" for i, level in enumerate(levels))


@pytest.mark.parametrize("where", ["extra key", "examples"])
def test_an_alias_bomb_is_refused_before_it_expands(tmp_path, where):
    (tmp_path / "bomb.yaml").write_text(billion_laughs(where), encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hello.\n")
    r = run(tmp_path, "fix", "-r", "bomb.yaml", "a.txt")
    assert r.returncode == 2
    assert f"more than {MAX_ALIASES} aliases" in r.stderr.decode()


def test_a_few_aliases_still_load(tmp_path):
    text = (HEAD + "  - id: r\n    literal: colour\n    replacement: color\n    message: &m the US spelling\n"
            + "  - id: s\n    literal: flavour\n    replacement: flavor\n    message: *m\n" + EXAMPLES)
    (tmp_path / "aliases.yaml").write_text(text, encoding="utf-8")  # (pipelines are cached by rule path)
    (tmp_path / "a.txt").write_text("The colour and flavour.\n")
    r = run(tmp_path, "fix", "-r", "aliases.yaml", "a.txt")
    assert r.returncode == 0 and r.stdout == b"The color and flavor.\n"


# -- a runaway rule -------------------------------------------------------------------------

RUNAWAY = """\
id: slow
kind: remove-line
description: A boilerplate rule that backtracks without end on a line of a's and a '!'.
rules:
  - id: aaa
    pattern: '(?:a|aa)+'
    message: a line of a's
examples:
  - before: "Text.\\naaaa\\n"
    after: "Text.\\n"
  - unchanged: "Text."
"""


@pytest.mark.slow
def test_a_runaway_rule_is_stopped_named_and_not_written_in_place(tmp_path):
    (tmp_path / "slow.yaml").write_text(RUNAWAY, encoding="utf-8")
    text = "Vladimir Putin (Vladimir Putin) arrived.\n" + ("a" * 28 + "!\n") * 100
    (tmp_path / "a.txt").write_text(text)
    r = run(tmp_path, "fix", "--in-place", "-r", "slow.yaml", "a.txt")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "slow.aaa" in err and "not rewritten in place" in err
    assert (tmp_path / "a.txt").read_text() == text


@pytest.mark.slow
def test_a_document_a_rule_ran_away_on_fails_in_batch_and_is_not_written(tmp_path):
    (tmp_path / "slow.yaml").write_text(RUNAWAY, encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "runaway.txt").write_text(("a" * 28 + "!\n") * 100)
    (tmp_path / "in" / "fine.txt").write_text("Vladimir Putin (Vladimir Putin) arrived.\n")
    r = run(tmp_path, "batch", "-r", "slow.yaml", "in", "-o", "out", "-j", "1", "-q")
    assert r.returncode == 1
    assert "runaway.txt: rule slow.aaa used up its" in r.stderr.decode()
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == ["fine.txt"]


class FakeTime:
    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step  # each match reads the clock when it starts and when it ends
        return self.now


def test_a_rules_budget_is_for_the_whole_document_not_each_line(monkeypatch):
    """Lines that each take 0.3 s of a 1 s budget: the fourth line finds it used up."""
    monkeypatch.setattr("cleanup.core.timed_regex.time.monotonic", FakeTime(0.3))
    clock, problems, runs = RuleClock("a short text"), [], []
    for _ in range(100):
        try:
            clock.run("slow.aaa", lambda timeout: runs.append(timeout), problems)
        except Stopped:
            break
    assert len(runs) == 4 and runs[-1] == pytest.approx(0.1, abs=1e-3)
    with pytest.raises(Stopped):
        clock.run("slow.aaa", lambda timeout: runs.append(timeout), problems)
    assert len(runs) == 4  # stopped for the rest of the document


def test_the_budget_runs_out_as_a_timeout_names_the_rule_once():
    clock, problems = RuleClock("text"), []

    def runaway(timeout):
        raise TimeoutError

    for _ in range(3):
        with pytest.raises(Stopped):
            clock.run("slow.aaa", runaway, problems)
    assert [p.rule for p in problems] == ["slow.aaa"] and problems[0].kind == "rule-timeout"
    assert "\n" not in problems[0].message
