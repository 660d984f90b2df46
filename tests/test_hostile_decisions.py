"""Hostile and broken input, decisions files (issue 17, items 1 and 12): refused with one line
that says why, never a traceback and never a silent choice."""
from __future__ import annotations

import json

import pytest

from cleanup.core.errors import CleanupError
from cleanup.review import decisions_file
from tests.conftest import invoke

EDIT = {"rule": "duplicated-names.x", "start": 14, "end": 31, "original": " (Vladimir Putin)", "replacement": ""}


def saved(decisions, **head) -> str:
    return json.dumps({"format": "cleanup-decisions", "version": 1, "file": "a.txt", "level": "fix",
                       **head, "decisions": decisions})


def refused(tmp_path, text: str) -> str:
    path = tmp_path / "d.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CleanupError) as caught:
        decisions_file.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


def test_version_true_is_not_version_one(tmp_path):
    assert "version true" in refused(tmp_path, saved([], version=True))


def test_an_accept_and_a_reject_of_one_edit_are_refused(tmp_path):
    text = saved([{**EDIT, "decision": "accept"},
                  {**EDIT, "decision": "reject"}])
    message = refused(tmp_path, text)
    assert "decision 2" in message and "contradicts" in message and "accept and reject" in message


def test_the_same_decision_twice_is_harmless(tmp_path):
    entry = {**EDIT, "decision": "accept"}
    path = tmp_path / "d.json"
    path.write_text(saved([entry, entry]), encoding="utf-8")
    assert len(decisions_file.load(path).decisions) == 1


def test_a_decisions_file_nested_a_hundred_thousand_deep_is_one_line(tmp_path):
    assert "nested too deeply" in refused(tmp_path, "[" * 100_000)


def test_apply_with_a_hostile_decisions_file_exits_2_without_a_traceback(tmp_path):
    (tmp_path / "a.txt").write_text("Vladimir Putin (Vladimir Putin) arrived.\n")
    (tmp_path / "d.json").write_text("[" * 100_000)
    r = invoke("apply", "a.txt", "--decisions", "d.json", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    assert "nested too deeply" in r.stderr.decode()
