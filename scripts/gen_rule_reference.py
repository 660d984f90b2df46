"""Write docs/rule-reference.md from the rule file JSON Schema (the schema is the source of truth).

    python scripts/gen_rule_reference.py          # regenerate
    python scripts/gen_rule_reference.py --check  # exit 1 if the file is out of date (tests/test_docs.py)
"""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCHEMA = ROOT / "cleanup" / "schema" / "rulefile.schema.json"
REFERENCE = ROOT / "docs" / "rule-reference.md"
COMMAND = "python scripts/gen_rule_reference.py"


def resolve(schema: dict, spec: dict) -> dict:
    """A field's spec with its "$ref" followed; the field's own keys (its description) win."""
    if "$ref" not in spec:
        return spec
    target = schema
    for part in spec["$ref"].lstrip("#/").split("/"):
        target = target[part]
    return {**resolve(schema, target), **{k: v for k, v in spec.items() if k != "$ref"}}


def type_of(spec: dict) -> str:
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    if "const" in spec:
        return f"`{spec['const']}`"
    kind = spec.get("type", "any")
    if kind == "array":
        items = spec.get("items", {})
        if "$ref" in items:  # e.g. an example: described in its own section
            return f"list of {items['$ref'].rsplit('/', 1)[-1]}s"
        return f"list of {type_of(items)}s" if items else "list"
    if spec.get("pattern") == "^[a-z0-9][a-z0-9-]*$":
        return "id (lowercase letters, digits, hyphens)"
    limits = [f"≥ {spec['minimum']}" if "minimum" in spec else "", f"≤ {spec['maximum']}" if "maximum" in spec else ""]
    return " ".join([kind, *filter(None, limits)])


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def registry_defaults(kinds: list[str]) -> dict[str, str]:
    """Each setting's default as the kinds' Settings classes (cleanup/stages/registry.py) give it;
    one per detector where the detectors' defaults differ."""
    from cleanup.stages.registry import KINDS

    found: dict[str, dict[str, object]] = {}
    for kind in kinds:
        settings = getattr(KINDS[kind].code, "SETTINGS", None) if kind in KINDS else None
        classes = settings.items() if isinstance(settings, dict) else [("", settings)] if settings else []
        for detector, cls in classes:
            for f in dataclasses.fields(cls):
                if f.default is not dataclasses.MISSING:
                    found.setdefault(f.name, {})[detector] = f.default
                elif f.default_factory is not dataclasses.MISSING:
                    found.setdefault(f.name, {})[detector] = f.default_factory()
    out = {}
    for name, by_detector in found.items():
        if len({json.dumps(_plain(v)) for v in by_detector.values()}) == 1:
            out[name] = f"`{json.dumps(_plain(next(iter(by_detector.values()))), ensure_ascii=False)}`"
        else:
            out[name] = "; ".join(f"{d}: `{json.dumps(_plain(v), ensure_ascii=False)}`" for d, v in by_detector.items())
    return out


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def table(schema: dict, definition: dict, defaults: dict[str, str] | None = None) -> list[str]:
    common = schema["$defs"].get("common", {})
    required = set(definition.get("required", []))
    rows = ["| field | required | type | default | description |", "| --- | --- | --- | --- | --- |"]
    for name, raw in definition.get("properties", {}).items():
        spec = resolve(schema, raw)
        text = spec.get("description") or resolve(schema, common.get(name, {})).get("description", "")
        default = f"`{json.dumps(spec['default'])}`" if "default" in spec else (defaults or {}).get(name, "")
        rows.append(f"| `{name}` | {'yes' if name in required else ''} | {cell(type_of(spec))} | {default} "
                    f"| {cell(text)} |")
    choices = [" and ".join(f"`{f}`" for f in c["required"]) for c in definition.get("oneOf", []) if "required" in c]
    if choices:
        rows += ["", f"Give exactly one of: {'; or '.join(choices)}."]
    return rows


def kinds_and_definitions(schema: dict) -> list[tuple[list[str], dict]]:
    """(kinds, rule definition) in the schema's kind order; kinds sharing a definition are listed together."""
    by_ref: dict[str, list[str]] = {}
    for branch in schema.get("allOf", []):
        kind = branch["if"]["properties"]["kind"]["const"]
        items = branch["then"]["properties"]["rules"]["items"]
        # a kind narrowing a shared definition to its own detectors is listed with the others sharing it
        ref = items.get("$ref") or next(part["$ref"] for part in items["allOf"] if "$ref" in part)
        by_ref.setdefault(ref, []).append(kind)
    order = schema["properties"]["kind"]["enum"]
    groups = sorted(by_ref.items(), key=lambda item: order.index(item[1][0]))
    return [(kinds, resolve(schema, {"$ref": ref})) for ref, kinds in groups]


def render(schema: dict) -> str:
    out = [
        "# Rule file reference",
        "",
        f"<!-- Generated from cleanup/schema/rulefile.schema.json by {COMMAND}; do not edit by hand. -->",
        "",
        f"{schema.get('description', '')} A rule file is YAML; the first line",
        "`# yaml-language-server: $schema=<path to cleanup/schema/rulefile.schema.json>` lets editors",
        "validate and complete it (`cleanup rules new` writes it). How to write one, step by step:",
        "[tutorial-new-rule.md](tutorial-new-rule.md).",
        "",
        "## The file",
        "",
        *table(schema, schema),
        "",
        "## Examples",
        "",
        "Every item of `examples` is one of: a `before`/`after` pair (the rules must turn `before` into",
        "exactly `after`), an `unchanged` text (the rules must leave it alone) or a `flagged` text with",
        "its `spans`. `cleanup rules test` runs each with the file alone and in the whole pipeline.",
        "",
        *table(schema, schema["$defs"]["example"]),
        "",
        "## Levels",
        "",
        schema["$defs"]["level"]["description"],
        "",
        "## Kinds",
        "",
        "A file's `kind` decides which engine runs its rules and which fields a rule has.",
    ]
    for kinds, definition in kinds_and_definitions(schema):
        out += ["", "### " + ", ".join(f"`{k}`" for k in kinds), ""]
        if definition.get("description"):
            out += [definition["description"], ""]
        out += table(schema, definition, registry_defaults(kinds))
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = render(json.loads(SCHEMA.read_text(encoding="utf-8")))
    if "--check" in argv:
        if not REFERENCE.is_file() or REFERENCE.read_text(encoding="utf-8") != text:
            print(f"{REFERENCE.relative_to(ROOT)} is out of date with the schema; regenerate it: {COMMAND}")
            return 1
        return 0
    REFERENCE.write_text(text, encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
