#!/usr/bin/env python3
"""Harper's findings, measured: false positives on clean prose, reach on real MT.

1. Harper with its own defaults (every default lint, spelling on) on each
   paragraph of the clean corpus (../shared/corpora/clean: edited
   Wikinews/Wikipedia prose, so nearly every lint is a false positive):
   lints per 10,000 words by rule and by lint kind. These figures say
   which rules cleanup/rules/harper.yaml turns off.
2. The whole pipeline with --grammar and the shipped configuration on the
   same corpus: the suggestions and flags Harper adds per 10,000 words
   (issue 16's acceptance: at most 5).
3. On ../shared/corpora/mt-dev (real MT with annotated artefacts): how many
   artefacts a Harper edit overlaps that no other stage's edit does, with
   the shipped configuration and with Harper's defaults.

Not a test: the corpora are not part of the project.

    .venv/bin/python scripts/evaluate_harper.py [--clean DIR] [--mt DIR] [--list]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from _measure import ROOT
from evaluate_mt import covering, load_annotations

from cleanup.api.runner import Options, clean_document
from cleanup.core.config import GrammarSettings
from cleanup.core.document import Document
from cleanup.stages.harper import Selection, engine
from cleanup.stages.languagetool import paragraphs

SHIPPED = Options(grammar=GrammarSettings(backend="harper", cache=False))
CORPORA = ROOT.parent / "shared" / "corpora"


def harper_defaults(text: str) -> list:
    """Harper's findings with its own default lints, paragraph by paragraph, at text offsets."""
    return [f._replace(start=f.start + s, end=f.end + s) for s, e in paragraphs(text)
            for f in engine().lint(text[s:e], "AMERICAN", Selection())]


def shipped_edits(text: str) -> list:
    return list(clean_document(Document.from_bytes(text.encode("utf-8"), "t"), SHIPPED).edits)


def per_10k(n: int, words: int) -> str:
    return f"{10_000 * n / max(1, words):7.2f}"


def table(counts: Counter, words: int, kinds: dict | None = None) -> list[str]:
    out = [f"  {n:5} {per_10k(n, words)}  {name}" + (f"  ({kinds[name]})" if kinds else "")
           for name, n in counts.most_common()]
    return out or ["  none"]


def clean_corpus(folder: Path, listing: bool) -> None:
    files = sorted(folder.glob("*.txt"))
    words, by_rule, by_kind, kinds, added, seen = 0, Counter(), Counter(), {}, Counter(), []
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        for f in harper_defaults(text):
            by_rule[f.rule] += 1
            by_kind[f.category] += 1
            kinds[f.rule] = f.category
        for e in shipped_edits(text):
            if e.family == "harper":
                added[e.rule] += 1
                seen.append(f"{path.name}:{e.start} {e.rule} {e.level.value}: {e.original!r} -> {e.replacement!r}")
    print(f"clean corpus: {len(files)} files, {words:,} words ({folder})\n")
    print(f"Harper's defaults: {sum(by_rule.values())} lints = {per_10k(sum(by_rule.values()), words).strip()} "
          "per 10,000 words\n  count per10k  lint kind")
    print("\n".join(table(by_kind, words)))
    print("  count per10k  rule (lint kind)")
    print("\n".join(table(by_rule, words, kinds)))
    n = sum(added.values())
    print(f"\nshipped configuration (whole pipeline, --grammar): Harper adds {n} suggestions or flags = "
          f"{per_10k(n, words).strip()} per 10,000 words")
    print("\n".join(table(added, words)))
    if listing:
        print("\n".join(seen))


def mt_reach(folder: Path) -> None:
    rows = load_annotations(folder)
    total, shipped_only, default_only = 0, Counter(), Counter()
    for row in rows:
        text = (folder / row["file"]).read_text(encoding="utf-8")
        edits = shipped_edits(text)
        others = [e for e in edits if e.family != "harper"]
        ours = [e for e in edits if e.family == "harper"]
        defaults = harper_defaults(text)
        for art in row["artefacts"]:
            total += 1
            if covering(others, text, art["text"]):
                continue
            for e in covering(ours, text, art["text"])[:1]:
                shipped_only[f"{art['category']} ({e.rule})"] += 1
            for f in covering(defaults, text, art["text"])[:1]:
                default_only[f"{art['category']} (harper.{f.rule})"] += 1
    print(f"\nmt-dev: {len(rows)} files, {total} artefacts ({folder})")
    print(f"artefacts only Harper covers, shipped configuration: {sum(shipped_only.values())}")
    print("\n".join(f"  {n:3}  {what}" for what, n in shipped_only.most_common()) or "  none")
    print(f"artefacts only Harper covers, Harper's defaults: {sum(default_only.values())}")
    print("\n".join(f"  {n:3}  {what}" for what, n in default_only.most_common()) or "  none")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", type=Path, default=CORPORA / "clean")
    ap.add_argument("--mt", type=Path, default=CORPORA / "mt-dev")
    ap.add_argument("--list", action="store_true", help="list every suggestion and flag of the shipped configuration")
    args = ap.parse_args()
    if not list(args.clean.glob("*.txt")) or not (args.mt / "artefacts.jsonl").is_file():
        print(f"need *.txt in {args.clean} and artefacts.jsonl in {args.mt}", file=sys.stderr)
        return 2
    clean_corpus(args.clean, args.list)
    mt_reach(args.mt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
