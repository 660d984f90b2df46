"""What a learn run is asked to do: inputs, thresholds, workers."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.document import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class LearnSettings:
    output: Path
    jsonl: bool = False
    glob: str | None = None          # files to take from folders (default *.txt, or *.jsonl)
    field: str = "text"              # JSONL: the field that holds the text
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    min_docs: int = 3                # a proposal needs this many documents...
    min_share: float = 0.0           # ...and this share of all documents
    capacity: int = 200_000          # keys each counting table holds before it forgets the rarest

    def needed(self, documents: int) -> int:
        """How many documents a proposal needs in a corpus of this size."""
        return max(self.min_docs, int(-(-self.min_share * documents // 1)))
