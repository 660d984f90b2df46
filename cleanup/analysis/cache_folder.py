"""Where cleanup keeps what it derives once and reads again in later runs (parsed rule
files, word tables). Every such cache is a convenience: None, or a folder that cannot be
written, means building as if there were none.

    CLEANUP_CACHE_DIR   where (default: $XDG_CACHE_HOME/cleanup/<part> or ~/.cache/cleanup/<part>)
    CLEANUP_NO_CACHE=1  never read nor write it
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_folder(part: str) -> Path | None:
    """The folder of one kind of cached thing (`part`), or None when caching is off."""
    if os.environ.get("CLEANUP_NO_CACHE"):
        return None
    named = os.environ.get("CLEANUP_CACHE_DIR")
    if named:
        return Path(named)  # one folder for every part: their entries' names differ
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleanup" / part
