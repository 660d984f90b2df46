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

from .document import DEFAULT_MAX_BYTES, Document
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
            raise InputError(f"{name}: {size:,} bytes is more than the limit of {max_bytes:,}; "
                             "raise it with --max-bytes or split the file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as err:
        raise InputError(f"{name}: cannot read: {err.strerror}") from None
    return Document.from_bytes(data, name, encoding, max_bytes)


def write_atomic(path: str | Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(f"{path}: cannot write: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600; keep the old file's mode, or the umask's
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
