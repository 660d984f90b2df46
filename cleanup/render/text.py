"""Human-readable renderings: the per-change diff (`diff`) and the findings list (`check`).

Every change is shown where it happens, inside its line, with the words
removed and added marked ([-old-]{+new+} when there is no colour), and its
rule id, level and message. Built from the edit log, not by diffing texts.
Nothing from the input reaches a terminal raw: control characters are drawn
as symbols (render/visible.py), so `ESC [2J` in a text cannot clear the screen.
"""
from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from ..core.edits import Level
from .formats import Checked, Renderer, register
from .records import LineIndex
from .visible import safe, visible

CONTEXT = 40  # characters of context on each side of a change

_STYLE = {Level.FIX: "bold", Level.SUGGEST: "bold yellow", Level.FLAG: "bold magenta"}


def state(edit) -> str:
    """One wording for `diff` and `check`: what `cleanup fix` would do with the edit ('' for a flag)."""
    if edit.level is Level.FLAG:
        return ""
    return " [pending]" if edit.applied else " [proposed]"


def _clip(s: str, left: bool) -> str:
    s = safe(s.replace("\n", " "))
    if len(s) <= CONTEXT:
        return s
    return "…" + s[-CONTEXT:] if left else s[:CONTEXT] + "…"


def marked_change(edit) -> Text:
    """The change itself, for a terminal: removed and added text as [-old-]{+new+}, a flag's text underlined.
    Everything drawn visibly (line breaks keep their place after their symbol)."""
    def shown(s: str) -> str:
        return visible(s, newlines=True)

    t = Text()
    if edit.replacement is None:
        t.append(shown(edit.original), style="underline magenta")
        return t
    if edit.original:
        t.append(f"[-{shown(edit.original)}-]", style="red strike")
    if edit.replacement:
        t.append(f"{{+{shown(edit.replacement)}+}}", style="green")
    return t


def change_text(edit, original: str) -> Text:
    """One change inside its context, styled."""
    line_start = original.rfind("\n", 0, edit.start) + 1
    line_end = original.find("\n", edit.end)
    line_end = len(original) if line_end == -1 else line_end
    t = Text("  ")
    t.append(_clip(original[line_start:edit.start], left=True), style="dim")
    t.append_text(marked_change(edit))
    t.append(_clip(original[edit.end:line_end], left=False), style="dim")
    return t


def header(edit, name: str, lines: LineIndex) -> Text:
    line, col = lines.position(edit.start)
    t = Text(f"{safe(name)}:{line}:{col}: ", style="cyan")
    t.append(f"{edit.level.value}", style=_STYLE[edit.level])
    t.append(f"{state(edit)} ", style="dim")
    t.append(edit.rule, style="bold")
    t.append(f"  {safe(edit.message)}")
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
    return (f"{safe(name)}:{line}:{col}: {edit.level.value}{state(edit)}: {edit.rule}: {safe(edit.message)}: "
            f"{what}")


@register("diff", "text", "every change in its line, with its rule, level and why")
class ChangesText(Renderer):
    for_people = True

    def file(self, item: Checked) -> str:
        out = io.StringIO()
        console = Console(file=out, force_terminal=self.terminal, highlight=False, soft_wrap=True,
                          width=120 if not self.terminal else None)
        for r in diff_renderables(item.result, item.name):
            console.print(r)
        return out.getvalue()


@register("check", "text", "one finding a line: file:line:col: level [pending|proposed]: rule: message")
class FindingsText(Renderer):
    for_people = True

    def file(self, item: Checked) -> str:
        lines = LineIndex(item.result.original)
        return "".join(finding_line(e, item.name, lines) + "\n" for e in item.result.edits)
