"""A proposed rule before it is written: its fields, the texts for its examples, its evidence."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import regex

OVERWHELMING_DOCS = 20   # documents, and at least 5 times --min-docs ...
OVERWHELMING_EDGE = 0.95  # ... at an edge this often, never in article text: then a fix, not a suggestion
EXAMPLES_PER_RULE = 2    # before/after pairs written per rule...
UNCHANGED_PER_RULE = 2   # ...and unchanged sentences
CANDIDATE_EXAMPLES = 6   # texts tried for each (an example that fails with the shipped rules is replaced)


@dataclass
class Draft:
    family: str                 # the rule file it goes to: "boilerplate", "tails", "names", "glued"
    kind: str                   # the rule file's kind
    rule: dict                  # the rule's fields, as written
    before: list = field(default_factory=list)     # real texts the rule must change
    unchanged: list = field(default_factory=list)  # real sentences it must leave alone
    evidence: dict = field(default_factory=dict)   # for the report
    dropped: str = ""           # why it is not proposed
    changes: list = field(default_factory=list)    # before/after examples the rule alone bears out
    guards: list = field(default_factory=list)     # unchanged examples it leaves alone

    @property
    def examples(self) -> list:
        """What goes into the rule file: the first few of each."""
        return self.changes[:EXAMPLES_PER_RULE] + self.guards[:UNCHANGED_PER_RULE]

    @property
    def level(self) -> str:
        return self.rule.get("level", "fix")


def overwhelming(docs: int, needed: int, edge_share: float = 1.0, inside: int = 0) -> bool:
    return docs >= max(OVERWHELMING_DOCS, 5 * needed) and edge_share >= OVERWHELMING_EDGE and not inside


def share(docs: int, documents: int) -> str:
    return f"{docs:,} of {documents:,} documents ({100 * docs / max(documents, 1):.1f}%)"


def slug(text: str, taken: set) -> str:
    """A rule id (lowercase letters, digits, hyphens) for a text, unique among `taken`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = regex.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-") or "rule"
    if not base[0].isalpha():
        base = "r-" + base
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


def unique(texts, limit: int) -> list:
    out = []
    for t in texts:
        if t and t not in out:
            out.append(t)
        if len(out) == limit:
            break
    return out
