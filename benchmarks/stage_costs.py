"""Where the default pipeline's time goes, stage by stage, against ftfy.fix_text on the same documents.

    .venv/bin/python benchmarks/stage_costs.py [MB]        # default 2 MB of the seed-like corpus
    .venv/bin/python benchmarks/stage_costs.py MB --one  # the same text as ONE document (as `cleanup fix` sees a big file)
    .venv/bin/python benchmarks/stage_costs.py MB --clean  # clean prose (../shared/corpora/clean, as bench_speed.py cuts it)
    .venv/bin/python benchmarks/stage_costs.py MB --line   # ONE line without a newline (bench_speed.py's 50 MB line, smaller)
    .venv/bin/python benchmarks/stage_costs.py MB --clean --one  # clean prose as ONE document: text that does not repeat
    .venv/bin/python benchmarks/stage_costs.py MB --segments  # each non-empty line its own document (MT segments,
                                                              # headlines: what each stage costs per call, text aside)

CPU seconds per MB of input for each stage's propose(), the pipeline's own
bookkeeping, and the whole pipeline's speed as a ratio of ftfy.fix_text's
(measured in the same run). A tool for finding what to make faster; the
acceptance figures come from bench_speed.py.
"""
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus  # noqa: E402

import ftfy  # noqa: E402

from cleanup import Policy, get_pipeline  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    megabytes = float(args[0]) if args else 2.0
    docs = build_corpus(megabytes, 7)
    if "--clean" in sys.argv:
        from bench_speed import clean_prose_docs
        docs = clean_prose_docs(Path(__file__).resolve().parents[2] / "shared" / "corpora" / "clean", megabytes)
        docs = docs[:20] + docs
    if "--segments" in sys.argv:
        docs = [line for d in docs for line in d.split("\n") if line.strip()]
    if "--one" in sys.argv:
        docs = docs[:20] + ["\n".join(docs)]  # the first 20 only warm up (below)
    if "--line" in sys.argv:
        docs = docs[:20] + [" ".join(p for d in docs for p in d.split("\n") if p.strip())]
    pipe, policy = get_pipeline(), Policy()
    for d in docs[:20]:  # warm the per-word memos and caches
        pipe.run(d, policy)
    if "--one" in sys.argv or "--line" in sys.argv:
        docs = docs[20:]
    t = time.process_time()
    for d in docs:
        ftfy.fix_text(d)
    ftfy_seconds = time.process_time() - t
    calls = defaultdict(int)
    cost = defaultdict(float)
    later = defaultdict(float)  # the part of `cost` spent in a stage's later calls on a document (passes 2+)
    called = set()  # the stages called so far on the document being cleaned
    for stage in pipe.stages:
        stage.propose = _timed(stage.propose, f"{type(stage).__module__.split('.')[-1]}.{type(stage).__name__}", cost,
                               calls, later, called)
    t = time.process_time()
    for d in docs:
        called.clear()
        pipe.run(d, policy)
    total = time.process_time() - t
    mb = sum(len(d.encode()) for d in docs) / 1e6
    print(f"{mb:.1f} MB, {len(docs)} documents: ftfy.fix_text {mb / ftfy_seconds:.2f} MB/s, "
          f"cleanup {mb / total:.2f} MB/s = {ftfy_seconds / total:.2f}x ftfy "
          f"({1e6 * ftfy_seconds / len(docs):.0f} and {1e6 * total / len(docs):.0f} µs a document)")
    print(f"  {'stage':40s} {'s/MB':>9s} {'share':>6s}  {'calls/doc':>9s}  of which in later calls (s/MB)")
    for name, seconds in sorted(cost.items(), key=lambda kv: -kv[1]):
        print(f"  {name:40s} {seconds / mb:.3f} s/MB {100 * seconds / total:5.1f}%  {calls[name] / len(docs):9.2f}  "
              f"{later[name] / mb:.3f}")
    own = total - sum(cost.values())
    print(f"  {'pipeline itself':40s} {own / mb:.3f} s/MB {100 * own / total:5.1f}%")


def _timed(propose, name, cost, calls, later, called):
    me = object()  # (three normalizer stages share a name)

    def run(text, ctx):
        calls[name] += 1
        start = time.process_time()
        out = list(propose(text, ctx))
        seconds = time.process_time() - start
        cost[name] += seconds
        if me in called:
            later[name] += seconds
        called.add(me)
        return out
    return run


if __name__ == "__main__":
    main()
