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
from pathlib import Path

from _measure import ROOT, Tally, clean_at_levels


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
    tally = Tally()
    for path in files:
        text = path.read_text(encoding="utf-8")
        tally.add(path.name, text, clean_at_levels(text), only)
    print(f"corpus: {len(files)} files, {tally.words:,} words ({args.corpus})")
    print("\n".join(tally.summary(per=10000)))
    if args.list:
        print("\n".join(sorted(set(tally.listing))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
