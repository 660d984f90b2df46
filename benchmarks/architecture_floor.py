"""How fast could `cleanup.clean` be, as built (stages that each read the text), at the very best?

    .venv/bin/python benchmarks/architecture_floor.py [MB]     # default 2 MB of each corpus

The pipeline runs 15 detecting stages over each text version. The cheapest
a stage can be, short of not reading the text at all, is one look-up per
piece of text (between spaces) in a memo of what it knows about that piece:
one C-speed pass (`map(dict.__getitem__, pieces)`). This prints, beside
ftfy.fix_text on the same 4 KB documents (bench_speed.py's corpora):

- the pipeline's own cost per document (the same 17 stages, doing nothing);
- one split of the text into pieces, shared by every stage (the text view);
- one look-up per piece;
- the FLOOR: the pipeline + one shared split + 15 look-ups per piece, and the
  ratio to ftfy that it would give.

A target above that ratio cannot be met by making the stages cheaper: it
needs fewer passes over each text than there are stages (one pass that
gathers what every stage needs). CPU seconds, min of 5 runs.
"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_speed import clean_prose_docs  # noqa: E402
from corpus import build_corpus  # noqa: E402

import ftfy  # noqa: E402

from cleanup import Policy  # noqa: E402
from cleanup.core.pipeline import Pipeline  # noqa: E402

DETECTING_STAGES = 15  # the default pipeline's 17 stages, the two cheapest normalisers aside


class _Idle:
    name = "idle"

    def propose(self, text, ctx):
        return ()


def _cpu(fn, docs, reps: int = 5) -> float:
    best = float("inf")
    for _ in range(reps):
        start = time.process_time()
        for doc in docs:
            fn(doc)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    clean_dir = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "clean"
    for label, docs in (("seed-like", build_corpus(megabytes, 7)), ("clean prose", clean_prose_docs(clean_dir, megabytes))):
        mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        memo = {piece: len(piece) for doc in docs for piece in doc.split()}
        pieces = [doc.split() for doc in docs]
        idle, policy = Pipeline([_Idle() for _ in range(17)]), Policy()
        ftfy_s = _cpu(ftfy.fix_text, docs)
        split_s = _cpu(str.split, docs)
        look_s = _cpu(lambda p: list(map(memo.__getitem__, p)), pieces)
        idle_s = _cpu(lambda d: idle.run(d, policy), docs)
        floor = idle_s + split_s + DETECTING_STAGES * look_s
        print(f"{label}: {len(docs)} documents, {mb:.1f} MB, CPU s/MB (min of 5)")
        print(f"  ftfy.fix_text                      {ftfy_s / mb:.4f}")
        print(f"  pipeline of 17 idle stages         {idle_s / mb:.4f}")
        print(f"  one split into pieces              {split_s / mb:.4f}")
        print(f"  one look-up per piece              {look_s / mb:.4f}")
        print(f"  floor: pipeline + split + {DETECTING_STAGES} look-ups {floor / mb:.4f}"
              f"  = at best {ftfy_s / floor:.2f}x ftfy")


if __name__ == "__main__":
    main()
