"""Output formats of `diff` and `check`: one Renderer interface, one registry.

A renderer gets each file's outcome as it is ready (`file`, for formats that
stream: text, unified, github) and is asked once at the end (`end`, for those
that need every file: json, sarif, html). Either returns text (written as
UTF-8) or bytes (written as they are: a patch in its file's own encoding).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..core.document import Document
from ..core.result import Result


@dataclass(frozen=True)
class Checked:
    """One file's outcome: its name as given, the document read and the result of cleaning it."""

    name: str
    doc: Document
    result: Result


class Renderer:
    """An output format. `terminal`: the output goes to a terminal (colour allowed, bytes made safe);
    `opts`: the api.runner.Options the files were cleaned with (a format may re-run a document with
    other decisions: html)."""

    for_people = False  # read by people, not programs: a command may add a line of summary (on stderr)

    def __init__(self, *, terminal: bool = False, opts=None):
        self.terminal, self.opts = terminal, opts

    def file(self, item: Checked) -> str | bytes:
        return ""

    def end(self) -> str | bytes:
        return ""


FORMATS: dict[str, dict[str, tuple[type[Renderer], str]]] = {"diff": {}, "check": {}}


def register(commands: str, name: str, description: str):
    """Class decorator: make a Renderer the format `name` of the given commands ("diff check")."""
    def add(cls):
        for command in commands.split():
            FORMATS[command][name] = (cls, description)
        return cls
    return add


ORDER = ("text", "unified", "json", "html", "sarif", "github")  # as --help lists them


def formats(command: str) -> dict[str, tuple[type[Renderer], str]]:
    _load()
    known = FORMATS[command]
    return {name: known[name] for name in sorted(known, key=lambda n: (ORDER + (n,)).index(n))}


def _load() -> None:
    """Import the modules that register formats (here, so that importing one does not import all)."""
    from . import github, records, sarif, text, unified  # noqa: F401


# Outside JSON's own escapes (U+0000-U+001F) some characters still act on a terminal
# (C1 controls such as CSI) or reorder text on screen (bidi controls): escape them too.
_TERMINAL_ACTIVE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_text(value) -> str:
    """JSON for a terminal or a log: non-ASCII letters as they are, active characters as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return _TERMINAL_ACTIVE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
