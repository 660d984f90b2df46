"""Skeleton rule files for `cleanup rules new`, built from the JSON Schema.

The skeleton is a valid rule file (editors validate and complete it, `rules
list` shows it), but every value only its author can know holds the
placeholder TODO, which `cleanup rules lint` and `cleanup rules test`
report as an error. So a skeleton cannot pass for a tested rule file until
someone writes a real line from a real document into it. The fields come
from the schema, so a field added there appears here with its description.
"""
from __future__ import annotations

import json
import os
import textwrap
from functools import lru_cache
from pathlib import Path

from ..rulebook.loading import PLACEHOLDER, SCHEMA_PATH

# Optional in the schema, but a rule of this kind is no use without them.
FEATURED = {"replace": ("pattern", "replacement")}
# Kinds whose rules act only when grammar checks are on (--grammar): what they need to act.
GRAMMAR_ONLY = {"languagetool": "a LanguageTool server", "harper": "--grammar (Harper runs offline)"}
COMMON = ("id", "message", "level", "enabled", "note")


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def resolve(spec: dict) -> dict:
    """Follow a "$ref" ("#/$defs/common/id") to the definition, keeping the local description; an
    "allOf" (a shared definition narrowed for one kind: its own detectors) becomes one definition."""
    if "allOf" in spec:
        merged: dict = {}
        for part in map(resolve, spec["allOf"]):
            fields = {name: {**merged.get("properties", {}).get(name, {}), **field}
                      for name, field in part.get("properties", {}).items()}
            merged = {**merged, **part, "properties": {**merged.get("properties", {}), **fields}}
        return merged
    if "$ref" not in spec:
        return spec
    target = schema()
    for part in spec["$ref"].lstrip("#/").split("/"):
        target = target[part]
    return {**resolve(target), **{k: v for k, v in spec.items() if k != "$ref"}}


def kinds() -> list[str]:
    return list(schema()["properties"]["kind"]["enum"])


def rule_definition(kind: str) -> dict:
    """The schema of one rule of this kind (its allOf branch names it)."""
    for branch in schema().get("allOf", []):
        if branch.get("if", {}).get("properties", {}).get("kind", {}).get("const") == kind:
            return resolve(branch["then"]["properties"]["rules"]["items"])
    return {"properties": {}, "required": ["id"]}


def _value(spec: dict):
    if "enum" in spec:
        return spec["enum"][0]
    kind = spec.get("type")
    if kind == "array":
        return [PLACEHOLDER]
    if kind in ("integer", "number"):
        return spec.get("default", spec.get("minimum", 1))
    if kind == "boolean":
        return spec.get("default", False)
    if kind == "object":
        return {}
    return PLACEHOLDER


def _yaml(name: str, value) -> str:
    if name == "pattern":  # single quotes: backslashes stay as written
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _comment(spec: dict) -> str:
    text = spec.get("description", "")
    if "enum" in spec:
        text += f" One of: {', '.join(map(str, spec['enum']))}."
    return text.strip()


def _wrapped(text: str, prefix: str) -> list[str]:
    return textwrap.wrap(text, 100, initial_indent=prefix, subsequent_indent=prefix) if text else []


def render(name: str, kind: str, path: Path) -> str:
    """The text of a new rule file `path` with family id `name` and rules of `kind`."""
    definition = rule_definition(kind)
    fields = {k: resolve(v) for k, v in definition.get("properties", {}).items()}
    wanted = set(definition.get("required", [])) | set(FEATURED.get(kind, ()))
    written = [k for k in fields if k in wanted and k not in ("id", "message")] + ["message"] * ("message" in wanted)
    optional = [k for k in fields if k not in written and k != "id"]
    top = schema()["properties"]
    lines = [
        f"# yaml-language-server: $schema={schema_reference(path)}",
        f"# Rule file '{name}' of kind '{kind}'. Replace every {PLACEHOLDER}, then run:",
        f"#   cleanup rules test {path}",
        f"#   cleanup rules lint {path}",
        "# Every field is described in docs/rule-reference.md.",
        f"id: {name}",
        f"kind: {kind}",
        f"# {top['description']['description']}",
        f"description: {_yaml('description', PLACEHOLDER)}",
        "rules:",
    ]
    if definition.get("description"):
        lines += _wrapped(definition["description"], "  # ")
    lines.append(f"  - id: {name}  # the rule's name, unique in the file; its full id is {name}.<this>")
    for key in written:
        lines += _wrapped(_comment(fields[key]), "    # ")
        lines.append(f"    {key}: {_yaml(key, _value(fields[key]))}")
    if optional:
        lines.append("    # Optional:")
        for key in optional:
            example = _yaml(key, _value(fields[key]))
            lines.append(f"    # {key}: {example}" + (f"  -- {_comment(fields[key])}" if _comment(fields[key]) else ""))
    lines += ["examples:"] + _examples(kind)
    return "\n".join(lines) + "\n"


def _examples(kind: str) -> list[str]:
    unchanged = ["  # A similar line the rules must leave alone: it guards against false positives.",
                 f"  - unchanged: {_yaml('', PLACEHOLDER)}"]
    if kind in GRAMMAR_ONLY:
        return [f"  # These rules act only with {GRAMMAR_ONLY[kind]}: `cleanup rules test` cannot show them at work.",
                *unchanged]
    return ["  # A line from your documents the rules change, and exactly what it must become.",
            f"  - before: {_yaml('', PLACEHOLDER)}",
            f"    after: {_yaml('', PLACEHOLDER)}",
            *unchanged,
            "  # For a rule that only flags:  - flagged: \"a line\"  with  spans: [\"the flagged part\"]"]


def schema_reference(path: Path) -> str:
    """The schema's path as seen from the new file's folder (absolute across drives)."""
    try:
        return Path(os.path.relpath(SCHEMA_PATH, Path(path).resolve().parent)).as_posix()
    except ValueError:
        return SCHEMA_PATH.as_posix()
