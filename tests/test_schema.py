"""The rule-file schema ties each detector to its kind: a rule that validates also runs."""
from __future__ import annotations

import json

import pytest

from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import SCHEMA_PATH, load_rule_file, load_rulebook

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _detectors_by_kind() -> dict[str, set[str]]:
    out = {}
    for branch in SCHEMA["allOf"]:
        kind = branch.get("if", {}).get("properties", {}).get("kind", {}).get("const")
        items = branch.get("then", {}).get("properties", {}).get("rules", {}).get("items", {})
        rule = SCHEMA["$defs"][items["$ref"].rsplit("/", 1)[1]]
        if kind in MT_KINDS:
            out[kind] = set(rule["properties"]["detector"]["enum"])
    return out


MT_KINDS = ("consistency", "repetition", "script", "lookalike", "foreign-words", "word-salad", "casing")


def test_every_shared_detector_belongs_to_exactly_one_kind():
    by_kind = _detectors_by_kind()
    shared = SCHEMA["$defs"]["detector"]["properties"]["detector"]["enum"]
    assert sorted(d for ds in by_kind.values() for d in ds) == sorted(shared)


def test_the_shipped_rules_use_each_kinds_own_detectors():
    by_kind = _detectors_by_kind()
    for rf in load_rulebook().files:
        if rf.kind in by_kind:
            assert {r.data["detector"] for r in rf.rules} <= by_kind[rf.kind], rf.path


def test_a_detector_of_another_kind_is_refused_at_load(tmp_path):
    path = tmp_path / "wk.yaml"
    path.write_text("id: wk\nkind: lookalike\ndescription: d\nrules:\n  - id: r\n    detector: loop\n    message: m\n"
                    "examples:\n  - unchanged: Plain.\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"wk\.yaml:6: rules\[0\]\.detector: 'loop' is not one of"):
        load_rule_file(path)
