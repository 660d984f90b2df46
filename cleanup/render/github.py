"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

`::error file=F,line=L,col=C,endLine=..,endColumn=..,title=RULE::MESSAGE`, one a
finding: pending fixes are errors, suggestions warnings, flags notices.
Values are escaped as the runner expects (%, CR, LF; also ':' and ',' in
properties), and control characters from the input are drawn, never sent.
"""
from __future__ import annotations

from ..core.edits import Level
from .formats import Checked, Renderer, register
from .records import LineIndex
from .visible import safe, shown_change

COMMANDS = {Level.FIX: "error", Level.SUGGEST: "warning", Level.FLAG: "notice"}


def _data(text: str) -> str:
    return safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@register("diff check", "github", "GitHub Actions annotations (::error file=...::message)")
class GithubAnnotations(Renderer):
    def file(self, item: Checked) -> str:
        lines = LineIndex(item.result.original)
        out = []
        for e in item.result.edits:
            line, col = lines.position(e.start)
            end_line, end_col = lines.position(e.end)
            what = shown_change(e.original, e.replacement)
            props = (f"file={_property(item.name)},line={line},col={col},endLine={end_line},"
                     f"endColumn={end_col},title={_property(e.rule)}")
            out.append(f"::{COMMANDS[e.level]} {props}::{_data(f'{e.message}: {what}')}\n")
        return "".join(out)
