"""What every command does before rendering: options -> pipeline -> Result."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, replace

from .. import get_pipeline
from ..core.allowlist import quiet_regions
from ..core.document import DEFAULT_MAX_BYTES, Document
from ..core.edits import Level
from ..core.errors import CleanupError
from ..core.files import read_document
from ..core.policy import Policy
from ..core.result import Result


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
    jobs: int = 1                   # worker processes for several files (fix, diff, check)
    select: tuple[str, ...] = ()    # rule globs to show (empty: all)
    ignore: tuple[str, ...] = ()    # rule globs never shown nor applied
    min_level: Level = Level.FLAG   # show edits at least this sure
    allowed_words: frozenset = frozenset()

    def policy(self, **decisions) -> Policy:
        return Policy(level=self.level, accept_rules=self.accept, reject_rules=self.reject, select=self.select,
                      ignore=self.ignore, min_level=self.min_level, allowed_words=self.allowed_words, **decisions)

    def pipeline(self):
        return get_pipeline(self.rules, frozenset(self.disabled), grammar=self.grammar, language=self.language)


def clean_document(doc: Document, opts: Options, policy: Policy | None = None) -> Result:
    policy = policy or opts.policy()
    quiet = quiet_regions(doc.text)
    if quiet:  # passages marked `cleanup: off` in this text
        policy = replace(policy, quiet=quiet)
    return policy.screen(opts.pipeline().run(doc.text, policy, language=opts.language))


def clean_file(name: str, opts: Options, policy: Policy | None = None) -> tuple[Document, Result]:
    if _is_empty_file(name):  # nothing to do, as for ruff or codespell: not an error
        return Document("", name), Result("", "", ())
    doc = read_document(name, encoding=opts.encoding, max_bytes=opts.max_bytes)
    return doc, clean_document(doc, opts, policy)


def clean_file_or_error(name: str, opts: Options) -> tuple[Document, Result] | str:
    """clean_file, or the message of the CleanupError it raised (what a worker process sends back)."""
    try:
        return clean_file(name, opts)
    except CleanupError as e:
        return str(e)


def _is_empty_file(name: str) -> bool:
    """A regular file of no bytes. (Devices, pipes and /proc files say 0 too: only reading tells.)"""
    if name == "-":
        return False
    try:
        st = os.stat(name)
        if not stat.S_ISREG(st.st_mode) or st.st_size:
            return False
        with open(name, "rb") as fh:
            return fh.read(1) == b""
    except OSError:
        return False  # read_document says what is wrong


@dataclass
class Tally:
    """Exit-code bookkeeping across files (see docs/cli.md for the codes)."""

    errors: int = 0
    pending: int = 0
    grammar_skipped: bool = False

    def note(self, result: Result) -> None:
        if result.changed:
            self.pending += 1
        for p in result.problems:
            if p.kind == "grammar-skipped":
                self.grammar_skipped = True
            else:
                self.errors += 1
