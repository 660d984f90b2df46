"""The main grammar assertions again, against a REAL LanguageTool server (opt in).

Set CLEANUP_LANGUAGETOOL to a server (http://localhost:8081, or 'local' to
let language_tool_python download and start one, or 'public'), then run
`pytest -m real_languagetool`. Without it these tests are skipped: the
everyday suite runs against the protocol double in tests/test_languagetool.py.
"""
from __future__ import annotations

import json
import os

import pytest

from cleanup.authoring.examples import check_example
from cleanup.core.config import GrammarSettings
from cleanup.rulebook.loading import RuleBook, load_rulebook
from cleanup.stages import build_pipeline

from .conftest import run_cli
from .test_languagetool import (
    SEED004,
    SHIFTED,
    assert_seed004_records,
    assert_spelling_found_in_the_original,
    clean_text,
)

SERVER = os.environ.get("CLEANUP_LANGUAGETOOL", "")
pytestmark = [
    pytest.mark.real_languagetool,
    pytest.mark.skipif(not SERVER, reason="CLEANUP_LANGUAGETOOL is not set: no real LanguageTool server to test against"),
]


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))  # answers must come from the server


def test_check_seed004_reports_languagetool_matches_at_original_spans(tmp_path):
    r = run_cli("check", SEED004, "--grammar", "--languagetool", SERVER, "--format", "json",
                env={"CLEANUP_CACHE_DIR": str(tmp_path / "cache")})
    assert r.returncode & 4 == 0, r.stderr.decode()  # LanguageTool answered
    assert_seed004_records(json.loads(r.stdout))


def test_offsets_survive_earlier_edits_multibyte_characters_and_emoji():
    result = clean_text(SHIFTED, GrammarSettings(server=SERVER, timeout=120))
    assert not result.problems, result.problems
    assert_spelling_found_in_the_original(result, "recieve", "receive")


def test_the_shipped_languagetool_rule_file_examples_hold():
    book = load_rulebook()
    settings = GrammarSettings(server=SERVER, timeout=120)
    for rf in book.files_of("languagetool"):
        alone = build_pipeline(RuleBook((rf,)), grammar=settings)
        for ex in rf.examples:
            failure = check_example(rf, ex, alone, "alone")
            assert failure is None, str(failure)
