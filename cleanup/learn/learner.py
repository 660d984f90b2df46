"""A learn run: pass 1 (count), candidates, pass 2 (evidence), drafts, rule files."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import regex

from ..batch.progress import Silent
from ..batch.run import FailedDocument
from ..core.errors import CleanupError
from ..rulebook.loading import load_rulebook
from ..stages.registry import lexicon_of
from .candidates import candidates
from .corpus import map_documents, sources_of
from .counts import Counts
from .draft import Draft
from .evidence import Evidence
from .furniture import line_draft, tail_draft
from .glued import glued_words
from .namerules import glued_draft, name_draft
from .names import cluster_for, name_clusters
from .observe import observe
from .rulefiles import build, file_id
from .settings import LearnSettings
from .verify import Targets, find


@dataclass
class Outcome:
    documents: int
    needed: int                  # documents a proposal needed
    failed: int
    failures: list               # FailedDocument, the first few
    forgotten: int               # how far a count may fall short (bounded memory)
    drafts: list[Draft] = field(default_factory=list)
    files: dict = field(default_factory=dict)   # file name -> YAML text

    @property
    def proposed(self) -> list[Draft]:
        return [d for d in self.drafts if not d.dropped]


def learn(inputs: list[str], settings: LearnSettings, progress=lambda step: Silent()) -> Outcome:
    # the shipped rules, loaded once before a long run (not after it, when a broken file would waste it)
    book = load_rulebook()
    sources = sources_of(inputs, settings)
    if not sources:
        raise CleanupError("no documents in the inputs (folders are searched for "
                           f"{settings.glob or ('*.jsonl' if settings.jsonl else '*.txt')})")
    counts = Counts(settings.capacity)
    for item, seen, error in map_documents(observe, None, sources, settings, progress(1)):
        if error:
            counts.fail(FailedDocument(str(sources[item.source].path), item.line or None, error))
        else:
            counts.add((item.source, item.line), seen)
    if not counts.documents:
        raise CleanupError("no document could be read; the first reason: " + counts.failures[0].reason)
    needed = settings.needed(counts.documents)
    lexicon = lexicon_of(book)
    lines = candidates(counts, needed)
    clusters = name_clusters(counts, needed, lexicon)
    names = {w for w, _ in counts.words.at_least(needed)}
    glued = glued_words(counts, needed, names, lexicon)
    pairs = frozenset((v, c.short) for c in clusters for v, *_ in c.variants)
    words = {w for pair in pairs for w in pair} | {c.short for c in clusters} | {g.token for g in glued}
    targets = Targets(frozenset(c.text for c in lines if c.kind == "line"),
                      frozenset(c.text for c in lines if c.kind == "head"),
                      frozenset(c.text for c in lines if c.kind == "tail"), frozenset(words))
    ev = Evidence(pairs=pairs)
    for item, found, error in map_documents(find, targets, sources, settings, progress(2)):
        if not error:
            ev.add(str(sources[item.source].path), item.line, found)

    drafts = [tail_draft(c, ev.of(c.key), counts.documents, needed) if c.kind == "tail" else
              line_draft(c, ev.of(c.key), counts.documents, needed, targets.finder) for c in lines]
    _drop_covered(drafts)
    drafts += _name_drafts(clusters, glued, counts, lexicon, ev)
    drafts += [glued_draft(g, ev, counts.documents) for g in glued if not g.name]
    header = (f"# Proposed by `cleanup learn` from {counts.documents:,} documents on "
              f"{datetime.now(timezone.utc):%Y-%m-%d}.\n# Review every rule before use: its note "
              "says what it was learned from.\n")
    files = {f"{file_id(family)}.yaml": text for family, text in build(drafts, header, book).items()}
    return Outcome(counts.documents, needed, counts.failed, counts.failures, counts.forgotten, drafts, files)


def _drop_covered(drafts: list[Draft]) -> None:
    """A whole line that a frame's pattern already matches goes with the frame."""
    frames = [d for d in drafts if d.evidence.get("kind") == "head" and not d.dropped]
    for d in drafts:
        if d.evidence.get("kind") != "line" or d.dropped:
            continue
        for frame in frames:
            if any(regex.fullmatch(frame.rule["pattern"], line) for line in d.evidence["lines"]):
                d.dropped = f"a line of the '{frame.evidence['key']} …' family, which its frame covers"
                break


def _name_drafts(clusters, glued, counts, lexicon, ev) -> list[Draft]:
    by_name = {c.short: c for c in clusters}
    extra: dict = {}
    for g in glued:
        if g.name:
            extra.setdefault(g.name, []).append(g)
            if g.name not in by_name:
                by_name[g.name] = cluster_for(g.name, counts, lexicon)
    return [name_draft(c, ev, counts.documents, extra.get(short, [])) for short, c in by_name.items()]
