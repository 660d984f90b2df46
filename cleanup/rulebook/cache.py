"""Parsed rule files, kept between runs so a short command does not parse YAML again.

Parsing and validating the shipped rule files in pure Python costs more
than cleaning a short document. A file parsed once is stored, pickled, under
a key made of everything its parse depends on: its contents and path, the
schema, and this package's loading code. Any change to one of them is a new
key, so a stale entry is never read; only files that parsed without error
are stored. The cache is a convenience: a folder that cannot be written, or
an entry that cannot be read, means parsing as if there were none.

    CLEANUP_CACHE_DIR   where (default: $XDG_CACHE_HOME/cleanup or ~/.cache/cleanup)
    CLEANUP_NO_CACHE=1  never read nor write it
"""
from __future__ import annotations

import hashlib
import pickle
from functools import lru_cache
from pathlib import Path

from ..analysis.cache_folder import cache_folder, store_entry

FORMAT = b"rulefile-cache-1"


def folder() -> Path | None:
    return cache_folder("rulefiles")


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """What a parse depends on besides the file: the schema and the code that loads it."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(FORMAT)
    for part in (here / "loading.py", here.parent / "schema" / "rulefile.schema.json"):
        digest.update(part.read_bytes())
    return digest.digest()


def _entry(path: Path, text: str) -> Path | None:
    where = folder()
    if where is None:
        return None
    digest = hashlib.sha256(_code_key())
    digest.update(str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0" + text.encode("utf-8"))
    return where / f"{digest.hexdigest()}.pickle"


def load(path: Path, text: str):
    entry = _entry(path, text)
    if entry is None:
        return None
    try:
        with entry.open("rb") as f:
            return pickle.load(f)
    except Exception:  # absent, unreadable or from another Python: parse instead
        return None


def store(path: Path, text: str, parsed) -> None:
    entry = _entry(path, text)
    if entry is None:
        return
    store_entry(entry, lambda name: Path(name).write_bytes(pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)))
