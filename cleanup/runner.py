"""What every command does before rendering: options -> pipeline -> Result."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import get_pipeline
from .decisions import Policy
from .document import DEFAULT_MAX_BYTES, Document
from .edits import Level
from .files import read_document
from .result import Result


@dataclass(frozen=True)
class Options:
    rules: tuple[str, ...] = ()
    level: Level = Level.FIX
    accept: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    language: str = "en-US"
    grammar: object = None  # a GrammarSettings when --grammar is on

    def policy(self, **decisions) -> Policy:
        return Policy(level=self.level, accept_rules=self.accept, reject_rules=self.reject, **decisions)

    def pipeline(self):
        return get_pipeline(self.rules, frozenset(self.disabled), grammar=self.grammar)


def clean_document(doc: Document, opts: Options, policy: Policy | None = None) -> Result:
    return opts.pipeline().run(doc.text, policy or opts.policy(), language=opts.language)


def clean_file(name: str, opts: Options, policy: Policy | None = None) -> tuple[Document, Result]:
    doc = read_document(name, encoding=opts.encoding, max_bytes=opts.max_bytes)
    return doc, clean_document(doc, opts, policy)


@dataclass
class Tally:
    """Exit-code bookkeeping across files (see docs/cli.md for the codes)."""

    errors: int = 0
    pending: int = 0
    grammar_skipped: bool = False
    messages: list[str] = field(default_factory=list)

    def note(self, result: Result) -> None:
        if result.changed:
            self.pending += 1
        for p in result.problems:
            if p.kind == "grammar-skipped":
                self.grammar_skipped = True
            else:
                self.errors += 1
