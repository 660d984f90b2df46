"""How fast Harper checks grammar in process, with and without its per-paragraph cache (issue 16).

    .venv/bin/python benchmarks/bench_harper.py [--corpus DIR] [--repeat N]

The corpus is ../shared/corpora/clean (40 edited news and biography texts,
every paragraph distinct, so a first pass meets no cached paragraph), read
`--repeat` times with each copy's paragraphs numbered apart. Figures are KB
of UTF-8 input per second of wall time for the Harper stage alone (on the
text as the other stages leave it), for:

- building the Linter (once per process);
- no cache (`cache = false`): every paragraph linted;
- a cold cache: every paragraph linted and its answer written;
- a warm cache: the same texts again, every answer read back;
- one paragraph in ten changed: only those linted again;
- Harper's own defaults (spelling on, every default lint), no cache, for comparison;
- the whole pipeline with and without --grammar (warm cache).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanup.api.runner import Options  # noqa: E402
from cleanup.core.config import GrammarSettings  # noqa: E402
from cleanup.core.pipeline import Context  # noqa: E402
from cleanup.rulebook.loading import load_rulebook  # noqa: E402
from cleanup.stages import harper  # noqa: E402
from cleanup.stages.harper import HarperStage, Selection  # noqa: E402

HARPER = GrammarSettings(backend="harper")


def corpus(folder: Path, repeat: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {folder}")
    # each copy's paragraphs differ from the other copies' (a number in front), so none is cached by another
    return [text.replace("\n\n", f"\n\n({n}) ") for n in range(repeat) for text in texts]


def timed(label: str, texts: list[str], check) -> None:
    size = sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    found = sum(len(check(t)) for t in texts)
    seconds = time.perf_counter() - start
    print(f"{label:52} {size / 1000 / seconds:8.1f} KB/s  ({seconds:6.2f} s, {found} findings)")


def stage_run(stage: HarperStage):
    def check(text: str) -> list:
        ctx = Context(text)
        proposals = list(stage.propose(text, ctx))
        if ctx.problems:
            sys.exit(ctx.problems[0].message)
        return proposals
    return check


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "clean")
    ap.add_argument("--repeat", type=int, default=1, help="copies of the corpus (default 1: 172 KB)")
    args = ap.parse_args()
    os.environ["CLEANUP_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-harper-")
    raw = corpus(args.corpus, args.repeat)
    start = time.perf_counter()
    harper.engine()
    built = time.perf_counter() - start
    pipeline, with_grammar = Options().pipeline(), Options(grammar=HARPER).pipeline()
    texts = [pipeline.run(t).text for t in raw]  # Harper runs last, on the text the other stages leave
    print(f"corpus: {len(texts)} texts, {sum(len(t.encode()) for t in texts) / 1000:.0f} KB ({args.corpus}), "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; harper-py {version('harper-py')}\n")

    print(f"{'building the Linter (once per process)':52} {built:8.2f} s")
    shipped = harper.build(HARPER, load_rulebook())[0]
    uncached = HarperStage(GrammarSettings(backend="harper", cache=False), shipped.selection)
    timed("no cache (shipped configuration)", texts, stage_run(uncached))
    timed("cold cache: lint and store every paragraph", texts, stage_run(shipped))
    timed("warm cache: every paragraph read back", texts, stage_run(shipped))
    edited = [edit_one_in_ten(t) for t in texts]
    timed("one paragraph in ten changed: only those linted", edited, stage_run(shipped))
    defaults = HarperStage(GrammarSettings(backend="harper", cache=False), Selection())
    timed("Harper's defaults (spelling on), no cache", texts, stage_run(defaults))
    timed("whole pipeline without --grammar", raw, lambda t: pipeline.run(t).edits)
    timed("whole pipeline with --grammar (warm cache)", raw, lambda t: with_grammar.run(t).edits)
    return 0


def edit_one_in_ten(text: str) -> str:
    paragraphs = text.split("\n\n")
    return "\n\n".join(p + " Edited." if i % 10 == 0 else p for i, p in enumerate(paragraphs))


if __name__ == "__main__":
    sys.exit(main())
