"""cleanup: clean machine-translated, web-scraped English and show every change.

    >>> from cleanup import clean
    >>> result = clean("Vladimir Putin (Vladimir Putin) arrived.")
    >>> result.text
    'Vladimir Putin arrived.'

`clean` is pure: the same text, rules and policy give the same Result, and
Results pickle (for worker processes and Dask).
"""
from __future__ import annotations

from functools import lru_cache

from .core.edits import Edit, Level, Proposal
from .core.policy import Policy
from .core.result import Problem, Result

__all__ = ["clean", "Edit", "Level", "Policy", "Problem", "Proposal", "Result", "get_pipeline"]
__version__ = "0.1.0"


def primary_language(language: str) -> str:
    """The primary subtag rule files are chosen by: "en-US" -> "en", "de_DE" -> "de"."""
    return language.replace("_", "-").split("-", 1)[0].lower() or "en"


def get_pipeline(rules: tuple = (), disabled: frozenset = frozenset(), shipped: bool = True, grammar=None,
                 language: str = "en"):
    """The pipeline for a set of extra rule paths and a language (built once per process)."""
    return _pipeline(rules, disabled, shipped, grammar, primary_language(language))


get_pipeline.cache_clear = lambda: _pipeline.cache_clear()  # (tests: read rule files anew)


@lru_cache(maxsize=16)
def _pipeline(rules: tuple, disabled: frozenset, shipped: bool, grammar, language: str):
    from .rulebook.loading import load_rulebook
    from .stages import build_pipeline

    book = load_rulebook(rules, shipped=shipped, disabled=disabled)
    return build_pipeline(book, grammar=grammar, language=language)


def clean(text: str, *, level: Level | str = Level.FIX, rules=(), policy: Policy | None = None,
          disabled=(), language: str = "en-US") -> Result:
    """Clean `text` with the shipped rules plus `rules` (files or folders)."""
    policy = policy or Policy(level=Level(level))
    pipeline = get_pipeline(tuple(str(r) for r in rules), frozenset(disabled), language=language)
    return pipeline.run(text, policy, language=language)
