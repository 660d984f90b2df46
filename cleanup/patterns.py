"""Run rule regexes with a time limit, so a runaway pattern cannot hang a run.

The `regex` module's timeout covers a whole finditer, so the limit grows
with the text: a rule gets `base` seconds plus `per_mb` per megabyte.
"""
from __future__ import annotations

import regex

from .result import Problem

BASE_TIMEOUT = 1.0
PER_MB_TIMEOUT = 2.0


def time_limit(text: str) -> float:
    return BASE_TIMEOUT + PER_MB_TIMEOUT * len(text) / 1_000_000


def compile_rule(pattern: str, ignore_case: bool = False):
    return regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))


def find_all(compiled, text: str, rule_id: str, problems: list | None, pos: int = 0, endpos: int | None = None):
    """All matches, or none (with a Problem logged) when the rule runs away."""
    try:
        return list(compiled.finditer(text, pos, len(text) if endpos is None else endpos,
                                      timeout=time_limit(text)))
    except TimeoutError:
        if problems is not None:
            problems.append(Problem("rule-timeout", f"rule {rule_id} took longer than {time_limit(text):.1f}s "
                                    "on this text and was skipped; its pattern can backtrack without end "
                                    "(run 'cleanup rules lint')", rule_id))
        return []
