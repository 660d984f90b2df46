"""How fast cleanup is, against ftfy, from ONE run (issue 7's figures).

    .venv/bin/python benchmarks/bench.py                       # ~10 MB corpus, 50 MB for -j, 100 MB JSONL
    .venv/bin/python benchmarks/bench.py --jsonl-mb 1000       # the issue's 1 GB JSONL memory target

The corpus is built from samples/: their paragraphs, shuffled and regrouped
into news-sized documents. Every figure is MB of UTF-8 input per second of
wall time; peak memory is what Python allocates while cleaning a 1 MB slice
(tracemalloc: the pipeline's own tables, built before, are not counted),
except for the batch runs, where it is the memory of the whole process tree
(main process + workers, PSS: pages they share are counted once). docs/performance.md records a run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import ftfy
import wordfreq
from corpus import build_corpus  # noqa: E402
from _peak import run_sampling_memory  # noqa: E402  (benchmarks/ is on the path when run as a script)

from cleanup import get_pipeline
from cleanup.analysis.lexicon import Lexicon
from cleanup.core.pipeline import Context
from cleanup.core.policy import Policy
from cleanup.render.records import records
from cleanup.render.unified import unified_diff
from cleanup.rulebook.loading import load_rule_file
from cleanup.stages.names import NamesStage
from cleanup.stages.registry import configure
from cleanup.stages.replace import ReplaceStage

ROOT = Path(__file__).resolve().parent.parent
MEMORY_SLICE = 1_000_000  # bytes of documents cleaned under tracemalloc for the peak-memory figure

TARGETS = []  # (what, figure, target, met)


def main() -> None:
    args = _arguments()
    print(_machine())
    docs = build_corpus(args.mb, args.seed)
    mb = _mb(docs)
    print(f"\ncorpus: {len(docs):,} documents, {mb:.1f} MB, from samples/ (seed {args.seed})\n")
    rows = []

    anchor = _measure("ftfy.fix_text alone (default settings)", docs, ftfy.fix_text)
    policy = Policy()
    pipeline = get_pipeline()
    results = []

    def default(doc):
        result = pipeline.run(doc, policy)
        records(result)
        return result

    full = _measure("default pipeline + edit records", docs, default, keep=results)
    rows += [anchor, full]

    _breakdown(docs, pipeline, policy, full)
    diffs = _measure("diff rendering (unified + records) from the edit log", results,
                     lambda r: (unified_diff(r.original, r.edits, "doc"), records(r)), size=lambda r: r.original)
    rows.append(diffs)
    del results

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        names_rows = _names(docs, tmp, args.seed, policy)
        rules_rows = _many_rules(docs, tmp, args.seed, policy)
    rows += names_rows + rules_rows

    print(_table(rows))
    _target("default pipeline / ftfy.fix_text (≥ 1.0, aim 2.0)", full.mbs / anchor.mbs, 1.0)
    small, large = names_rows[0], names_rows[1]
    _target("names stage: 10,000-entry / 10-entry lexicon, time (≤ 1.5)", small.mbs / large.mbs, 1.5, lower=True)
    small_p, large_p = names_rows[2], names_rows[3]
    _target("pipeline: 10,000 / 10 extra names, time (≤ 1.5)", small_p.mbs / large_p.mbs, 1.5, lower=True)
    _target("300 regex rules: prefilter / one after another (≥ 3.0)", rules_rows[0].mbs / rules_rows[1].mbs, 3.0)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.parallel_mb:
            _parallel(tmp, docs, args.parallel_mb, args.seed)
        if args.jsonl_mb:
            _jsonl_memory(tmp, docs, args.jsonl_mb, args.seed)

    print("\ntargets")
    for what, figure, target, met in TARGETS:
        print(f"  {'met    ' if met else 'NOT MET'}  {what}: {figure:.2f}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


def _arguments():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, default=10, help="size of the corpus for the single-process figures")
    p.add_argument("--parallel-mb", type=float, default=50, help="corpus for -j 2 against -j 1 (0: skip)")
    p.add_argument("--jsonl-mb", type=float, default=100, help="JSONL file for batch's peak memory (0: skip)")
    p.add_argument("--seed", type=int, default=7)
    return p.parse_args()


def _machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    ram = int(Path("/proc/meminfo").read_text().split()[1]) / 1e6
    return (f"machine: {len(os.sched_getaffinity(0))} cores ({cpu}), {ram:.1f} GB RAM, "
            f"Python {platform.python_version()}, ftfy {ftfy.__version__}\n"
            f"load average at the start: {os.getloadavg()[0]:.2f} (other processes share these cores)")


# -- the corpus ---------------------------------------------------------------------

def _mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


# -- measuring ------------------------------------------------------------------------

class Row:
    def __init__(self, label, mb, seconds, peak):
        self.label, self.mb, self.seconds, self.peak = label, mb, seconds, peak
        self.mbs = mb / seconds


def _measure(label, items, fn, *, size=lambda d: d, keep=None) -> Row:
    fn(items[0])  # warm up: tables, caches and lazily built parts are not what we measure
    mb = sum(len(size(i).encode("utf-8")) for i in items) / 1e6
    start = time.perf_counter()
    for item in items:
        out = fn(item)
        if keep is not None:
            keep.append(out)
    seconds = time.perf_counter() - start
    sliced, total = [], 0
    for item in items:
        sliced.append(item)
        total += len(size(item))
        if total >= MEMORY_SLICE:
            break
    tracemalloc.start()
    for item in sliced:
        fn(item)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    row = Row(label, mb, seconds, peak)
    print(f"  measured: {label}: {row.mbs:.2f} MB/s", flush=True)
    return row


class _Timed:
    """A stage that keeps count of the time it takes."""

    def __init__(self, stage):
        self.stage, self.name, self.seconds = stage, stage.name, 0.0

    def propose(self, text, ctx):
        start = time.perf_counter()
        proposals = list(self.stage.propose(text, ctx))
        self.seconds += time.perf_counter() - start
        return proposals


def _breakdown(docs, pipeline, policy, full: Row) -> None:
    """Where the default pipeline's time goes: each stage, and the pipeline's own work."""
    timed, of = [], {}
    for s in pipeline.stages:
        timed.append(of.setdefault(id(s), _Timed(s)))
    instrumented = type(pipeline)(timed)
    start = time.perf_counter()
    for doc in docs:
        instrumented.run(doc, policy)
    total = time.perf_counter() - start
    print(f"\nwhere the default pipeline's time goes ({full.mb:.1f} MB, {total:.1f} s, this pass):")
    for t in sorted(of.values(), key=lambda t: -t.seconds):
        print(f"  {type(t.stage).__module__.rsplit('.', 1)[-1] + '.' + type(t.stage).__name__:<37} "
              f"{t.seconds / full.mb:6.3f} s/MB  {100 * t.seconds / total:5.1f}%")
    rest = total - sum(t.seconds for t in of.values())
    print(f"  {'pipeline itself (locate, decide, apply)':<37} {rest / full.mb:6.3f} s/MB  {100 * rest / total:5.1f}%")


def _table(rows) -> str:
    width = max(len(r.label) for r in rows)
    lines = [f"{'what':{width}}  {'MB':>6}  {'seconds':>8}  {'MB/s':>8}  {'peak MB':>8}"]
    lines += [f"{r.label:{width}}  {r.mb:6.1f}  {r.seconds:8.2f}  {r.mbs:8.2f}  {r.peak:8.2f}" for r in rows]
    return "\n" + "\n".join(lines) + "\n"


def _target(what, figure, target, *, lower=False):
    TARGETS.append((what, figure, target, figure <= target if lower else figure >= target))


# -- a large names lexicon --------------------------------------------------------------

GIVEN = ["Anna", "Boris", "Carlos", "Dmitri", "Elena", "Farid", "Giulia", "Hiroshi", "Ingrid", "Jamal", "Katarzyna",
         "Luis", "Mariam", "Nikolai", "Olga", "Pedro", "Qiang", "Rania", "Sergei", "Tomasz", "Ursula", "Viktor",
         "Wen", "Yusuf", "Zofia", "Ahmed", "Beatriz", "Chen", "Daniela", "Emre", "Fatima", "Gustavo", "Hana",
         "Ivan", "Jorge", "Kenji", "Leila", "Mehmet", "Nadia", "Oleksandr", "Pavel", "Rashid", "Svetlana",
         "Tariq", "Valentina", "Wojciech", "Xavier", "Yelena", "Zhang", "Amir", "Bogdan", "Camille", "Diego"]
STEMS = ["kor", "mal", "vin", "dar", "sel", "tov", "rin", "bak", "lev", "mor", "zan", "pol", "kir", "sham", "dur",
         "nes", "gor", "lan", "vas", "tem", "bor", "hal", "jin", "ros", "fen", "mik", "sar", "tul", "ved", "yar"]
ENDINGS = ["ov", "ova", "enko", "ski", "ska", "ez", "es", "son", "sen", "ian", "ides", "escu", "ic", "ovic", "yan",
           "ani", "etti", "berg", "mann", "ley"]
GARBLES = [("v", "w"), ("ch", "tsch"), ("k", "c"), ("y", "j"), ("ov", "off"), ("s", "z"), ("i", "y"), ("e", "é")]


def fake_people(n: int, seed: int) -> list[dict]:
    """n people with realistic-looking names and garbled variants, as names rules."""
    rnd = random.Random(seed)
    people, seen = [], set()
    while len(people) < n:
        surname = "".join(rnd.sample(STEMS, rnd.randint(1, 2))).capitalize() + rnd.choice(ENDINGS)
        given = rnd.choice(GIVEN)
        name = f"{given} {surname}"
        if name in seen:
            continue
        seen.add(name)
        variants = []
        for old, new in rnd.sample(GARBLES, len(GARBLES)):
            garbled = surname.replace(old, new) if old in surname else ""
            if garbled and garbled != surname:
                variants.append(garbled)
            if len(variants) == 2:
                break
        variants = variants or [surname + "e"]
        people.append({"id": f"person-{len(people):05d}", "name": name, "short": [surname],
                       "variants": variants + [f"{given} {variants[0]}"]})
    return people


def _names_file(tmp: Path, people: list[dict], tag: str) -> Path:
    path = tmp / f"names-{tag}.yaml"  # JSON is YAML
    path.write_text(json.dumps({"id": f"generated-names-{tag}", "kind": "names",
                                "description": "Generated people for the benchmark.", "titles": ["President"],
                                "rules": people, "examples": []}), encoding="utf-8")
    return path


def _names(docs, tmp, seed, policy) -> list[Row]:
    people = fake_people(10_000, seed)
    small_file, large_file = _names_file(tmp, people[:10], "10"), _names_file(tmp, people, "10000")
    rows = []
    for tag, path in (("10", small_file), ("10,000", large_file)):
        rule_file = load_rule_file(path)
        stage = NamesStage(Lexicon.from_rules(rule_file.rules, ["President"]))
        rows.append(_measure(f"names stage alone, {tag}-entry lexicon", docs,
                             lambda d, s=stage: list(s.propose(d, Context(d)))))
    for tag, path in (("10", small_file), ("10,000", large_file)):
        pipeline = get_pipeline((str(path),))
        rows.append(_measure(f"default pipeline + {tag} generated names", docs,
                             lambda d, p=pipeline: records(p.run(d, policy))))
    return rows


# -- many regex rules -------------------------------------------------------------------

def generated_rules(n: int, seed: int, docs: list[str]) -> list[dict]:
    """n replace rules in the style of cleanup/rules/mt-phrases.yaml; one in ten is built to match the corpus."""
    rnd = random.Random(seed)
    common = wordfreq.top_n_list("en", 4000)[150:]
    words = [w for w in common if w.isalpha() and len(w) > 2]
    seen_pairs = {tuple(p) for d in docs[:50] for line in d.lower().split("\n")
                  for p in zip(line.split(), line.split()[1:]) if p[0].isalpha() and p[1].isalpha()}
    pairs = sorted(seen_pairs)
    rules = []
    for i in range(n):
        w1, w2 = rnd.choice(pairs) if i % 10 == 0 else (rnd.choice(words), rnd.choice(words))
        w3 = rnd.choice(words)
        shape = i % 4
        if shape == 0:
            rule = {"pattern": rf"\b{w1}\s+{w2}\b", "replacement": f"{w1} {w3}", "level": "suggest"}
        elif shape == 1:
            rule = {"pattern": rf"\b(?:{w1}|{w3})\s+(?:of\s+the\s+)?{w2}s?\b", "ignore_case": True, "level": "flag"}
        elif shape == 2:
            rule = {"pattern": rf"\b{w1}(?=\s+{w2}\b)", "replacement": w3, "level": "suggest"}
        else:
            rule = {"literal": f"{w1} {w2}", "level": "flag"}
        rules.append({"id": f"r{i:03d}", "message": f"generated rule {i}", **rule})
    return rules


def _many_rules(docs, tmp, seed, policy) -> list[Row]:
    path = tmp / "generated-rules.yaml"
    path.write_text(json.dumps({"id": "generated-rules", "kind": "replace", "description": "Generated.",
                                "rules": generated_rules(300, seed, docs), "examples": []}), encoding="utf-8")
    rules = [configure(r) for r in load_rule_file(path).rules]
    rows = []
    for label, stage in (("300 regex rules, prefilter (replace stage)", ReplaceStage(rules)),
                         ("300 regex rules, one after another", ReplaceStage(rules, prefilter=False))):
        rows.append(_measure(label, docs, lambda d, s=stage: list(s.propose(d, Context(d)))))
    pipeline = get_pipeline((str(path),))
    rows.append(_measure("default pipeline + 300 regex rules", docs, lambda d: records(pipeline.run(d, policy))))
    return rows


# -- batch: workers and memory ----------------------------------------------------------

def _write_jsonl(path: Path, docs: list[str], megabytes: float, seed: int) -> float:
    rnd = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        i = 0
        while written < megabytes * 1e6:
            line = json.dumps({"id": i, "text": rnd.choice(docs), "source": "bench"}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            i += 1
    return written / 1e6


def _run_batch(args: list[str]) -> tuple[float, float, float]:
    """Run `cleanup batch ARGS`; (seconds, peak memory of the process tree, peak of the main process), in MB."""
    seconds, tree, main, _ = run_sampling_memory([sys.executable, "-m", "cleanup", "batch", *args, "--quiet"], ROOT)
    return seconds, tree, main


def _parallel(tmp: Path, docs, megabytes, seed) -> None:
    src = tmp / "parallel.jsonl"
    mb = _write_jsonl(src, docs, megabytes, seed)
    print(f"\nbatch --jsonl over {mb:.1f} MB (cold start: worker start-up and pipeline builds included)")
    times = {}
    for jobs in (1, 2):
        seconds, tree, main = _run_batch(["--jsonl", str(src), "-o", str(tmp / f"j{jobs}"), "-j", str(jobs)])
        times[jobs] = seconds
        print(f"  -j {jobs}: {seconds:7.1f} s  {mb / seconds:6.2f} MB/s  peak memory {tree:5.0f} MB "
              f"(main process {main:.0f} MB)")
    same = (tmp / "j1" / src.name).read_bytes() == (tmp / "j2" / src.name).read_bytes()
    print(f"  outputs byte-identical: {'yes' if same else 'NO'}")
    _target(f"batch -j 2 / -j 1 speed-up on {mb:.0f} MB (≥ 1.7)", times[1] / times[2], 1.7)


def _jsonl_memory(tmp: Path, docs, megabytes, seed) -> None:
    src = tmp / "big.jsonl"
    mb = _write_jsonl(src, docs, megabytes, seed)
    jobs = len(os.sched_getaffinity(0))
    seconds, tree, main = _run_batch(["--jsonl", str(src), "-o", str(tmp / "big")])
    (tmp / "big" / src.name).unlink()
    print(f"\nbatch --jsonl over {mb:.0f} MB, -j {jobs} (default): {seconds:.1f} s, {mb / seconds:.2f} MB/s, "
          f"peak memory of all its processes {tree:.0f} MB (main process {main:.0f} MB)")
    _target(f"batch --jsonl over {mb:.0f} MB: peak memory of all processes, MB (< 300)", tree, 300, lower=True)


if __name__ == "__main__":
    main()
