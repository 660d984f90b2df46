"""Reading inputs and writing outputs without losing anything.

Outputs are written atomically (a temporary file in the same folder, then a
rename), so a crash or Ctrl-C never leaves a half-written file, and the
input is never touched unless --in-place asked for it.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .document import DEFAULT_MAX_BYTES, Document, too_large
from .errors import InputError


def read_document(name: str, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        return Document.from_bytes(data, "<stdin>", encoding, max_bytes)
    path = Path(name)
    if path.is_dir():
        raise InputError(f"{name}: is a folder; give the files in it (or use 'cleanup batch')")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: {too_large(size, max_bytes)}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read: {err.strerror}") from None
    return Document.from_bytes(data, name, encoding, max_bytes)


def write_atomic(path: str | Path, data: bytes) -> None:
    out = AtomicFile(path)
    try:
        out.fh.write(data)
        out.commit()
    except BaseException:
        out.abort()
        raise


class AtomicFile:
    """A file written under a temporary name in its folder: `commit()` renames it into place
    (with the old file's mode, or the umask's), `abort()` removes it. For outputs written
    in one go (write_atomic) and for those streamed (a JSONL corpus)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        folder = self.path.parent if str(self.path.parent) else Path(".")
        try:
            self.mode = self.path.stat().st_mode & 0o777 if self.path.exists() else _default_mode()
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as err:
            raise InputError(f"{self.path}: cannot write: {err.strerror}") from None
        self.fh = os.fdopen(fd, "wb")

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.chmod(self.tmp, self.mode)  # mkstemp makes 0600
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
