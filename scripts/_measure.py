"""What the evaluation scripts count, in one place.

`evaluate_corpus.py` (clean prose: every change is a false positive) and
`evaluate_mt.py` (real machine translation and its human references) both
run the library in process at --level fix and --level suggest and count
changed and flagged words the same way, so their figures compare.
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cleanup import Level, Result, clean  # noqa: E402
from cleanup.render.records import LineIndex  # noqa: E402

LEVELS = (Level.FIX, Level.SUGGEST)


def words_in(s: str) -> int:
    """Words an edit touches: at least one, even for an insertion."""
    return max(1, len(s.split()))


def words_changed(original: str, replacement: str | None) -> int:
    """Words an applied edit changes: none when one space stands for another
    (a no-break space made plain leaves every word as it was)."""
    replacement = replacement or ""
    if original and replacement and not original.strip() and not replacement.strip():
        return 0
    return words_in(original or replacement)


def clean_at_levels(text: str) -> dict[Level, Result]:
    return {level: clean(text, level=level) for level in LEVELS}


@dataclass
class Tally:
    """Changed words per level and flagged words (and flags), per rule family."""

    words: int = 0
    changed: dict = field(default_factory=lambda: {level: Counter() for level in LEVELS})
    flagged: Counter = field(default_factory=Counter)   # flagged words
    flags: Counter = field(default_factory=Counter)     # flag edits
    listing: list = field(default_factory=list)

    def add(self, name: str, text: str, results: dict[Level, Result], only: set | None = None) -> None:
        """Count one document's results (from `clean_at_levels`)."""
        self.words += len(text.split())
        lines = LineIndex(text)
        for level, result in results.items():
            for e in result.edits:
                if only and e.family not in only:
                    continue
                line, col = lines.position(e.start)
                where = f"{name}:{line}:{col}"
                if e.applied:
                    self.changed[level][e.family] += words_changed(e.original, e.replacement)
                    if level is Level.SUGGEST or e.level is Level.FIX:
                        self.listing.append(f"{level.value:7} {where} {e.rule}: {e.original!r} -> {e.replacement!r}")
                elif e.level is Level.FLAG and level is Level.FIX:
                    self.flagged[e.family] += words_in(e.original)
                    self.flags[e.family] += 1
                    self.listing.append(f"flag    {where} {e.rule}: {e.original!r}")

    def rate(self, n: int, per: int) -> float:
        return per * n / max(1, self.words)

    def summary(self, per: int) -> list[str]:
        """The changed-word and flag lines both scripts print."""
        out = []
        for level in LEVELS:
            n = sum(self.changed[level].values())
            fams = ", ".join(f"{f} {c}" for f, c in self.changed[level].most_common() if c) or "none"
            out.append(f"--level {level.value:7}: {n} changed words = {self.rate(n, per):.2f} per {per:,}  ({fams})")
        n = sum(self.flagged.values())
        fams = ", ".join(f"{f} {c}" for f, c in self.flagged.most_common()) or "none"
        out.append(f"flags          : {n} flagged words = {self.rate(n, per):.2f} per {per:,}  ({fams})")
        return out
