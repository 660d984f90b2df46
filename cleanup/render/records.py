"""Edits as plain records (JSON output, HTML report, decisions)."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..edits import Edit


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


def records(result) -> list[dict]:
    lines = LineIndex(result.original)
    return [edit_record(e, lines) for e in result.edits]
