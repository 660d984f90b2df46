"""Where cleanup keeps what it derives once and reads again in later runs (parsed rule
files, word tables). Every such cache is a convenience: None, or a folder that cannot be
written, means building as if there were none.

    CLEANUP_CACHE_DIR   where (default: $XDG_CACHE_HOME/cleanup/<part> or ~/.cache/cleanup/<part>)
    CLEANUP_NO_CACHE=1  never read nor write it
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def cache_folder(part: str) -> Path | None:
    """The folder of one kind of cached thing (`part`), or None when caching is off."""
    if os.environ.get("CLEANUP_NO_CACHE"):
        return None
    named = os.environ.get("CLEANUP_CACHE_DIR")
    if named:
        return Path(named)  # one folder for every part: their entries' names differ
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleanup" / part


def store_entry(path: Path, write: Callable[[str], None]) -> None:
    """Write a cache entry whole or not at all: `write(name)` fills a temporary file beside `path`,
    which then replaces it (a parallel run reads the old entry or the new one). A folder that
    cannot be written means no entry: the cache is a convenience."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        os.close(fd)
        write(tmp)
        os.replace(tmp, path)
    except OSError:
        pass
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
