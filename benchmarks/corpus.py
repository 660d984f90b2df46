"""The benchmark corpus: news-sized documents built from samples/ (no cleanup imports, so
scripts/equivalence.py can build it for any version of the package)."""
from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(megabytes: float, seed: int) -> list[str]:
    """News-sized documents (6-14 paragraphs) of shuffled sample paragraphs."""
    paragraphs = [p.strip("\n") for path in sorted((ROOT / "samples").glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rnd = random.Random(seed)
    docs, size = [], 0
    while size < megabytes * 1e6:
        doc = "\n\n".join(rnd.sample(paragraphs, min(len(paragraphs), rnd.randint(6, 14)))) + "\n"
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs
