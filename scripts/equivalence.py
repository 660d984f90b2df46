#!/usr/bin/env python3
"""Did a change alter what the pipeline does? For speed work, which must not.

Runs the whole default pipeline, at `fix` and at `suggest` level, over a
varied set of texts, and records the output and every edit record:

- benchmark documents (shuffled sample paragraphs, two seeds, 2 MB);
- samples/, the seed documents, the clean corpus and mt-dev (with its references) in ../shared/;
- the inputs of ftfy's mojibake cases in ../shared/corpora/mojibake/;
- every rule file example, alone and doubled;
- 300 documents of lines shuffled across all of these (unusual neighbours).

    git worktree add /tmp/before HEAD            # the code before the change
    scripts/equivalence.py dump before.json --code /tmp/before
    scripts/equivalence.py check before.json     # this checkout: exit 1 and the first differences if any

With --big, only big texts instead, as `cleanup fix` reads a big file whole:
3 MB of benchmark documents as ONE document, the same as ONE line without
a newline, and the clean corpus as one document (paths that only texts of
megabytes take: chunked views, searches in stretches of a long text).

The texts (rule examples included) always come from this checkout, so both
runs see the same list. Not a test: it reads ../shared, which the project
must not depend on.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))


def texts() -> list[str]:
    from corpus import build_corpus

    out = build_corpus(1.5, 7) + build_corpus(0.5, 11)
    files = [*sorted((ROOT / "samples").glob("*.txt")), *sorted((SHARED / "seeds").glob("*.txt")),
             *sorted((SHARED / "corpora" / "clean").glob("*.txt")),
             *sorted((SHARED / "corpora" / "mt-dev").glob("*.txt")),
             *sorted((SHARED / "corpora" / "mt-dev" / "reference").glob("*.txt"))]
    out += [p.read_text(encoding="utf-8", errors="replace") for p in files]
    for path in sorted((SHARED / "corpora" / "mojibake").glob("*.json")):
        out += [case["original"] for case in json.loads(path.read_text(encoding="utf-8"))
                if isinstance(case, dict) and "original" in case]
    for path in sorted((ROOT / "cleanup" / "rules").glob("*.yaml")):
        for example in yaml.safe_load(path.read_text(encoding="utf-8")).get("examples") or []:
            for field in ("before", "unchanged"):
                if isinstance(example.get(field), str):
                    out += [example[field], f"{example[field]}\n\n{example[field]}\n"]
    lines = [line for text in out[:200] for line in text.split("\n")]
    rnd = random.Random(3)
    out += ["\n".join(rnd.sample(lines, 12)) for _ in range(300)]
    return out


def big_texts() -> list[str]:
    from corpus import build_corpus

    docs = build_corpus(3, 5)
    clean = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted((SHARED / "corpora" / "clean").glob("*.txt"))]
    return ["\n".join(docs), " ".join(p for d in docs for p in d.split("\n") if p.strip()), "\n\n".join(clean)]


def outcomes(code: Path, big: bool = False) -> list[dict]:
    sys.path.insert(0, str(code))  # the cleanup package to run: nothing imports it before this
    from cleanup import Level, Policy, get_pipeline  # (the public API: the same before and after a redesign)
    from cleanup.render.records import records

    pipeline, inputs = get_pipeline(), big_texts() if big else texts()
    return [{"text": r.text, "records": records(r), "problems": [str(p) for p in r.problems]}
            for policy in (Policy(), Policy(level=Level.SUGGEST))
            for r in (pipeline.run(t, policy) for t in inputs)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["dump", "check"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose cleanup package runs (default: this one)")
    ap.add_argument("--big", action="store_true", help="only the big texts (megabytes each, as one document)")
    args = ap.parse_args()
    now = outcomes(args.code.resolve(), args.big)
    if args.mode == "dump":
        args.file.write_text(json.dumps(now), encoding="utf-8")
        print(f"{len(now)} outcomes written to {args.file}")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    differ = [i for i, (a, b) in enumerate(zip(before, now)) if a != b]
    print(f"{len(now)} outcomes, {len(differ)} differ" +
          ("" if len(before) == len(now) else f" (and {len(before)} before: were the rule examples changed?)"))
    for i in differ[:5]:
        a, b = ({json.dumps(r, sort_keys=True, ensure_ascii=False) for r in x["records"]} for x in (before[i], now[i]))
        print(f"#{i}: {'output differs' if before[i]['text'] != now[i]['text'] else 'output alike'}")
        for line in sorted(a - b)[:3]:
            print("  before only:", line[:300])
        for line in sorted(b - a)[:3]:
            print("  now only:   ", line[:300])
    return 1 if differ or len(before) != len(now) else 0


if __name__ == "__main__":
    sys.exit(main())
