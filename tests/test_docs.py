"""The docs cannot rot: the tutorial runs as written, the rule reference matches the schema.

The tutorial's ```text file=PATH / ```yaml file=PATH blocks are written, and
the commands of its ```console blocks run, in document order, in an empty
folder. Each output line the tutorial shows must appear in the command's
output ("[...]" stands for any text; a line of just "[...]" for lines left
out).
"""
from __future__ import annotations

import json
import shlex
import subprocess
import sys

import regex

from .conftest import ROOT, run_cli

TUTORIAL = ROOT / "docs" / "tutorial-new-rule.md"
REFERENCE = ROOT / "docs" / "rule-reference.md"
SCHEMA = ROOT / "cleanup" / "schema" / "rulefile.schema.json"
FENCE = regex.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", regex.MULTILINE | regex.DOTALL)


def tutorial_steps(markdown: str):
    """("write", path, text) and ("run", command, expected lines), in document order."""
    for block in FENCE.finditer(markdown):
        language, info, body = block.groups()
        target = regex.search(r"\bfile=(\S+)", info)
        if target:
            yield "write", target.group(1), body
        elif language == "console":
            command, expected = None, []
            for line in body.splitlines():
                if line.startswith("$ "):
                    if command:
                        yield "run", command, expected
                    command, expected = line[2:], []
                else:
                    expected.append(line.rstrip())
            if command:
                yield "run", command, expected


def shown_in(expected: str, output: list[str]) -> bool:
    pattern = ".*".join(map(regex.escape, expected.split("[...]")))
    return any(regex.fullmatch(pattern, line) for line in output)


def test_the_tutorial_runs_as_written(tmp_path):
    steps = list(tutorial_steps(TUTORIAL.read_text(encoding="utf-8")))
    commands = [s[1] for s in steps if s[0] == "run"]
    for needed in ("cleanup rules new", "cleanup rules test", "cleanup rules lint", "cleanup fix --rules"):
        assert any(c.startswith(needed) for c in commands), f"the tutorial no longer shows `{needed}`"
    for kind, what, payload in steps:
        if kind == "write":
            (tmp_path / what).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / what).write_text(payload, encoding="utf-8")
            continue
        program, *args = shlex.split(what)
        assert program == "cleanup", f"the tutorial runs {program!r}; only cleanup commands can be checked"
        r = run_cli(*args, cwd=tmp_path)
        text = r.stdout.decode() + "\n" + r.stderr.decode()
        assert "Traceback" not in text, text
        output = [line.rstrip() for line in text.splitlines()]
        for line in payload:
            if line.strip() and line.strip() != "[...]":
                assert shown_in(line, output), f"`{what}` no longer prints\n  {line}\nit printed:\n{text}"


def test_the_rule_reference_is_generated_from_the_current_schema():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_reference.py"), "--check"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_rule_reference_describes_every_kind_and_field():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    text = REFERENCE.read_text(encoding="utf-8")
    for kind in schema["properties"]["kind"]["enum"]:
        assert f"`{kind}`" in text, kind
    rows = [line for line in text.splitlines() if regex.match(r"\| `\w+` \|", line)]
    undescribed = [row for row in rows if row.rstrip().endswith("|  |")]
    assert not undescribed, "fields without a description in the schema:\n" + "\n".join(undescribed)
    named = {regex.match(r"\| `(\w+)`", row).group(1) for row in rows}
    fields = {f for d in schema["$defs"].values() if isinstance(d, dict) for f in d.get("properties", {})}
    assert fields <= named, fields - named
