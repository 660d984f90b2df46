"""Edits as plain records (JSON output, HTML report, decisions), and the json and html formats."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..core.edits import Edit, Level
from .formats import Checked, Renderer, json_text, register


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts (found at C speed: this runs on every document)."""
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


_NEWLINE = re.compile("\n")


class LineIndex:
    """1-based line and column of character offsets."""

    def __init__(self, text: str):
        self.starts = line_starts(text)

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def edit_record(edit: Edit, lines: LineIndex) -> dict:
    line, column = lines.position(edit.start)
    return {
        "rule": edit.rule,
        "level": edit.level.value,
        "applied": edit.applied,
        "start": edit.start,
        "end": edit.end,
        "line": line,
        "column": column,
        "original": edit.original,
        "replacement": edit.replacement,
        "message": edit.message,
        "builds_on": [p.rule for p in edit.parents],
    }


def edit_from_record(record: dict) -> Edit:
    """The Edit a record was made from (without the edits it was built on)."""
    return Edit(record["start"], record["end"], record["original"], record["replacement"], record["rule"],
                record["message"], Level(record["level"]), record["applied"])


def records(result) -> list[dict]:
    lines = LineIndex(result.original)
    return [edit_record(e, lines) for e in result.edits]


@register("diff check", "json", "one JSON array, a record per edit (docs/cli.md)")
class JsonRecords(Renderer):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.records = []

    def file(self, item: Checked) -> str:
        self.records.extend({"file": item.name, **r} for r in records(item.result))
        return ""

    def end(self) -> str:
        return json_text(self.records)


@register("diff", "html", "a self-contained review page: accept or reject each change, export the decisions")
class HtmlPage(Renderer):
    """One page for every file. A page needs more than a file's Result: the changes a later one covered
    (exported as rejected) and what deciding each change the other way makes the pipeline propose. So it
    cleans the document again, under recording policies, with `opts` (render/html.py report_file)."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.files = []

    def file(self, item: Checked) -> str:
        from .html import report_file  # (a large module; only this format needs it)

        self.files.append(report_file(item.name, item.doc, self.opts))
        return ""

    def end(self) -> str:
        from .html import render_report

        return render_report(self.files) if self.files else ""
