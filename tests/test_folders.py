"""`fix`, `diff` and `check` take folders as ruff and codespell do: searched recursively for
text-like files, .gitignore honoured, hidden files skipped, --include/--exclude globs; an empty
file is nothing to do."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.cli.discovery import discover

from .conftest import invoke

DIRTY = "Vladimir Putin (Vladimir Putin) arrived.\n"
CLEAN = "Vladimir Putin arrived.\n"


@pytest.fixture
def tree(tmp_path):
    files = {
        "docs/a.txt": DIRTY, "docs/sub/b.md": DIRTY, "docs/sub/c.rst": DIRTY,
        "docs/build/out.txt": DIRTY,          # ignored by docs/.gitignore
        "docs/sub/notes.log": DIRTY,          # ignored by the root .gitignore
        "docs/.hidden/h.txt": DIRTY, "docs/.h.txt": DIRTY,  # hidden
        "docs/data.csv": DIRTY,               # not text-like
        "docs/sub/keep.log": DIRTY,           # re-included by !keep.log
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.log\n!keep.log\n", encoding="utf-8")
    (tmp_path / "docs" / ".gitignore").write_text("build/\n", encoding="utf-8")
    return tmp_path


def _found(root: Path, *names, **kw) -> list[str]:
    return [Path(i.name).relative_to(root).as_posix() for i in discover([str(root / n) for n in names], **kw)]


def test_a_folder_gives_its_text_files_gitignore_and_hidden_files_aside(tree):
    assert _found(tree, ".") == ["docs/a.txt", "docs/sub/b.md", "docs/sub/c.rst"]


def test_include_and_exclude_globs(tree):
    assert _found(tree, ".", include=["*.log"]) == ["docs/sub/keep.log"]
    assert _found(tree, ".", exclude=["sub"]) == ["docs/a.txt"]
    assert _found(tree, ".", exclude=["docs/sub/*.md"]) == ["docs/a.txt", "docs/sub/c.rst"]


def test_a_file_named_is_taken_whatever_it_is_and_once(tree):
    assert _found(tree, "docs/data.csv", "docs", "docs/a.txt") == [
        "docs/data.csv", "docs/a.txt", "docs/sub/b.md", "docs/sub/c.rst"]


def test_check_and_diff_on_a_folder(tree):
    r = invoke("check", "docs", cwd=tree)
    assert r.returncode == 1
    named = {line.split(":", 1)[0] for line in r.stdout.decode().splitlines()}
    assert named == {"docs/a.txt", "docs/sub/b.md", "docs/sub/c.rst"}
    assert b"3 file(s): 3 with fixes pending" in r.stderr
    d = invoke("diff", "docs", "--include", "*.md", cwd=tree)
    assert d.returncode == 0 and b"docs/sub/b.md" in d.stdout and b"docs/a.txt" not in d.stdout


def test_fix_a_folder_into_another_mirrors_it(tree):
    r = invoke("fix", "docs", "-o", "out", "-q", cwd=tree)
    assert r.returncode == 0, r.stderr
    written = sorted(p.relative_to(tree / "out").as_posix() for p in (tree / "out").rglob("*") if p.is_file())
    assert written == ["a.txt", "sub/b.md", "sub/c.rst"]
    assert (tree / "out" / "sub" / "b.md").read_text(encoding="utf-8") == CLEAN
    assert (tree / "docs" / "sub" / "b.md").read_text(encoding="utf-8") == DIRTY


def test_fix_a_folder_in_place(tree):
    assert invoke("fix", "docs", "--in-place", "-q", cwd=tree).returncode == 0
    assert (tree / "docs" / "sub" / "c.rst").read_text(encoding="utf-8") == CLEAN
    assert (tree / "docs" / "build" / "out.txt").read_text(encoding="utf-8") == DIRTY  # ignored: untouched


def test_a_folder_needs_an_output_or_in_place(tree):
    r = invoke("fix", "docs", cwd=tree)
    assert r.returncode == 2 and b"--output FOLDER or --in-place" in r.stderr


def test_a_folder_without_text_files_is_a_warning_not_an_error(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    r = invoke("check", tmp_path)
    assert r.returncode == 0 and b"no text files found" in r.stderr


@pytest.mark.parametrize("command", ["fix", "diff", "check"])
def test_an_empty_file_is_nothing_to_do(tmp_path, command):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = invoke(command, empty)
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"" and b"error:" not in r.stderr
    assert invoke("fix", empty, "--in-place").returncode == 0 and empty.read_bytes() == b""


def test_a_file_that_only_says_it_is_empty_is_read():
    """/proc files report a size of 0 and have content: they are cleaned, not skipped."""
    r = invoke("fix", "/proc/version")
    assert r.returncode == 0 and r.stdout.startswith(b"Linux")
