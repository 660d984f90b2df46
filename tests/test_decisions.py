"""Decisions files and `cleanup apply`: what a review decided, replayed exactly, and said when it no longer fits."""
from __future__ import annotations

import json

import pytest

from cleanup.api.runner import Options, clean_document
from cleanup.core.document import Document
from cleanup.core.edits import Level
from cleanup.core.errors import CleanupError
from cleanup.review.decisions_file import Decision, Verdict, dumps, load, parse, save
from cleanup.review.session import Session

from .conftest import run_cli

ARTICLE = ("Vladimir Putin (Vladimir Putin) held talks on tea with Xi.\n"
           "They met in the the Kremlin and talks lasted fourhours.\n"
           "Xi expressed confidence.\n"
           "Xi expressed confidence.  \u00a9 Sergei KARPUKHIN / AFP\n"
           "Moscow vowed to regulate the situation.\n")

# A rule file added after the review: it proposes a change no decision speaks of.
NEW_RULE_FILE = """\
id: house-style
kind: replace
description: Our house style names the Kremlin in full.
rules:
  - id: kremlin
    pattern: '\\bthe Kremlin\\b'
    replacement: "the Moscow Kremlin"
    message: "House style: 'the Moscow Kremlin'"
examples:
  - before: "They met in the Kremlin."
    after: "They met in the Moscow Kremlin."
"""


def review(text: str, answers: dict[str, Verdict], level: Level = Level.FIX) -> Session:
    """A finished review: each change answered by its rule (rules not named are accepted)."""
    opts = Options(level=level)
    doc = Document.from_text(text)
    session = Session(lambda policy: clean_document(doc, opts, policy), opts.policy())
    while (edit := session.current) is not None:
        session.decide(answers.get(edit.rule, Verdict.ACCEPT))
    return session


@pytest.fixture
def reviewed(tmp_path):
    """The article on disk, a review of it that rejected two changes, and its decisions file."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    session = review(ARTICLE, {"structure.repeated-function-word": Verdict.REJECT,
                               "mt-phrases.regulate-the-situation": Verdict.REJECT})
    decisions = tmp_path / "decisions.json"
    save(decisions, session.saved_decisions(), file=path.name, level=Level.FIX)
    return path, session, decisions


# --- the file format ------------------------------------------------------------------------------

def test_decisions_survive_a_round_trip_one_per_line():
    decisions = {
        ("words.run-on", 40, 49, "fourhours", "four hours"): Decision(Verdict.EDIT, "four long\nhours “quoted”"),
        ("credits.trailing-copyright", 3, 9, " \u00a9 AFP", ""): Decision(Verdict.REJECT),
        ("names.x", 0, 0, "", "Mr "): Decision(Verdict.ACCEPT),
    }
    text = dumps(decisions, file="a.txt", level=Level.SUGGEST)
    data = json.loads(text)
    assert (data["format"], data["version"], data["file"], data["level"]) == ("cleanup-decisions", 1, "a.txt",
                                                                            "suggest")
    assert data["decisions"][0]["rule"] == "names.x"  # by position, so two reviews diff well
    assert len(text.splitlines()) == len(decisions) + 2
    saved = parse(data, "a")
    assert saved.decisions == decisions and saved.level is Level.SUGGEST and saved.file == "a.txt"


GOOD_ENTRY = {"rule": "r.x", "start": 0, "end": 2, "original": "ab", "replacement": "c", "decision": "accept"}


@pytest.mark.parametrize("data, message", [
    ([], "not a decisions file"),
    ({"format": "something-else", "version": 1, "decisions": []}, "not a decisions file"),
    ({"format": "cleanup-decisions", "version": 2, "decisions": []}, "version 2"),
    ({"format": "cleanup-decisions", "version": 1, "level": "flag", "decisions": []}, "level"),
    ({"format": "cleanup-decisions", "version": 1}, '"decisions" should be a list'),
    ({"format": "cleanup-decisions", "version": 1, "decisions": [{**GOOD_ENTRY, "decision": "maybe"}]},
     "decision 1: decision should be accept, reject or edit"),
    ({"format": "cleanup-decisions", "version": 1, "decisions": [GOOD_ENTRY, {**GOOD_ENTRY, "end": 5}]},
     "decision 2: original is 2 characters"),
    ({"format": "cleanup-decisions", "version": 1, "decisions": [{**GOOD_ENTRY, "decision": "edit"}]},
     '"text"'),
    ({"format": "cleanup-decisions", "version": 1, "decisions": [{"rule": "r.x"}]}, "no 'start'"),
])
def test_a_broken_decisions_file_is_one_clear_error(data, message):
    with pytest.raises(CleanupError, match=message):
        parse(data, "d.json")


def test_apply_with_a_broken_decisions_file_says_so_in_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "d.json").write_text("{not json", encoding="utf-8")
    for decisions in ("d.json", "missing.json"):
        r = run_cli("apply", "a.txt", "--decisions", decisions, cwd=tmp_path)
        assert r.returncode == 2 and b"Traceback" not in r.stderr
        assert r.stderr.decode().count("\n") == 1 and decisions in r.stderr.decode()


def test_load_reads_what_save_wrote(tmp_path, reviewed):
    _, session, decisions = reviewed
    assert load(decisions).decisions == session.saved_decisions()


# --- cleanup apply --------------------------------------------------------------------------------

def test_apply_reproduces_the_review(reviewed):
    path, session, decisions = reviewed
    r = run_cli("apply", path, "--decisions", decisions)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == session.text
    assert "in the the Kremlin" in session.text and "regulate the situation" in session.text  # the rejections held


def test_apply_after_a_new_rule_file_keeps_every_decision_and_reports_the_new_change(reviewed, tmp_path):
    path, session, decisions = reviewed
    rules = tmp_path / "house-style.yaml"
    rules.write_text(NEW_RULE_FILE, encoding="utf-8")
    r = run_cli("apply", path, "--decisions", decisions, "--rules", rules)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == session.text.replace("the the Kremlin", "the the Moscow Kremlin")
    report = r.stderr.decode("utf-8")
    assert "0 stale" in report and f"{len(session.saved_decisions())} decision(s) applied" in report
    undecided = [line for line in report.splitlines() if "undecided (" in line]
    assert len(undecided) == 1 and "house-style.kremlin" in undecided[0] and "article.txt:2:" in undecided[0]


def test_a_decision_whose_change_is_gone_is_reported_and_the_exit_code_says_so(reviewed, tmp_path):
    path, session, decisions = reviewed
    # edited by hand after the review (same length: offsets are part of the key, so later text would move)
    path.write_text(ARTICLE.replace("fourhours", "ninehours"), encoding="utf-8")
    out = tmp_path / "out.txt"
    r = run_cli("apply", path, "--decisions", decisions, "-o", out)
    assert r.returncode == 1
    report = r.stderr.decode("utf-8").splitlines()
    warnings = [line for line in report if "no such change" in line]
    assert len(warnings) == 1 and "words.run-on 'fourhours' -> 'four hours'" in warnings[0]
    assert [line for line in report if "undecided (" in line and "'ninehours' -> 'nine hours'" in line]
    assert "1 stale" in report[-1]
    assert out.read_text(encoding="utf-8") == session.text.replace("four hours", "ninehours")  # still written


def test_decisions_beat_globs_and_globs_steer_the_undecided(reviewed, tmp_path):
    path, session, decisions = reviewed
    rules = tmp_path / "house-style.yaml"
    rules.write_text(NEW_RULE_FILE, encoding="utf-8")
    r = run_cli("apply", path, "--decisions", decisions, "--rules", rules, "--reject", "house-style.*",
                "--reject", "words.*", "--accept", "structure.*")
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode("utf-8") == session.text  # the new rule is rejected; the decided ones stand


def test_apply_in_place_and_its_level(reviewed):
    path, session, decisions = reviewed
    r = run_cli("apply", path, "--decisions", decisions, "--in-place")
    assert r.returncode == 0 and r.stdout == b""
    assert path.read_text(encoding="utf-8") == session.text
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_the_saved_level_decides_what_a_partial_review_left_open(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    opts = Options(level=Level.SUGGEST)
    doc = Document.from_text(ARTICLE)
    session = Session(lambda policy: clean_document(doc, opts, policy), opts.policy())
    session.decide(Verdict.REJECT)  # then stop, as with q
    decisions = tmp_path / "d.json"
    save(decisions, session.saved_decisions(), file="a.txt", level=Level.SUGGEST)
    r = run_cli("apply", path, "--decisions", decisions)
    assert r.stdout.decode("utf-8") == session.text and "settle the situation" in session.text
    r = run_cli("apply", path, "--decisions", decisions, "--level", "fix")  # the command line wins
    assert "regulate the situation" in r.stdout.decode("utf-8")
