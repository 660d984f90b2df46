"""Where the memory goes on ONE long line, stage by stage (bench_speed.py's 50 MB line, smaller).

    .venv/bin/python benchmarks/line_memory.py [MB]   # default 4 MB

For each stage's call: what the run holds when the stage starts (the original
text, the text the stage is given, what stages keep for later passes), the
stage's own peak above that, and the pipeline's peak while it applies the
stage's edits; all in bytes per byte of input (the figure bench_speed.py holds
under 10: peak resident memory / input). Measured with tracemalloc, which
sees Python's allocations, not the interpreter and its modules (`base` below):
the process's figure is about base + the run's peak. Deterministic, so a
change can be judged on a busy machine; tracemalloc makes the run ~3x slower.
"""
import resource
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build_corpus  # noqa: E402

from cleanup import Policy, get_pipeline  # noqa: E402
from cleanup.core.textmap import TextMap  # noqa: E402


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 4.0
    docs = build_corpus(megabytes, 7)
    pipe, policy = get_pipeline(), Policy()
    for d in docs[:20]:  # warm the per-word memos, as the timing scripts do
        pipe.run(d, policy)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    line = " ".join(p for d in docs for p in d.split("\n") if p.strip())
    del docs
    size = len(line.encode())
    print(f"ONE line of {size / 1e6:.1f} MB ({'wide' if max(line) > chr(255) else 'narrow'} text: "
          f"{sys.getsizeof(line) / size:.1f} bytes per input byte); base (interpreter, modules, tables) {base:.0f} MB")
    print(f"{'stage':28s} {'pass':>4s} {'held':>6s} {'own peak':>9s} {'apply':>6s}   (bytes per input byte)")
    passes: dict[str, int] = {}
    rows = []

    def traced(stage, name):
        propose = stage.propose

        def run(text, ctx):
            passes[name] = passes.get(name, 0) + 1
            tracemalloc.reset_peak()
            held = tracemalloc.get_traced_memory()[0]
            out = list(propose(text, ctx))
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()  # the pipeline's apply is measured from here to the next stage
            rows.append([name, passes[name], held, peak - held, None])
            return out
        stage.propose = run

    def apply_traced(apply):
        def run(*args, **kwargs):
            out = apply(*args, **kwargs)
            if args[1]:  # (changes to apply)
                rows[-1][4] = tracemalloc.get_traced_memory()[1]
            return out
        return run

    for i, stage in enumerate(pipe.stages):
        traced(stage, f"{i}:{type(stage).__name__}")
    TextMap.apply = apply_traced(TextMap.apply)
    pipe.run(line, policy)
    overall = 0.0
    for name, n, held, own, apply in rows:
        overall = max(overall, held + own, apply or 0)
        print(f"{name:28s} {n:4d} {held / size:6.1f} {own / size:9.1f} {'' if apply is None else f'{apply / size:6.1f}'}")
    print(f"run's peak {overall / size:.1f} bytes per input byte; the process's, about "
          f"{(base * 2**20 + overall) / size:.1f} at this size ({base:.0f} MB base)")


if __name__ == "__main__":
    main()
