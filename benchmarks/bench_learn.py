"""Peak memory and speed of `cleanup learn` on a large JSONL corpus (issue 18).

    .venv/bin/python benchmarks/bench_learn.py              # 1 GB JSONL, -j 2
    .venv/bin/python benchmarks/bench_learn.py --mb 200 -j 1

The corpus is generated in a temporary folder: documents of random common
words (wordfreq's list) with made-up names (so the tables of lines and words
fill and must forget, as on a real corpus), a few garbled spellings of those
names, and site furniture on a share of the documents. The learner runs as
`cleanup learn` in its own process; the memory figure is sampled every 0.2 s:
the PSS of the main process and of the whole tree (main + workers; pages
they share counted once). docs/learn.md records a run.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import wordfreq

from _peak import run_sampling_memory  # noqa: E402  (benchmarks/ is on the path when run as a script)

SYLLABLES = ["ka", "ro", "mi", "len", "tas", "vo", "dri", "an", "sel", "mor", "qui", "bes", "tul", "har", "nev"]
AGENCIES = ["AFP", "Reuters", "EPA", "AP", "Kyodo"]


def write_corpus(path: Path, megabytes: int, seed: int = 18) -> int:
    """A JSONL corpus of about `megabytes` MB; returns the number of documents."""
    rng = random.Random(seed)
    words = wordfreq.top_n_list("en", 20_000)
    names = ["".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(3_000)]
    limit, written, docs = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as fh:
        while written < limit:
            text = _document(rng, words, names)
            line = json.dumps({"id": docs, "text": text}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            docs += 1
    return docs


def _sentence(rng, words, names) -> str:
    chosen = rng.sample(words, rng.randint(8, 18))
    name = rng.choice(names)
    if rng.random() < 0.05:  # a garbled spelling: one letter doubled
        i = rng.randrange(1, len(name))
        name = name[:i] + name[i] + name[i:]
    chosen.insert(rng.randrange(len(chosen)), name)
    return " ".join(chosen).capitalize() + "."


def _document(rng, words, names) -> str:
    headline = " ".join(rng.sample(words, 6)).capitalize()
    lines = [headline + (" - Harbour Voice" if rng.random() < 0.3 else "")]
    if rng.random() < 0.3:
        lines.append(f"Photo: {rng.choice(names)} {rng.choice(names)} / {rng.choice(AGENCIES)}")
    for _ in range(rng.randint(4, 9)):
        lines.append(" ".join(_sentence(rng, words, names) for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.3:
        lines.append("Read more: " + " ".join(rng.sample(words, 6)).capitalize())
    return "\n\n".join(lines)


def run_learn(corpus: Path, out: Path, jobs: int) -> dict:
    command = [sys.executable, "-m", "cleanup", "learn", str(corpus), "-o", str(out), "-j", str(jobs), "-q",
               "--format", "json"]
    seconds, tree, main, stdout = run_sampling_memory(command)
    report = json.loads(stdout)
    return {"seconds": round(seconds, 1), "peak_pss_tree_mb": round(tree), "peak_pss_main_mb": round(main), "documents": report["documents"],
            "proposed": [p["what"] for p in report["proposed"]][:10],
            "count_may_fall_short_by": report["count_may_fall_short_by"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=1000, help="corpus size in MB (default 1000: 1 GB)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        started = time.perf_counter()
        docs = write_corpus(corpus, args.mb)
        print(f"corpus: {corpus.stat().st_size / 1e6:,.0f} MB, {docs:,} documents "
              f"(written in {time.perf_counter() - started:,.0f} s)", flush=True)
        result = run_learn(corpus, Path(tmp) / "rules", args.jobs)
    result["mb_per_second"] = round(args.mb / result["seconds"], 2)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
