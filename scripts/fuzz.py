#!/usr/bin/env python3
"""Fuzz the command line harder than CI does: tests/test_fuzz.py with many examples.

    .venv/bin/python scripts/fuzz.py                      # 500 examples per target, a random seed
    .venv/bin/python scripts/fuzz.py --examples 5000 --seed 17 -k documents

CI runs the same tests with a handful of derandomized examples. A failure prints the
falsifying example and the seed; re-run with that --seed to reproduce it.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=500, help="examples per fuzz target (default 500)")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: a random one, printed)")
    parser.add_argument("-k", default=None, help="only the targets matching this pytest -k expression")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    print(f"fuzz: {args.examples} examples per target, seed {seed}", flush=True)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_fuzz.py"),
               f"--hypothesis-seed={seed}"] + (["-k", args.k] if args.k else [])
    env = {**os.environ, "CLEANUP_FUZZ_EXAMPLES": str(args.examples)}
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
