"""Which files a command works on: files as named, folders searched as ruff and codespell do.

A file named on the command line is always taken. A folder is searched
recursively for text-like files (or those matching --include), skipping
hidden files and folders, anything a .gitignore on the way down ignores
(gitignore rules via pathspec), and anything matching --exclude.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from ..core.errors import CleanupError

TEXT_LIKE = ("*.txt", "*.text", "*.md", "*.markdown", "*.rst")


@dataclass(frozen=True)
class Input:
    name: str        # as it is opened and shown ('-' is standard input)
    relative: Path   # where its output goes under an output folder


def discover(names, include=(), exclude=()) -> list[Input]:
    """Every input, in the order given (folders sorted), each file once."""
    found, seen = [], set()
    for name in names:
        if name != "-" and os.path.isdir(name):
            candidates = _search(Path(name), tuple(include) or TEXT_LIKE, tuple(exclude))
        else:
            candidates = [Input(name, Path(Path(name).name if name != "-" else "stdin"))]
        for item in candidates:
            key = item.name if item.name == "-" else os.path.realpath(item.name)
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


def _search(root: Path, include, exclude) -> list[Input]:
    out = []
    ignores: list[tuple[Path, object]] = []  # (folder, its .gitignore) on the current path
    for folder, dirs, files in os.walk(root, onerror=_unreadable):
        here = Path(folder)
        ignores = [(base, spec) for base, spec in ignores if base == here or base in here.parents]
        spec = _gitignore(here / ".gitignore")
        if spec:
            ignores.append((here, spec))
        dirs[:] = sorted(d for d in dirs if _keep(here / d, root, ignores, exclude, folder_=True))
        for f in sorted(files):
            path = here / f
            rel = path.relative_to(root)
            if _keep(path, root, ignores, exclude, folder_=False) and _matches(rel, include):
                out.append(Input(str(path), rel))
    return out


def _keep(path: Path, root: Path, ignores, exclude, *, folder_: bool) -> bool:
    if path.name.startswith("."):
        return False
    if _matches(path.relative_to(root), exclude):
        return False
    for base, spec in ignores:
        rel = path.relative_to(base).as_posix() + ("/" if folder_ else "")
        if spec.match_file(rel):
            return False
    return True


def _matches(rel: Path, globs) -> bool:
    """A glob with a '/' is matched against the path below the folder, one without against the name."""
    return any(fnmatchcase(rel.as_posix(), g) if "/" in g else fnmatchcase(rel.name, g) for g in globs)


def _gitignore(path: Path):
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec  # (here: a command given only files never needs it)

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _unreadable(error: OSError) -> None:
    raise CleanupError(f"{error.filename}: cannot search the folder: {error.strerror}")


def same_file(a: str | Path, b: str | Path) -> bool:
    """Are a and b the same file (by resolved path, or by inode for hard links)?"""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def overwritten_input(targets, inputs) -> tuple[str, str] | None:
    """(target, input) when writing a target would overwrite an input; else None."""
    names = [i for i in inputs if i != "-"]
    for target in targets:
        for name in names:
            if same_file(target, name):
                return str(target), name
    return None
