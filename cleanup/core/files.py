"""Reading inputs and writing outputs without losing anything.

Reads are bounded: a file is read up to --max-bytes and no further, whatever
its size claims to be (a device or a pipe claims 0). Outputs are written
atomically (a temporary file in the same folder, then a rename), so a crash
or Ctrl-C never leaves a half-written file, and the input is never touched
unless --in-place asked for it. Rewriting an existing file keeps what makes
it that file: a symlink stays a link (its target is rewritten), the owner,
group and mode (setuid included, where allowed) stay; a file with several
hard links is refused (a rename would cut it off from its other names), and
so is a file another process changed since it was read. A temporary file
left by a killed run (its name holds the dead process's id) is removed by
the next run that writes into its folder, and by `batch` in its output tree.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable, NamedTuple

from .document import DEFAULT_MAX_BYTES, Document, too_large
from .errors import InputError


class Stamp(NamedTuple):
    """What identifies a file's content as read: a change to any of these means another writer."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> "Stamp":
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_bounded(path: str | Path, max_bytes: int, what: str | None = None) -> tuple[bytes, Stamp]:
    """At most `max_bytes` of a file, or an InputError: never more, whatever stat() says.

    `what` names a file with a fixed limit ("rule file"); else the limit is --max-bytes."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError(errno.EISDIR, "is a folder")
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror}") from None
    if len(data) > max_bytes and what:
        raise InputError(f"{path}: more than {max_bytes:,} bytes, too large for a {what}")
    if len(data) > max_bytes:
        raise InputError(f"{path}: {too_large(max(st.st_size, len(data)), max_bytes, exact=st.st_size > max_bytes)}")
    return data, Stamp.of(st)


CONFIG_MAX_BYTES = 1024 * 1024  # settings files: far more than any real one holds


def read_text_bounded(path: str | Path, max_bytes: int, what: str) -> str:
    """A UTF-8 `what` ("rule file") of at most `max_bytes` (UnicodeDecodeError for the caller to word)."""
    return read_bounded(path, max_bytes, what)[0].decode("utf-8")


def read_document(name: str, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"<stdin>: {too_large(len(data), max_bytes, exact=False)}")
        return Document.from_bytes(data, "<stdin>", encoding, max_bytes)
    if Path(name).is_dir():
        raise InputError(f"{name}: is a folder; give the files in it (or use 'cleanup batch')")
    data, stamp = read_bounded(name, max_bytes)
    return Document.from_bytes(data, name, encoding, max_bytes, stamp=stamp)


def write_in_place(doc: Document, data: bytes | Iterable[bytes]) -> None:
    """Overwrite the file `doc` was read from, unless another process changed it since."""
    write_atomic(doc.name, data, expect=doc.stamp)


def write_atomic(path: str | Path, data: bytes | Iterable[bytes], *, expect: Stamp | None = None) -> None:
    """Write `data` (bytes, or its pieces in order) to `path` atomically."""
    out = AtomicFile(path, expect=expect)
    try:
        for piece in [data] if isinstance(data, bytes) else data:
            out.fh.write(piece)
        out.commit()
    except BaseException as err:
        out.abort()
        if isinstance(err, OSError):  # a full disk, a quota: the old file is as it was
            raise InputError(f"{path}: cannot write: {err.strerror or err}; the file was left as it was") from None
        raise


class AtomicFile:
    """A file written under a temporary name in its folder: `commit()` renames it into place
    (with the old file's owner and mode, or the umask's), `abort()` removes it. For outputs
    written in one go (write_atomic) and for those streamed (a JSONL corpus).

    `expect`: the stamp of the file as it was read; commit refuses if it changed since.
    The first write into a folder removes the temporary files killed runs left there."""

    def __init__(self, path: str | Path, *, expect: Stamp | None = None):
        self.shown = Path(path)
        self.path = _final_target(self.shown)
        self.expect = expect
        folder = self.path.parent if str(self.path.parent) else Path(".")
        try:
            existing = self.path.stat() if self.path.exists() else None
            if existing is not None and existing.st_nlink > 1 and stat.S_ISREG(existing.st_mode):
                raise InputError(f"{self.shown}: has {existing.st_nlink} hard links, which an atomic rewrite "
                                 "would cut off (they would keep the old text); write elsewhere with -o")
            _sweep_once(folder)
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        except OSError as err:
            raise InputError(f"{self.shown}: cannot write: {err.strerror}") from None
        self.fh = os.fdopen(fd, "wb")
        self.mode = _default_mode() if existing is None else _keep_owner(self.fh.fileno(), existing)

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.chmod(self.tmp, self.mode)  # mkstemp makes 0600; after the chown, which clears setuid
        if self.expect is not None:
            self._refuse_if_changed()
        os.replace(self.tmp, self.path)

    def _refuse_if_changed(self) -> None:
        try:
            now = Stamp.of(self.path.stat())
        except OSError:
            now = None
        if now != self.expect:
            self.abort()
            raise InputError(f"{self.shown}: changed by another process since it was read; not overwritten "
                             "(run again on the new text)")

    def abort(self) -> None:
        self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _final_target(path: Path) -> Path:
    """Where writing `path` should land: through a symlink, its target (the link stays a link)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _keep_owner(fd: int, existing: os.stat_result) -> int:
    """Give the new file the old one's owner and group; the mode to set once it is written."""
    mode = stat.S_IMODE(existing.st_mode)
    if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
        try:
            os.fchown(fd, existing.st_uid, existing.st_gid)
        except OSError:  # not allowed (not root): the file becomes ours, without set-id bits
            mode &= ~(stat.S_ISUID | stat.S_ISGID)
    return mode


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# -- temporary files left by a killed run -----------------------------------------

_swept: set[str] = set()  # folders swept by this process: once each, not once per file written


def _sweep_once(folder: Path) -> None:
    key = os.path.realpath(folder)
    if key not in _swept:
        _swept.add(key)
        remove_stale_temps(folder)


_TEMP_NAME = re.compile(r"^\..+\.(?P<pid>\d+)\.[a-z0-9_]{8}\.tmp$")  # mkstemp: 8 characters of [a-z0-9_]


def remove_stale_temps(folder: str | Path, *, recursive: bool = False) -> int:
    """Remove our temporary files whose writer is gone; how many were removed."""
    folder = Path(folder)
    removed = 0
    walk = os.walk(folder) if recursive else [(str(folder), [], _listdir(folder))]
    for root, _, names in walk:
        for entry in names:
            m = _TEMP_NAME.match(entry)
            if m and not _alive(int(m.group("pid"))):
                try:
                    os.unlink(os.path.join(root, entry))
                    removed += 1
                except OSError:
                    pass
    return removed


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
