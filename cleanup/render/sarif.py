"""`--format sarif`: SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure).

One run; each edit a result at its line and column (columns count code
points: `columnKind`), with the rule that made it, and, when it changes the
text, a fix: the span to delete and the text to insert.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..core.edits import Level
from .formats import Checked, Renderer, json_text, register
from .records import LineIndex

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Level.FIX: "error", Level.SUGGEST: "warning", Level.FLAG: "note"}


def artifact_uri(name: str) -> str:
    """A file as named on the command line, as a URI reference (relative stays relative)."""
    if name == "-":
        return "stdin"
    path = Path(name)
    return path.resolve().as_uri() if path.is_absolute() else quote(path.as_posix())


@register("diff check", "sarif", "SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps)")
class Sarif(Renderer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.rules: dict[str, int] = {}
        self.rule_list: list[dict] = []
        self.results: list[dict] = []

    def file(self, item: Checked) -> str:
        lines = LineIndex(item.result.original)
        uri = artifact_uri(item.name)
        for edit in item.result.edits:
            self.results.append(self._result(edit, uri, lines))
        return ""

    def _rule_index(self, edit) -> int:
        if edit.rule not in self.rules:
            self.rules[edit.rule] = len(self.rule_list)
            self.rule_list.append({"id": edit.rule, "shortDescription": {"text": edit.message},
                                   "defaultConfiguration": {"level": LEVELS[edit.level]}})
        return self.rules[edit.rule]

    def _result(self, edit, uri: str, lines: LineIndex) -> dict:
        region = _region(edit, lines)
        result = {
            "ruleId": edit.rule, "ruleIndex": self._rule_index(edit), "level": LEVELS[edit.level],
            "message": {"text": edit.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
            "properties": {"applied": edit.applied},
        }
        if edit.replacement is not None:
            result["fixes"] = [{
                "description": {"text": f"{edit.rule}: replace with {edit.replacement!r}"},
                "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                    {"deletedRegion": _region(edit, lines, snippet=False),
                     "insertedContent": {"text": edit.replacement}}]}],
            }]
        return result

    def end(self) -> str:
        return json_text({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "cleanup", "version": __version__, "rules": self.rule_list}},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        })


def _region(edit, lines: LineIndex, snippet: bool = True) -> dict:
    start_line, start_col = lines.position(edit.start)
    end_line, end_col = lines.position(edit.end)
    region = {"startLine": start_line, "startColumn": start_col, "endLine": end_line, "endColumn": end_col}
    if snippet and edit.original:
        region["snippet"] = {"text": edit.original}
    return region
