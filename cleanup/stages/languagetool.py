"""Grammar from LanguageTool: the cleaned text, paragraph by paragraph.

The text is cut into paragraphs (at blank lines; a paragraph over the
request limit is cut further at line breaks, then sentence ends, then
spaces). Each paragraph's answer is cached on disk, keyed by its text, the
language, the server and the rules asked for, so re-running a review asks
again only about paragraphs that changed. Paragraphs not in the cache go in
batches of at most MAX_REQUEST_BYTES, and every match is mapped back to its
paragraph, then to the text: the pipeline maps it on to the original.

A match with one replacement is a suggestion (a fix when its rule is
promoted), one with none or several a flag. When LanguageTool is
unavailable the stage proposes nothing and reports one "grammar-skipped"
problem; every other stage has run as usual.
"""
from __future__ import annotations

import hashlib
import json
import os
from bisect import bisect_right
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal, NamedTuple

import regex

from ..core.edits import Level, Proposal
from ..core.errors import CleanupError
from ..core.files import write_atomic
from ..core.result import Problem

MAX_REQUEST_BYTES = 20_000  # the public API's limit per request; small requests suit every server
SEPARATOR = "\n\n"          # between the paragraphs of one request: LanguageTool's paragraph break
CACHE_FORMAT = 1            # bump when what is stored changes
_GLOB = regex.compile(r"[*?\[]")


@dataclass(frozen=True)
class RuleSettings:
    match: str                                         # a LanguageTool rule or category id, or a glob of them
    action: Literal["promote", "disable"] = "disable"  # promote: one-replacement matches become fixes


SETTINGS = RuleSettings


class Match(NamedTuple):
    """One finding of a grammar backend (LanguageTool's match, Harper's lint), spanning text[start:end]
    of the text that was checked."""

    start: int
    end: int
    rule: str
    category: str
    message: str
    replacements: tuple[str, ...]

    @classmethod
    def checked(cls, row, length: int) -> Match | None:
        """A finding from a stored or received row, or None when its fields or span make no sense
        for a text of `length` characters (a poisoned cache entry, a broken server)."""
        if not isinstance(row, (list, tuple)) or len(row) != 6 or not isinstance(row[5], (list, tuple)):
            return None
        start, end, *words = row[:5]
        if not (all(type(x) is int for x in (start, end)) and all(isinstance(x, str) for x in words)
                and all(isinstance(r, str) for r in row[5]) and 0 <= start <= end <= length):
            return None
        return cls(start, end, *words, tuple(row[5]))




class TooMuchText(Exception):
    """More text to check than a backend can in reasonable time; args = (bytes to check,)."""


def build(settings, env) -> list:
    return [LanguageToolStage(settings, Selection.of(settings, env.rules("languagetool")))]


@dataclass(frozen=True)
class Selection:
    """Which LanguageTool rules to ask for, and which of their matches become fixes."""

    promote: tuple[str, ...] = ()              # globs on rule ids
    drop: tuple[str, ...] = ()                 # globs on rule or category ids, applied to the answers
    disabled_rules: tuple[str, ...] = ()       # sent with every request: never asked for
    disabled_categories: tuple[str, ...] = ()

    @classmethod
    def of(cls, settings, rules) -> Selection:
        """From the config (rule ids, categories) and `languagetool` rule files (`match` globs).

        A rule file's literal `match` is sent both as a rule and as a category
        to disable (LanguageTool ignores ids it does not know); a glob can
        only be applied to the answers.
        """
        promote = [*settings.promote, *(r.settings.match for r in rules if r.settings.action == "promote")]
        drop = [r.settings.match for r in rules if r.settings.action == "disable"]
        literal = sorted({m for m in drop if not _GLOB.search(m)})
        return cls(tuple(promote), tuple(drop + [*settings.disable, *settings.disable_categories]),
                   tuple(sorted({*settings.disable, *literal})),
                   tuple(sorted({*settings.disable_categories, *literal})))

    def dropped(self, found) -> bool:
        return any(fnmatchcase(found.rule, g) or fnmatchcase(found.category, g) for g in self.drop)

    def promoted(self, rule: str) -> bool:
        return any(fnmatchcase(rule, g) for g in self.promote)


class LanguageToolStage:
    name = "languagetool"

    def __init__(self, settings, selection: Selection):
        self.settings, self.selection = settings, selection

    def propose(self, text, ctx):
        from .ltclient import Request, Unavailable, client_for  # imports the client only when grammar is on

        s = self.settings
        request = Request(s.server, s.language, s.timeout, self.selection.disabled_rules,
                          self.selection.disabled_categories)
        client = client_for(request)
        dropped = client.dropped
        try:
            found = check_paragraphs(text, client.check, AnswerCache.for_request(request) if s.cache else None)
        except Unavailable as e:
            ctx.problems.append(Problem("grammar-skipped", str(e), "languagetool"))
            return []
        if client.dropped > dropped:
            ctx.problems.append(Problem("grammar-skipped", dropped_matches(client.dropped - dropped, s.server),
                                        "languagetool"))
        return [self._proposal(f) for f in found if not self.selection.dropped(f)]

    def _proposal(self, f) -> Proposal:
        return proposal(f, "languagetool", self.selection.promoted(f.rule))


def dropped_matches(n: int, server: str) -> str:
    return (f"grammar checks incomplete: LanguageTool ({server}) sent {n} match(es) with fields missing or "
            "of the wrong type, or outside the text checked; they were dropped, the others are reported.")


def proposal(f: Match, family: str, promoted: bool) -> Proposal:
    """One replacement: a suggestion (a fix when promoted); none or several: a flag that lists them."""
    rule = f"{family}.{f.rule}"
    if len(f.replacements) == 1:
        return Proposal(f.start, f.end, f.replacements[0], rule, f.message, Level.FIX if promoted else Level.SUGGEST)
    if f.replacements:
        shown = ", ".join(f"“{r}”" for r in f.replacements[:5])
        return Proposal(f.start, f.end, None, rule, f"{f.message} Suggestions: {shown}.", Level.FLAG)
    return Proposal(f.start, f.end, None, rule, f.message, Level.FLAG)


def check_paragraphs(text: str, check, cache=None, limit: int = MAX_REQUEST_BYTES, *,
                     together: bool = True, budget: int | None = None) -> list:
    """Every match in `text`, from `check(request_text)` per batch of uncached paragraphs
    (per paragraph when not `together`). Raises TooMuchText, before checking anything,
    when the uncached paragraphs hold more than `budget` bytes."""
    spans = paragraphs(text, limit)
    answers = {span: cache.get(text[span[0]:span[1]]) if cache else None for span in spans}
    todo = [sp for sp in spans if answers[sp] is None]
    if budget is not None and (size := sum(_size(text[s:e]) for s, e in todo)) > budget:
        raise TooMuchText(size)
    for batch in _batches(todo, text, limit) if together else ([sp] for sp in todo):
        pieces = [text[s:e] for s, e in batch]
        starts = [0]
        for piece in pieces[:-1]:
            starts.append(starts[-1] + len(piece) + len(SEPARATOR))
        per_paragraph = [[] for _ in batch]
        for f in check(SEPARATOR.join(pieces)):
            i = bisect_right(starts, f.start) - 1
            if f.end <= starts[i] + len(pieces[i]):  # a match across two paragraphs speaks of neither
                per_paragraph[i].append(f._replace(start=f.start - starts[i], end=f.end - starts[i]))
        for span, piece, found in zip(batch, pieces, per_paragraph):
            answers[span] = found
            if cache:
                cache.put(piece, found)
    return [f._replace(start=f.start + s, end=f.end + s) for s, e in spans for f in answers[(s, e)]]


# -- paragraphs and batches --------------------------------------------------

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t]*\n\s*")
_CUTS = ("\n", ". ", " ")  # where to cut a paragraph that is too long, best first


def paragraphs(text: str, limit: int = MAX_REQUEST_BYTES) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of `text`, none over `limit` UTF-8 bytes."""
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_fit(text, start, m.start(), limit))
        start = m.end()
    spans.extend(_fit(text, start, len(text), limit))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _fit(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    out = []
    while _size(text[start:end]) > limit:
        stop, size = start, 0  # the longest prefix within the limit
        while size + _size(text[stop]) <= limit:
            size += _size(text[stop])
            stop += 1
        cut = next((i + len(c) for c in _CUTS if (i := text.rfind(c, start, stop)) >= start), stop)
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def _batches(spans, text: str, limit: int):
    batch, size = [], 0
    for s, e in spans:
        n = _size(text[s:e])
        if batch and size + len(SEPARATOR) + n > limit:
            yield batch
            batch, size = [], 0
        size += n + (len(SEPARATOR) if batch else 0)
        batch.append((s, e))
    if batch:
        yield batch


def _size(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


# -- the cache ---------------------------------------------------------------

def cache_folder() -> Path:
    """$CLEANUP_CACHE_DIR, else $XDG_CACHE_HOME/cleanup, else ~/.cache/cleanup."""
    if os.environ.get("CLEANUP_CACHE_DIR"):
        return Path(os.environ["CLEANUP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cleanup"


class AnswerCache:
    """LanguageTool's answer per paragraph, one small JSON file each. Best effort: a
    file that cannot be read is a miss, one that cannot be written is skipped."""

    def __init__(self, folder: Path, asked: list):
        self.folder, self.asked = folder, asked

    @classmethod
    def for_request(cls, request) -> AnswerCache:
        asked = [CACHE_FORMAT, request.server, request.language,
                 sorted(request.disabled_rules), sorted(request.disabled_categories)]
        return cls(cache_folder() / "languagetool", asked)

    def _path(self, paragraph: str) -> Path:
        key = hashlib.sha256(json.dumps([*self.asked, paragraph]).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / key[:2] / f"{key}.json"

    def get(self, paragraph: str):
        """The stored answer, or None: a miss, also when the file is unreadable or not a valid answer."""
        try:
            rows = json.loads(self._path(paragraph).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        found = [Match.checked(row, len(paragraph)) for row in rows] if isinstance(rows, list) else [None]
        return None if None in found else found

    def put(self, paragraph: str, found) -> None:
        path = self._path(paragraph)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps([list(f) for f in found], ensure_ascii=False).encode("utf-8"))
        except (OSError, CleanupError):
            pass
