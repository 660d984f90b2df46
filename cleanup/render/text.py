"""Human-readable renderings: the per-change diff and the findings list.

Every change is shown where it happens, inside its line, with the words
removed and added marked ([-old-]{+new+} when there is no colour), and its
rule id, level and message. Built from the edit log, not by diffing texts.
"""
from __future__ import annotations

from rich.text import Text

from ..edits import Level
from .records import LineIndex

CONTEXT = 40  # characters of context on each side of a change

_STYLE = {Level.FIX: "bold", Level.SUGGEST: "bold yellow", Level.FLAG: "bold magenta"}


def visible(s: str) -> str:
    """Make whitespace changes visible: a removed newline or odd space must show."""
    return (s.replace("\n", "↵\n").replace("\u00a0", "⍽").replace("\t", "→")
            .replace("\u200b", "␣").replace("\ufeff", "␣"))


def _clip(s: str, left: bool) -> str:
    s = s.replace("\n", " ")
    if len(s) <= CONTEXT:
        return s
    return "…" + s[-CONTEXT:] if left else s[:CONTEXT] + "…"


def change_text(edit, original: str) -> Text:
    """One change inside its context, styled."""
    line_start = original.rfind("\n", 0, edit.start) + 1
    line_end = original.find("\n", edit.end)
    line_end = len(original) if line_end == -1 else line_end
    t = Text("  ")
    t.append(_clip(original[line_start:edit.start], left=True), style="dim")
    if edit.replacement is None:
        t.append(visible(edit.original), style="underline magenta")
    else:
        if edit.original:
            t.append(f"[-{visible(edit.original)}-]", style="red strike")
        if edit.replacement:
            t.append(f"{{+{visible(edit.replacement)}+}}", style="green")
    t.append(_clip(original[edit.end:line_end], left=False), style="dim")
    return t


def header(edit, name: str, lines: LineIndex) -> Text:
    line, col = lines.position(edit.start)
    state = "applied" if edit.applied else ("flag" if edit.level is Level.FLAG else "proposed")
    t = Text(f"{name}:{line}:{col}: ", style="cyan")
    t.append(f"{edit.level.value}", style=_STYLE[edit.level])
    t.append(f" [{state}] ", style="dim")
    t.append(edit.rule, style="bold")
    t.append(f"  {edit.message}")
    if edit.parents:
        t.append(f"  (builds on {', '.join(p.rule for p in edit.parents)})", style="dim")
    return t


def diff_renderables(result, name: str):
    lines = LineIndex(result.original)
    for edit in result.edits:
        yield header(edit, name, lines)
        yield change_text(edit, result.original)


def finding_line(edit, name: str, lines: LineIndex) -> str:
    line, col = lines.position(edit.start)
    if edit.replacement is None:
        what = f"'{_clip(edit.original, False)}'"
    else:
        what = f"'{_clip(visible(edit.original), False)}' -> '{_clip(visible(edit.replacement), False)}'"
    state = "" if not edit.applied else " (applied)"
    return f"{name}:{line}:{col}: {edit.level.value}{state}: {edit.rule}: {edit.message}: {what}"
