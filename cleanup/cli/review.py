"""`cleanup review` (interactive, one change at a time) and `cleanup apply` (replay a decisions file).

The session logic lives in review/session.py; this module reads keys, draws changes
and writes files. Output is written once, at the end, atomically: an
interrupted review (Ctrl-C, end of input) writes nothing to it.
"""
from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.text import Text

from ..api.runner import clean_document
from ..core.edits import Edit, EditKey, Level
from ..core.errors import CleanupError
from ..core.files import read_document, write_atomic, write_in_place
from ..render.records import LineIndex
from ..render.text import marked_change
from ..render.visible import safe, shown_change, symbol, visible
from ..review.decisions_file import Verdict
from ..review.decisions_file import load as load_decisions
from ..review.decisions_file import save as save_decisions
from ..review.session import Consequences, Session, replay
from .options import (
    AcceptOpt,
    AllowFileOpt,
    AllowOpt,
    EncodingOpt,
    GrammarOpt,
    IgnoreOpt,
    LangOpt,
    LanguageToolOpt,
    LanguageToolTimeoutOpt,
    LevelChoice,
    LevelOpt,
    MaxBytesOpt,
    MinLevel,
    MinLevelOpt,
    RejectOpt,
    RulesOpt,
    SelectOpt,
    build_options,
)
from .terminal import emit, err, fail, warn

INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C
CONTEXT = 160      # characters shown of a line on each side of a change, and of the lines around it
KEYS = "y,n,e,a,r,u,q,?"



def _help(level: Level) -> str:
    undecided = "applied if they are fixes" if level is Level.FIX else "applied (fixes and suggestions)"
    return f"""\
y - accept this change
n - reject this change: the text stays as it was
e - edit the replacement, then accept it (\\n types a line break)
a - accept this change and every other change of its rule, now and later
r - reject this change and every other change of its rule, now and later
u - undo the last decision
q - stop and write the output; undecided changes keep the --level {level.value} default ({undecided})
? - this help"""


def _fail(message: str, code: int = 2):
    fail(message)
    return typer.Exit(code)


def _where(edit: Edit, lines: LineIndex) -> str:
    line, col = lines.position(edit.start)
    return f"line {line}, column {col}"


def _one_line(edit: Edit, lines: LineIndex) -> Text:
    t = Text(f"{edit.level.value} {safe(edit.rule)} ({_where(edit, lines)}): ", style="bold")
    if edit.replacement is None:
        t.append(f"{safe(edit.message)}: {shown_change(edit.original, None)}")
    else:
        t.append(shown_change(edit.original, edit.replacement))
    return t


def _clip(text: str, keep: str) -> str:
    """At most CONTEXT characters of a line, cut at a space: its `keep` ("start" or "end") stays."""
    if len(text) <= CONTEXT:
        return text
    if keep == "start":
        return text[:CONTEXT].rsplit(" ", 1)[0] + "…"
    cut = text[-CONTEXT:]
    return "…" + (cut.split(" ", 1)[1] if " " in cut else cut)


def change_in_context(original: str, edit: Edit) -> Text:
    """The change marked inside the line it is on, between the line before it and the line after it (dimmed).

    Removed and added text read [-old-]{+new+}; a flag's text is underlined.
    Everything goes through visible(): the input's control characters are drawn, never sent to the terminal.
    """
    line_start = original.rfind("\n", 0, edit.start) + 1
    # a change ending in a line break (a removed line) ends its line: what follows is the next line
    line_end = original.find("\n", edit.end - 1 if edit.original.endswith("\n") else edit.end)
    line_end = len(original) if line_end == -1 else line_end
    t = Text()
    if line_start:
        before = original[original.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        t.append("  " + visible(_clip(before, "start")) + "\n", style="dim")
    t.append("  " + visible(_clip(original[line_start:edit.start], "end")))
    t.append_text(marked_change(edit))
    t.append(visible(_clip(original[edit.end:line_end], "start")))
    if line_end + 1 < len(original):  # a final line break has no line after it
        following = original[line_end + 1:].split("\n", 1)[0]
        t.append("\n  " + visible(_clip(following, "start")), style="dim")
    return t


class Terminal:
    """Draws a Session and reads the reviewer's answers."""

    def __init__(self, session: Session, original: str, name: str, console: Console):
        self.session, self.original, self.name, self.console = session, original, safe(name), console
        self.lines = LineIndex(original)
        self.noted: set = set()  # flags already shown as notes

    def loop(self) -> None:
        """Ask until every change is decided or the reviewer quits."""
        self.console.print(Text(self.name, style="bold") + Text(f": {_counts(self.session)}. "
                                                                f"Answer with one of {KEYS}; ? explains them."))
        while (edit := self.session.current) is not None:
            self._notes(upto=edit.end)
            n, total = self.session.position
            self._show(edit, Text(f"\n[{n}/{total}] ", style="bold cyan"))
            if not self._answer(edit):
                return
        self._notes(upto=len(self.original))

    def _show(self, edit: Edit, head: Text) -> None:
        """A change or a flag: its rule and place, its message once, and the lines around it."""
        head.append(edit.level.value, style={Level.SUGGEST: "bold yellow", Level.FLAG: "bold magenta"}
                    .get(edit.level, "bold"))
        head.append(f" {safe(edit.rule)}", style="bold")
        head.append(f"  {self.name}, {_where(edit, self.lines)}", style="cyan")
        self.console.print(head)
        self.console.print(Text(safe(edit.message), style="italic"))
        if edit.parents:
            self.console.print(Text("builds on: " + ", ".join(safe(p.rule) for p in edit.parents), style="dim"))
        self.console.print(change_in_context(self.original, edit))

    def _answer(self, edit: Edit) -> bool:
        """Read and carry out one answer; False when the reviewer quits."""
        n, total = self.session.position
        key = self.console.input(Text(f"[{n}/{total}] Apply this change [{KEYS}]? ", style="bold blue"))
        key = key.strip().lower()
        if key == "q":
            return False
        if key in ("y", "n"):
            self._consequences(self.session.decide(Verdict.ACCEPT if key == "y" else Verdict.REJECT))
        elif key in ("a", "r"):
            self._consequences(self.session.decide_rule(Verdict.ACCEPT if key == "a" else Verdict.REJECT))
        elif key == "e":
            typed = self._typed(edit)
            done = self.session.decide(Verdict.EDIT, typed)
            self.console.print(Text("Now reads:", style="bold green"))
            self.console.print(change_in_context(self.original, replace(edit, replacement=typed)))
            self._consequences(done)
        elif key == "u":
            undone = self.session.undo()
            if undone is None:
                self.console.print("Nothing to undo.")
            else:
                self.console.print("Undone.")
                self._consequences(undone)
        else:
            self.console.print(_help(self.session.base.level))
        return True

    def _typed(self, edit: Edit) -> str:
        self.console.print(Text(f"Replacement for '{visible(edit.original)}' (the proposal is filled in; "
                                "\\n types a line break, an empty line deletes):", style="dim"))
        return _unescape(_prefilled_input(self.console, "> ", _escape(edit.replacement or "")))

    def _consequences(self, c: Consequences) -> None:
        if not c:
            return
        self.console.print(Text("Because of this, the other changes moved on:", style="magenta"))
        for e in c.gone:
            self.console.print(Text("  - no longer proposed: ", style="red") + _one_line(e, self.lines))
            self.noted.discard(e.key)
        for e in c.appeared:
            self.console.print(Text("  + now proposed: ", style="green") + _one_line(e, self.lines))
            if e.replacement is None:
                self.noted.add(e.key)

    def _notes(self, upto: int) -> None:
        """Flags need no decision: show each once, as the review passes its place, as a change is shown."""
        for flag in self.session.run.flags:
            if flag.start <= upto and flag.key not in self.noted:
                self.noted.add(flag.key)
                self._show(flag, Text("\nnote: ", style="bold magenta"))


def _counts(session: Session) -> str:
    """How many changes there are, how many a resumed review decided already, and how many are left to ask."""
    changes, flags = len(session.run.changes), len(session.run.flags)
    to_review = len(session.run.undecided)
    earlier = f", {changes - to_review} decided earlier" if to_review != changes else ""
    return f"{changes} change(s){earlier}, {to_review} to review; {flags} flag(s)"


def _escape(text: str) -> str:
    """The replacement as typed on one line: \\n a line break, \\u{1B} a control character, \\\\ a backslash."""
    return "".join("\\\\" if ch == "\\" else "\\n" if ch == "\n" else f"\\u{{{ord(ch):X}}}" if symbol(ch)
                   else ch for ch in text)


_ESCAPED = re.compile(r"\\(?:u\{([0-9A-Fa-f]{1,6})\}|(.)|$)", re.S)


def _unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        code, ch = m.groups()
        if code is not None:
            n = int(code, 16)
            return chr(n) if n <= sys.maxunicode and not 0xD800 <= n <= 0xDFFF else m.group(0)
        return "\n" if ch == "n" else "\\" if ch in ("\\", None) else m.group(0)

    return _ESCAPED.sub(one, text)


def _prefilled_input(console: Console, prompt: str, default: str) -> str:
    """A line of input that starts as `default`, editable with readline where there is one."""
    try:
        import readline
    except ImportError:  # no line editing: the reviewer types the whole replacement
        return console.input(prompt)
    readline.set_startup_hook(lambda: readline.insert_text(default))
    try:
        return console.input(prompt)
    finally:
        readline.set_startup_hook()


def _options(level, **values):
    try:
        return build_options(level=level, **values)
    except CleanupError as e:
        raise _fail(str(e)) from None


def _write(data: bytes, output: Optional[Path], in_place: bool, doc) -> None:
    if in_place:
        if data != doc.to_bytes():
            write_in_place(doc, data)  # refused if another process changed the file since it was read
    elif output:
        write_atomic(output, data)
    else:
        emit(data)


def review(
    file: str = typer.Argument(..., help="The text file to review.", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the reviewed text here."),
    in_place: bool = typer.Option(False, "--in-place", "-i", help="Overwrite FILE with the reviewed text, "
                                                                  "atomically."),
    save_decisions: Optional[Path] = typer.Option(None, "--save-decisions", metavar="F",
                                                  help="Save the decisions as JSON for 'cleanup apply'."),
    resume: Optional[Path] = typer.Option(None, "--decisions", "-d", metavar="F",
                                          help="Go on with a review saved earlier: its decisions stand, only "
                                               "the changes they do not decide are asked."),
    rules: List[Path] = RulesOpt, level: Optional[LevelChoice] = LevelOpt,
    accept: List[str] = AcceptOpt, reject: List[str] = RejectOpt,
    encoding: Optional[str] = EncodingOpt, max_bytes: int = MaxBytesOpt,
    grammar: Optional[bool] = GrammarOpt, languagetool: Optional[str] = LanguageToolOpt,
    lang: Optional[str] = LangOpt, languagetool_timeout: Optional[float] = LanguageToolTimeoutOpt,
    select: List[str] = SelectOpt, ignore: List[str] = IgnoreOpt, min_level: Optional[MinLevel] = MinLevelOpt,
    allow: List[str] = AllowOpt, allow_file: List[Path] = AllowFileOpt,
):
    """Accept, reject or edit each proposed change, one at a time (like git add -p).

    --level sets what undecided changes do when you stop early with q: 'fix'
    (default, or the level saved with --decisions) applies the undecided
    fixes, 'suggest' the suggestions too. --accept/--reject GLOB decide
    matching rules up front (they are not asked). To stop and go on later:
    q with --save-decisions F, then review again with --decisions F.
    """
    if not sys.stdin.isatty():
        raise _fail("review is interactive and needs a terminal on standard input; in scripts use "
                    "'cleanup apply FILE --decisions F' or 'cleanup fix --accept/--reject GLOB'")
    if in_place and output:
        raise _fail("give either --in-place or --output, not both")
    if not (in_place or output or save_decisions):
        raise _fail("say where the reviewed text goes: --output OUT or --in-place "
                    "(or only --save-decisions F)")
    if file == "-":
        raise _fail("review reads the file from disk: standard input is the terminal")
    try:
        saved = load_decisions(resume) if resume else None
    except CleanupError as e:
        raise _fail(str(e)) from None
    if level is None and saved is not None:
        level = LevelChoice(saved.level.value)
    opts = _options(level, rules=rules, accept=accept, reject=reject, encoding=encoding, max_bytes=max_bytes,
                    grammar=grammar, languagetool=languagetool, lang=lang,
                    languagetool_timeout=languagetool_timeout, select=select, ignore=ignore,
                    min_level=min_level, allow=allow, allow_files=allow_file)
    try:
        doc = read_document(file, encoding=opts.encoding, max_bytes=opts.max_bytes)
        session = Session(lambda policy: clean_document(doc, opts, policy), opts.policy(),
                          saved.decisions if saved else None)
    except CleanupError as e:
        raise _fail(str(e)) from None
    console = Console(highlight=False, markup=False)
    if saved is not None:
        _report_resumed(saved, session, resume, file, doc.text)

    def keep_decisions() -> None:
        if save_decisions:
            save_decisions_file(save_decisions, session, file)
            console.print(f"Decisions saved to {safe(str(save_decisions))}.")

    try:
        Terminal(session, doc.text, file, console).loop()
    except (KeyboardInterrupt, EOFError):
        console.print("\nStopped: nothing written" + (" except the decisions." if save_decisions else "."))
        keep_decisions()
        raise typer.Exit(INTERRUPTED)
    try:
        data = doc.to_bytes(session.text)
        if in_place or output:
            _write(data, output, in_place, doc)
        keep_decisions()
    except CleanupError as e:
        raise _fail(str(e)) from None
    undecided = len(session.run.undecided)
    # stale decisions of a resumed file are not counted: they were listed, and are not saved again
    console.print(f"{len(session.saved_decisions())} decision(s)"
                  + (f"; {undecided} undecided change(s) left at the --level {opts.level.value} default"
                     if undecided else "")
                  + (f"; wrote {safe(str(file if in_place else output))}." if in_place or output else "."))


def _report_resumed(saved, session: Session, path: Path, file: str, text: str) -> None:
    """What a resumed review starts from: the decisions that still apply, and those that do not."""
    if saved.file and saved.file != Path(file).name:
        warn(f"{path} was made for {saved.file}, not {file}")
    _warn_stale(session.run.stale, saved.decisions, file, text)
    err.print(f"{safe(file)}: {len(saved.decisions) - len(session.run.stale)} earlier decision(s) stand; "
              f"{len(session.run.undecided)} change(s) to review.")


def _warn_stale(stale, decisions, file: str, text: str) -> None:
    lines = LineIndex(text)
    for key in map(EditKey._make, stale):
        line, col = lines.position(min(key.start, len(text)))
        warn(f"{file}:{line}:{col}: {decisions[key].verdict.value} {key.rule} "
             f"{shown_change(key.original, key.replacement)}: no such change is proposed any more; "
             "decision not applied")


def save_decisions_file(path: Path, session: Session, file: str) -> None:
    save_decisions(path, session.saved_decisions(), file=Path(file).name, level=session.base.level)


def apply(
    file: str = typer.Argument(..., help="The text file the decisions were made on ('-': standard input).",
                               show_default=False),
    decisions: Path = typer.Option(..., "--decisions", "-d", metavar="F", show_default=False,
                                   help="A decisions file saved by 'cleanup review --save-decisions'."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    in_place: bool = typer.Option(False, "--in-place", "-i", help="Overwrite FILE, atomically."),
    rules: List[Path] = RulesOpt,
    level: Optional[LevelChoice] = typer.Option(None, "--level", "-l",
                                                help="What undecided changes do (default: the level saved in "
                                                     "the decisions file)."),
    accept: List[str] = AcceptOpt, reject: List[str] = RejectOpt,
    encoding: Optional[str] = EncodingOpt, max_bytes: int = MaxBytesOpt,
    grammar: Optional[bool] = GrammarOpt, languagetool: Optional[str] = LanguageToolOpt,
    lang: Optional[str] = LangOpt, languagetool_timeout: Optional[float] = LanguageToolTimeoutOpt,
    select: List[str] = SelectOpt, ignore: List[str] = IgnoreOpt,
    allow: List[str] = AllowOpt, allow_file: List[Path] = AllowFileOpt,
):
    """Replay a review: apply its decisions to FILE and write the result.

    Changes the decisions do not mention (new rules, a part left undecided)
    follow --level and --accept/--reject, and are listed on standard error.
    Exit 0: every decision applied; 1: some decision matched no proposed
    change any more (listed; the output is still written); 2: an error.
    """
    if in_place and output:
        raise _fail("give either --in-place or --output, not both")
    if in_place and file == "-":
        raise _fail("standard input cannot be changed in place; use --output")
    try:
        saved = load_decisions(decisions)
    except CleanupError as e:
        raise _fail(str(e)) from None
    opts = _options(level or LevelChoice(saved.level.value), rules=rules, accept=accept, reject=reject,
                    encoding=encoding, max_bytes=max_bytes, grammar=grammar, languagetool=languagetool,
                    lang=lang, languagetool_timeout=languagetool_timeout, select=select, ignore=ignore,
                    allow=allow, allow_files=allow_file)
    try:
        doc = read_document(file, encoding=opts.encoding, max_bytes=opts.max_bytes)
        run = replay(lambda policy: clean_document(doc, opts, policy), opts.policy(), saved.decisions)
        _write(doc.to_bytes(run.result.text), output, in_place, doc)
    except CleanupError as e:
        raise _fail(str(e)) from None
    lines = LineIndex(doc.text)
    if saved.file and saved.file != Path(file).name:
        warn(f"{decisions} was made for {saved.file}, not {file}")
    _warn_stale(run.stale, saved.decisions, file, doc.text)
    for edit in run.undecided:
        line, col = lines.position(edit.start)
        state = "applied" if edit.applied else "not applied"
        err.print(f"{safe(file)}:{line}:{col}: undecided ({state}): {edit.level.value} {safe(edit.rule)} "
                  + shown_change(edit.original, edit.replacement))
    err.print(f"{safe(file)}: {len(saved.decisions) - len(run.stale)} decision(s) applied, {len(run.stale)} stale, "
              f"{len(run.undecided)} undecided change(s) left at --level {opts.level.value}")
    raise typer.Exit(1 if run.stale else 0)


def register(app: typer.Typer) -> None:
    app.command("review")(review)
    app.command("apply")(apply)
