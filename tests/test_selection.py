"""Choosing rules and levels as ruff users do: --select/--ignore globs honoured by every command
and listing, a glob that names no rule warned about, --min-level, check --exit-zero, and
diff --exit-code (1 when there are changes, as git diff)."""
from __future__ import annotations

import json

import pytest

from .conftest import invoke

TEXT = "The glorbnax arrived. Vladimir Putin (Vladimir Putin) met Xi Jinping.\n"


@pytest.fixture
def doc(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def _rules(r) -> set[str]:
    return {rec["rule"] for rec in json.loads(r.stdout)}


def test_ignore_hides_a_rule_in_every_listing_and_does_not_apply_it(doc):
    everything = _rules(invoke("check", "a.txt", "-f", "json", cwd=doc))
    assert {"words.unknown-word", "duplicated-names.name-in-parentheses"} <= everything
    for command in ("check", "diff"):
        r = invoke(command, "a.txt", "-f", "json", "--ignore", "words.*", cwd=doc)
        assert "words.unknown-word" not in _rules(r) and "duplicated-names.name-in-parentheses" in _rules(r)
        text = invoke(command, "a.txt", "--ignore", "words", cwd=doc)  # a family name works too
        assert b"words.unknown-word" not in text.stdout and b"name-in-parentheses" in text.stdout
    fixed = invoke("fix", "a.txt", "--ignore", "duplicated-names.*", cwd=doc)
    assert fixed.stdout.decode() == TEXT
    assert b"words.unknown-word" not in invoke("rules", "list", "--ignore", "words.*").stdout


def test_select_keeps_only_the_rules_named(doc):
    r = invoke("check", "a.txt", "-f", "json", "--select", "words.*", cwd=doc)
    assert _rules(r) == {"words.unknown-word"} and r.returncode == 0  # the pending fix is not selected
    assert invoke("fix", "a.txt", "--select", "words.*", cwd=doc).stdout.decode() == TEXT
    listed = invoke("rules", "list", "--select", "words.*", "-f", "json")
    assert {row["id"] for row in json.loads(listed.stdout)} == {"words.run-on", "words.unknown-word"}


def test_select_and_ignore_from_the_config(doc):
    (doc / "cleanup.toml").write_text('ignore = ["words.*"]\n', encoding="utf-8")
    assert "words.unknown-word" not in _rules(invoke("check", "a.txt", "-f", "json", cwd=doc))


@pytest.mark.parametrize("glob", ["wrods.*", "words.unknown-wrod"])
def test_a_glob_that_names_no_rule_is_a_warning(doc, glob):
    r = invoke("check", "a.txt", "--ignore", glob, cwd=doc)
    assert r.returncode == 1  # still runs
    assert f"cleanup: warning: '{glob}' matches no rule".encode() in r.stderr
    assert b"warning" not in invoke("check", "a.txt", "--ignore", "words.*", cwd=doc).stderr


def test_min_level_hides_what_is_less_sure(doc):
    levels = {rec["level"] for rec in json.loads(invoke("check", "a.txt", "-f", "json", cwd=doc).stdout)}
    assert {"fix", "flag"} <= levels
    only_fixes = json.loads(invoke("check", "a.txt", "-f", "json", "--min-level", "fix", cwd=doc).stdout)
    assert {rec["level"] for rec in only_fixes} == {"fix"}
    no_flags = json.loads(invoke("check", "a.txt", "-f", "json", "--min-level", "suggest", cwd=doc).stdout)
    assert "flag" not in {rec["level"] for rec in no_flags}


def test_check_exit_zero(doc):
    assert invoke("check", "a.txt", cwd=doc).returncode == 1
    assert invoke("check", "a.txt", "--exit-zero", cwd=doc).returncode == 0
    assert invoke("check", "missing.txt", "--exit-zero", cwd=doc).returncode == 2  # errors still fail


def test_diff_exit_code_as_git_diff(doc):
    (doc / "clean.txt").write_text("A clean sentence.\n", encoding="utf-8")
    assert invoke("diff", "a.txt", cwd=doc).returncode == 0
    assert invoke("diff", "a.txt", "--exit-code", cwd=doc).returncode == 1
    assert invoke("diff", "clean.txt", "--exit-code", cwd=doc).returncode == 0


def test_diff_and_check_say_pending_and_proposed_alike(doc):
    diff = invoke("diff", "a.txt", "--level", "fix", cwd=doc).stdout.decode()
    check = invoke("check", "a.txt", cwd=doc).stdout.decode()
    for out in (diff, check):
        assert "fix [pending]" in out and "applied" not in out


def test_apply_honours_ignore_like_the_other_commands(doc):
    """Replaying a review with no decisions: --ignore keeps an ignored fix out, as fix does."""
    decisions = doc / "d.json"
    decisions.write_text(json.dumps({"format": "cleanup-decisions", "version": 1, "file": "a.txt",
                                     "level": "fix", "decisions": []}), encoding="utf-8")
    applied = invoke("apply", "a.txt", "--decisions", decisions, cwd=doc)
    assert applied.returncode == 0 and b"(Vladimir Putin)" not in applied.stdout
    ignored = invoke("apply", "a.txt", "--decisions", decisions, "--ignore", "duplicated-names.*", cwd=doc)
    assert ignored.returncode == 0 and ignored.stdout.decode() == TEXT
