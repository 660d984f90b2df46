#!/usr/bin/env python3
"""Reach on real machine translation: how many annotated artefacts the tool reports.

DIR holds real MT output (`*.txt`), the human reference of each
(`reference/<stem>.ref.txt`) and `artefacts.jsonl` (one line per file:
`{"file", "artefacts": [{"text", "category", "note", "correct"}]}`, each
`text` an exact substring of the file). Prints, per category, how many
artefacts some reported edit of any level overlaps (at --level fix, where
suggestions and flags are reported but not applied), then the changed words
per 1,000 on the references at --level fix and --level suggest and their
flags per 1,000 words (the references are human translations: what changes
there is mostly a false positive). Not a test: the set is not part of the
project.

    .venv/bin/python scripts/evaluate_mt.py DIR [--misses] [--category NAME] [--list]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from _measure import Tally, clean_at_levels

from cleanup import Level


# The rule families whose only job is removing site furniture (boilerplate
# lines, credits, site-name tails, page metadata); the issue counts their
# removals from the references as no fault.
SITE_FURNITURE = {"boilerplate", "credits", "site-tails", "metadata"}


def occurrences(text: str, needle: str):
    """Every (start, end) where `needle` occurs in `text`, overlapping ones too."""
    i = text.find(needle)
    while i >= 0:
        yield i, i + len(needle)
        i = text.find(needle, i + 1)


def overlaps(edit, start: int, end: int) -> bool:
    """An edit touches the span; an insertion counts at either edge (`arts.|Richard`)."""
    if edit.start == edit.end:
        return start <= edit.start <= end
    return edit.start < end and edit.end > start


def covering(edits, text: str, needle: str) -> list:
    """The edits that overlap some occurrence of `needle` (an artefact may occur more than once)."""
    spans = list(occurrences(text, needle))
    return [e for e in edits if any(overlaps(e, s, t) for s, t in spans)]


def load_annotations(folder: Path) -> list[dict]:
    path = folder / "artefacts.jsonl"
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            row["file"], row["artefacts"]  # noqa: B018 (both fields are required)
        except (ValueError, KeyError) as err:
            raise SystemExit(f"{path}:{n}: not an annotation line ({err})") from None
        rows.append(row)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--misses", action="store_true", help="list every artefact no edit overlaps")
    ap.add_argument("--category", help="only this category (and the reference figures)")
    ap.add_argument("--list", action="store_true", help="list every change and flag on the references")
    args = ap.parse_args()
    if not (args.dir / "artefacts.jsonl").is_file():
        print(f"{args.dir}: no artefacts.jsonl", file=sys.stderr)
        return 2
    annotations = load_annotations(args.dir)
    total, covered = Counter(), Counter()
    misses = []
    ref_tally = Tally()
    for row in annotations:
        path = args.dir / row["file"]
        text = path.read_text(encoding="utf-8")
        edits = clean_at_levels(text)[Level.FIX].edits
        for art in row["artefacts"]:
            cat = art["category"]
            if args.category and cat != args.category:
                continue
            if art["text"] not in text:
                print(f"{row['file']}: artefact text not in the file: {art['text']!r}", file=sys.stderr)
            total[cat] += 1
            hits = covering(edits, text, art["text"])
            if hits:
                covered[cat] += 1
            else:
                misses.append(f"{cat:20} {row['file']}: {art['text'][:70]!r}  ({art.get('note', '')[:60]})")
        ref = args.dir / "reference" / f"{path.stem}.ref.txt"
        if ref.is_file():
            ref_text = ref.read_text(encoding="utf-8")
            ref_tally.add(ref.name, ref_text, clean_at_levels(ref_text))
    print(f"{'category':20} {'covered':>7} {'of':>4} {'share':>6}")
    for cat, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{cat:20} {covered[cat]:7} {n:4} {100 * covered[cat] / n:5.0f}%")
    n, c = sum(total.values()), sum(covered.values())
    print(f"{'all':20} {c:7} {n:4} {100 * c / max(1, n):5.0f}%")
    print(f"\nreferences: {len(annotations)} files, {ref_tally.words:,} words")
    print("\n".join(ref_tally.summary(per=1000)))
    suggest = ref_tally.changed[Level.SUGGEST]
    kept = sum(n for family, n in suggest.items() if family not in SITE_FURNITURE)
    print(f"--level suggest, site furniture aside: {kept} changed words = {ref_tally.rate(kept, 1000):.2f} per 1,000"
          f"  (the references keep some site names and credits: removing them is no fault)")
    flags = sum(ref_tally.flags.values())
    print(f"flag edits     : {flags} = {ref_tally.rate(flags, 1000):.2f} per 1,000")
    if args.misses:
        print("\nnot covered:")
        print("\n".join(misses) or "  none")
    if args.list:
        print("\nreferences:")
        print("\n".join(sorted(set(ref_tally.listing))))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `| head`: the reader has seen enough
        sys.stderr.close()
        sys.exit(0)
