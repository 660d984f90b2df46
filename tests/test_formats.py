"""CI output formats: SARIF 2.1.0 (validated against the official schema, vendored in tests/sarif
with its OASIS notice) and GitHub Actions annotations, beside text and json; every format is one
registered Renderer, listed in --help."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema.validators import validator_for

from cleanup.render.formats import formats

from .conftest import SAMPLES, invoke

SCHEMA = json.loads((Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
TEXT = "The glorbnax arrived.\nVladimir Putin (Vladimir Putin), 50%, met\u00a0Xi:\n"


@pytest.fixture
def doc(tmp_path):
    (tmp_path / "my notes.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def _validate(log: dict) -> None:
    validator = validator_for(SCHEMA)(SCHEMA)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("command", ["check", "diff"])
def test_sarif_is_valid_sarif_2_1_0(doc, command):
    r = invoke(command, "my notes.txt", *map(str, sorted(SAMPLES.glob("*.txt"))[:2]), "-f", "sarif", cwd=doc)
    log = json.loads(r.stdout)
    _validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "cleanup"
    results = run["results"]
    assert len(results) == len(json.loads(invoke(command, "my notes.txt", *map(str, sorted(SAMPLES.glob("*.txt"))[:2]),
                                                 "-f", "json", cwd=doc).stdout))
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert all(ids[res["ruleIndex"]] == res["ruleId"] for res in results)


def test_sarif_locates_and_fixes_an_edit(doc):
    log = json.loads(invoke("check", "my notes.txt", "-f", "sarif", cwd=doc).stdout)
    (res,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "duplicated-names.name-in-parentheses"]
    location = res["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20notes.txt"
    assert location["region"] == {"startLine": 2, "startColumn": 15, "endLine": 2, "endColumn": 32,
                                  "snippet": {"text": " (Vladimir Putin)"}}
    (change,) = res["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"] == {"text": ""}
    assert res["level"] == "error"
    (flag,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "words.unknown-word"]
    assert flag["level"] == "note" and "fixes" not in flag


def test_github_annotations(doc):
    r = invoke("check", "my notes.txt", "-f", "github", cwd=doc)
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 1
    assert "::error file=my notes.txt,line=2,col=15,endLine=2,endColumn=32,title=duplicated-names.name-in-parentheses::" \
           "A name repeated in parentheses: ' (Vladimir Putin)' -> ''" in lines
    assert any(line.startswith("::notice file=my notes.txt,line=1,col=5,") for line in lines)


def test_github_annotations_escape_what_would_end_a_command(tmp_path):
    # a file name with ',' and ':' and a message with '%' must not cut the command short
    (tmp_path / "a,b:c.txt").write_text("Vladimir Putin (Vladimir Putin) arrived.\n", encoding="utf-8")
    out = invoke("diff", "a,b:c.txt", "-f", "github", cwd=tmp_path).stdout.decode()
    assert out.startswith("::error file=a%2Cb%3Ac.txt,line=1,")


def test_every_format_is_registered_and_offered(doc):
    diff_help = invoke("diff", "--help").stdout.decode()
    check_help = invoke("check", "--help").stdout.decode()
    assert list(formats("diff")) == ["text", "unified", "json", "html", "sarif", "github"]
    assert list(formats("check")) == ["text", "json", "sarif", "github"]
    assert "text|unified|json|html|sarif|github" in diff_help and "text|json|sarif|github" in check_help
    r = invoke("check", "my notes.txt", "-f", "unified", cwd=doc)
    assert r.returncode == 2 and r.stderr.decode().startswith("cleanup: error: Invalid value for '--format'")
