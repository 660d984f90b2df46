"""Outputs never overwrite inputs, and a bad output path is one line, not a traceback.

Without --in-place an input is never written: an output that is an input (by its
resolved path, or the same inode through a hard link) is refused before anything
is read or written.
"""
from __future__ import annotations

import os

import pytest

from .conftest import invoke

TEXT = "Vladimir Putin (Vladimir Putin) arrived in Beijing.\n"


@pytest.fixture
def two(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    return tmp_path


def _refused(r, *words):
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleanup: error: "), err
    for w in words:
        assert w in err, err


@pytest.mark.parametrize("args", [
    ("diff", "a.txt", "-o", "a.txt"),
    ("diff", "a.txt", "--format", "html", "-o", "./a.txt"),
    ("fix", "a.txt", "b.txt", "-o", "."),
    ("fix", "a.txt", "-o", "a.txt"),
    ("fix", "a.txt", "-o", "hard.txt"),     # a hard link to a.txt
    ("fix", "a.txt", "-o", "sym.txt"),      # a symbolic link to a.txt
])
def test_an_output_that_is_an_input_is_refused(two, args):
    os.link(two / "a.txt", two / "hard.txt")
    os.symlink("a.txt", two / "sym.txt")
    _refused(invoke(*args, cwd=two), "is the input")
    assert (two / "a.txt").read_text(encoding="utf-8") == TEXT
    assert (two / "b.txt").read_text(encoding="utf-8") == TEXT


def test_fix_into_a_folder_still_writes_beside_the_inputs(two):
    r = invoke("fix", "a.txt", "b.txt", "-o", "out", "-q", cwd=two)
    assert r.returncode == 0, r.stderr
    assert (two / "out" / "a.txt").read_text(encoding="utf-8") == "Vladimir Putin arrived in Beijing.\n"
    assert (two / "a.txt").read_text(encoding="utf-8") == TEXT


@pytest.mark.parametrize("args,words", [
    (("fix", "a.txt", "b.txt", "-o", "existing.txt"), ["existing.txt", "not a folder"]),
    (("fix", "a.txt", "b.txt", "-o", "existing.txt/sub"), ["existing.txt/sub", "cannot create"]),
    (("fix", "a.txt", "b.txt", "-o", "/proc/cleanup-no-such/sub"), ["cannot create"]),
    (("diff", "a.txt", "-o", "missing/x"), ["missing/x", "cannot write"]),
    (("fix", "a.txt", "-o", "missing/x"), ["missing/x", "cannot write"]),
])
def test_a_bad_output_path_is_one_line(two, args, words):
    (two / "existing.txt").write_text("keep\n", encoding="utf-8")
    _refused(invoke(*args, cwd=two), *words)
    assert (two / "existing.txt").read_text(encoding="utf-8") == "keep\n"


def test_an_output_folder_without_write_permission_is_one_line(two):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; /proc stands in for it above")
    ro = two / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        r = invoke("fix", "a.txt", "b.txt", "-o", "ro/sub", cwd=two)
        _refused(r, "ro/sub", "cannot create")
        assert "permission denied" in r.stderr.decode().lower()
    finally:
        ro.chmod(0o755)


def test_two_inputs_with_one_output_are_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(TEXT, encoding="utf-8")
    _refused(invoke("fix", "a/x.txt", "b/x.txt", "-o", "out", cwd=tmp_path), "would both be written to out/x.txt")
    assert not (tmp_path / "out").exists()
