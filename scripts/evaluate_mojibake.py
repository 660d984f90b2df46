#!/usr/bin/env python3
"""Does the unicode stage keep ftfy's behaviour? Run it over ftfy's own test cases.

Reads ../shared/corpora/mojibake/*.json (ftfy's tests/test-cases, copied
byte for byte; not part of this project). For every case, compares what the
unicode rules make of `original` with ftfy's expected `fixed`, after giving
the expectation the two differences cleanup makes on purpose: quotes stay
curly (uncurl_quotes is off) and no-break or odd spaces become plain spaces
(cleanup/rules/unicode.yaml). Prints counts per file and every case that differs.

    .venv/bin/python scripts/evaluate_mojibake.py [--corpus DIR]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402

from cleanup.rulebook.loading import load_rulebook  # noqa: E402
from cleanup.stages import build_pipeline  # noqa: E402
from cleanup.stages.unicode import FTFY_DEFAULTS, NORMALIZERS  # noqa: E402

_OUR_FTFY = ftfy.TextFixerConfig(**{**FTFY_DEFAULTS, "explain": False})


def expected_for_us(case: dict) -> str:
    """ftfy's answer with our settings: curly quotes kept, then our normalisers."""
    text = ftfy.fix_text(case["original"], _OUR_FTFY)
    for pattern, replacement in NORMALIZERS.values():
        text = pattern.sub(replacement, text)
    return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "mojibake")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.glob("*.json"))
    if not files:
        print(f"no .json files in {args.corpus}", file=sys.stderr)
        return 2
    pipeline = build_pipeline(load_rulebook(), kinds={"unicode"})
    total = same = 0
    for path in files:
        cases = json.loads(path.read_text(encoding="utf-8"))
        ok = 0
        for case in cases:
            got = pipeline.run(case["original"]).text
            want = expected_for_us(case)
            if got == want:
                ok += 1
            else:
                print(f"  differs: {path.name}: {case['label']}\n    got  {got!r}\n    want {want!r}")
        print(f"{path.name:22} {ok}/{len(cases)} as ftfy with cleanup's settings")
        total += len(cases)
        same += ok
    print(f"all: {same}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
