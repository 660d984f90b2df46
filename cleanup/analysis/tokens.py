"""The token patterns stages share, named once (a stage with a pattern of its own explains why).

- WORD: a word token (letters, marks and digits joined by single hyphens or
  apostrophes, not inside a path or handle): what the words stage judges and
  `TextView.words` holds.
- LETTER_RUN: a run of letters, no digits (captured, for split).
- LETTERS: a run of letters and combining marks, in any script (regex).
- ALNUM_RUN: a run of letters and digits (a sentence's words compared).
"""
from __future__ import annotations

import re

import regex

from .fast_regex import FastPattern

# Its first character is matched before the lookbehind (which looks at it and the one
# before) so `re` can skip to letters.
WORD = FastPattern(r"([\p{L}\p{M}\p{N}](?<![\p{L}\p{M}\p{N}_@#/.-][\p{L}\p{M}\p{N}])[\p{L}\p{M}\p{N}]*"
                   r"(?:[-'’][\p{L}\p{M}\p{N}]+)*)")
LETTER_RUN = re.compile(r"([^\W\d_]+)")  # stdlib re: several times faster than `regex` for this
LETTERS = regex.compile(r"[\p{L}\p{M}]+")
ALNUM_RUN = re.compile(r"[^\W_]+")
