#!/usr/bin/env python3
"""False positives on clean text: run the pipeline over ../shared/corpora/clean/.

The corpus is well-edited Wikinews/Wikipedia prose, so (almost) every change
the pipeline makes there is a false positive. Prints changed words per
10,000 at --level fix and --level suggest, flags per 10,000, per rule
family, and lists every change and flag so a person can judge them.
Not a test: the corpus is not part of the project.

    .venv/bin/python scripts/evaluate_corpus.py [--corpus DIR] [--families a,b] [--list]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup import Level, clean  # noqa: E402
from cleanup.render.records import LineIndex  # noqa: E402


def words_in(s: str) -> int:
    return max(1, len(s.split()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "clean")
    ap.add_argument("--families", help="only count these rule families (comma-separated)")
    ap.add_argument("--list", action="store_true", help="list every change and flag")
    args = ap.parse_args()
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 2
    only = set(args.families.split(",")) if args.families else None
    total_words = 0
    changed = {Level.FIX: Counter(), Level.SUGGEST: Counter()}
    flagged = Counter()
    listing = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        total_words += len(text.split())
        lines = LineIndex(text)
        for level in (Level.FIX, Level.SUGGEST):
            result = clean(text, level=level)
            for e in result.edits:
                if only and e.family not in only:
                    continue
                line, col = lines.position(e.start)
                where = f"{path.name}:{line}:{col}"
                if e.applied:
                    changed[level][e.family] += words_in(e.original or e.replacement or "")
                    if level is Level.SUGGEST or e.level is Level.FIX:
                        listing.append(f"{level.value:7} {where} {e.rule}: {e.original!r} -> {e.replacement!r}")
                elif e.level is Level.FLAG and level is Level.FIX:
                    flagged[e.family] += words_in(e.original)
                    listing.append(f"flag    {where} {e.rule}: {e.original!r}")
    per10k = lambda n: 10000 * n / total_words  # noqa: E731
    print(f"corpus: {len(files)} files, {total_words:,} words ({args.corpus})")
    for level in (Level.FIX, Level.SUGGEST):
        n = sum(changed[level].values())
        fams = ", ".join(f"{f} {c}" for f, c in changed[level].most_common()) or "none"
        print(f"--level {level.value:7}: {n} changed words = {per10k(n):.2f} per 10,000  ({fams})")
    n = sum(flagged.values())
    fams = ", ".join(f"{f} {c}" for f, c in flagged.most_common()) or "none"
    print(f"flags          : {n} flagged words = {per10k(n):.2f} per 10,000  ({fams})")
    if args.list:
        print("\n".join(sorted(set(listing))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
