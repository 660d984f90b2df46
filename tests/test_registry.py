"""The registry of kinds (cleanup/stages/registry.py) and the rule-file schema say the same thing.

A kind, a detector or a setting added on one side only would either load and never run
(schema only) or never validate (registry only): these tests fail first.
"""
from __future__ import annotations

import dataclasses
import json

import pytest

from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import COMMON_FIELDS, SCHEMA_PATH, load_rule_file, load_rulebook
from cleanup.stages.registry import KINDS, build_pipeline, configure

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def rule_schema(kind: str) -> tuple[set[str], list[str] | None]:
    """(the fields a rule of `kind` may have, its detectors or None) as the schema says."""
    branch = next(b for b in SCHEMA["allOf"] if b["if"]["properties"]["kind"]["const"] == kind)
    items = branch["then"]["properties"]["rules"]["items"]
    parts = items["allOf"] if "allOf" in items else [items]
    fields, detectors = set(), None
    for part in parts:
        part = _resolve(part)
        fields |= set(part.get("properties", {}))
        for extra in part.get("allOf", []):
            fields |= set(_resolve(extra).get("properties", {}))
        if "detector" in part.get("properties", {}) and "enum" in part["properties"]["detector"]:
            detectors = part["properties"]["detector"]["enum"]
    return fields, detectors


def test_the_schema_knows_exactly_the_registered_kinds():
    assert SCHEMA["properties"]["kind"]["enum"] and set(SCHEMA["properties"]["kind"]["enum"]) == set(KINDS)
    assert {b["if"]["properties"]["kind"]["const"] for b in SCHEMA["allOf"]} == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_declares_typed_settings(kind):
    settings = getattr(KINDS[kind].code, "SETTINGS", None)
    assert settings is not None, f"stages module {KINDS[kind].module} declares no SETTINGS"
    classes = settings.values() if isinstance(settings, dict) else [settings]
    assert all(dataclasses.is_dataclass(c) for c in classes)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_and_registry_agree_on_detectors_and_fields(kind):
    fields, detectors = rule_schema(kind)
    settings = getattr(KINDS[kind].code, "SETTINGS", None)
    if settings is None:
        pytest.skip("no SETTINGS (the test above fails)")
    if isinstance(settings, dict):
        assert detectors is not None and set(detectors) == set(settings), (detectors, sorted(settings))
        classes = settings.values()
    else:
        assert detectors is None, f"the schema names detectors {detectors} for a kind without"
        classes = [settings]
    declared = {f.name for c in classes for f in dataclasses.fields(c)}
    own = fields - COMMON_FIELDS
    assert declared <= own, f"settings the schema refuses: {sorted(declared - own)}"
    assert own <= declared, f"fields the schema allows that no setting reads: {sorted(own - declared)}"


def test_every_shipped_rule_configures():
    for rf in load_rulebook().files:
        for rule in rf.rules:
            configure(rule)


def _rule_file(tmp_path, body: str):
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_setting_of_the_wrong_type_names_file_line_and_field(tmp_path):
    path = _rule_file(tmp_path, "id: mine\nkind: words\ndescription: d\nrules:\n  - id: r\n    detector: run-on\n"
                                "    message: m\n    max_parts: 2.5\nexamples:\n  - unchanged: x\n")
    with pytest.raises(RuleFileError, match=r"mine\.yaml:8: .*max_parts"):
        build_pipeline(load_rulebook([path], shipped=False))


def test_language_picks_the_rule_files(tmp_path):
    path = _rule_file(tmp_path, "id: mine\nkind: remove-line\nlanguage: de\ndescription: d\nrules:\n"
                                "  - id: more\n    pattern: 'Mehr lesen'\n    message: m\n"
                                "examples:\n  - unchanged: x\n")
    book = load_rulebook([path], shipped=False)
    text = "Der Text.\nMehr lesen\n"
    assert build_pipeline(book, language="de").run(text).text == "Der Text.\n"
    assert build_pipeline(book, language="en").run(text).text == text
    assert load_rule_file(path).language == "de"


def test_german_boilerplate_runs_only_on_german_text(cli, tmp_path):
    """The shipped German rule file is picked by --lang de, and English text never meets it."""
    page = tmp_path / "seite.txt"
    page.write_text("Der Gemeinderat tagte.\nWeiterlesen...\nMehr zum Thema: Hochwasser\n"
                    "Das Foto zeigt ihn.\n", encoding="utf-8")
    german = cli("fix", "--lang", "de", str(page))
    assert german.stdout.decode() == "Der Gemeinderat tagte.\nDas Foto zeigt ihn.\n"
    english = cli("check", "--format", "json", str(page))
    assert not [r for r in json.loads(english.stdout) if r["rule"].startswith("de-boilerplate.")]
