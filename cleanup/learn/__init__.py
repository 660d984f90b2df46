"""`cleanup learn`: propose rule files from a corpus, each rule with its evidence.

Two streaming passes over the corpus (read as `batch` reads it):

1. `observe` turns each document into keys (whole short lines, the head of a
   line before a separator, the tail after one, capitalised words and their
   neighbours, unknown tokens); `tables` counts them per document in bounded
   memory.
2. `candidates` picks what recurs across documents; a second pass
   (`verify`) gathers, for those candidates only, real occurrences (for
   before/after examples and for the shape of a pattern) and the article
   lines that hold the same words (the rule must leave those alone).

`furniture` (lines, frames, tails) and `namerules` (garbled names from
`names`, glued words from `glued`) turn the evidence into `Draft` rules,
`rulefiles` those into ordinary rule files whose examples are checked with
the engine before anything is written. See docs/learn.md.
"""
from .settings import LearnSettings

__all__ = ["LearnSettings"]
