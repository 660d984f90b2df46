"""Hostile and broken input, files (issue 17, items 1 and 2): bounded reads, output paths the
batch cannot use, a full disk. Each case: a one-line error, exit 2, no traceback, nothing lost."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cleanup.core import files
from tests.conftest import invoke

ZERO = Path("/dev/zero")
needs_dev_zero = pytest.mark.skipif(not ZERO.exists(), reason="needs /dev/zero")


def one_line_error(result, *words) -> str:
    """The error output: one 'cleanup: error:' line holding every word, and no traceback."""
    err = result.stderr.decode()
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1, err
    for word in words:
        assert word in errors[0], err
    return errors[0]


def temps_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- bounded reads: stat() says 0 for a device or a pipe ---------------------------

@needs_dev_zero
def test_a_device_is_read_up_to_max_bytes_and_no_further():
    r = invoke("fix", "--max-bytes", "1000", ZERO)
    assert r.returncode == 2
    one_line_error(r, "/dev/zero", "1,000", "--max-bytes")


@needs_dev_zero
def test_read_bounded_reads_one_byte_past_the_limit_at_most(monkeypatch):
    asked = []
    real_open = open

    class Spy:
        def __init__(self, fh):
            self.fh = fh

        def read(self, n=-1):
            asked.append(n)
            return self.fh.read(n)

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr("builtins.open", lambda *a, **k: Spy(real_open(*a, **k)))
    with pytest.raises(files.InputError):
        files.read_bounded(ZERO, 4096)
    assert asked == [4097]


@needs_dev_zero
@pytest.mark.parametrize("command, what", [(["fix", "a.txt", "--rules"], "rule file"),
                                           (["apply", "a.txt", "--decisions"], "decisions file")])
def test_a_device_given_as_rule_or_decisions_file_is_refused(tmp_path, command, what):
    (tmp_path / "a.txt").write_text("Hello.\n")
    r = invoke(*command, ZERO, cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "/dev/zero", f"too large for a {what}")


def test_a_settings_file_past_its_limit_is_refused(tmp_path):
    """cleanup.toml is read with the same bounded reader (1 MiB is far past any real one)."""
    (tmp_path / "cleanup.toml").write_text("# padding\n" * 200_000)
    (tmp_path / "a.txt").write_text("Hello.\n")
    r = invoke("fix", "a.txt", cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "cleanup.toml", "too large for a settings file")


def test_standard_input_past_the_limit_is_refused():
    r = invoke("fix", "--max-bytes", "100", "-", input=b"word " * 1000)
    assert r.returncode == 2
    one_line_error(r, "<stdin>", "100")


# -- batch output paths ------------------------------------------------------------

def test_batch_into_an_existing_file_is_a_one_line_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Hello.\n")
    (tmp_path / "taken").write_text("keep me\n")
    r = invoke("batch", "in", "-o", "taken", "-q", cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "taken", "is a file")
    assert (tmp_path / "taken").read_text() == "keep me\n"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_batch_into_a_folder_that_cannot_be_made_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text("Hello.\n")
    r = invoke("batch", "a.txt", "-o", "/proc/oops", "-q", cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "/proc/oops", "cannot make the output folder")


def test_batch_with_a_dask_address_that_is_not_one_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text("Hello.\n")
    r = invoke("batch", "a.txt", "-o", "out", "--dask", "notaurl!!", "-q", cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "--dask notaurl!!")


# -- a full disk ---------------------------------------------------------------------

@pytest.fixture
def full_disk(monkeypatch):
    """Every write of an output fails as on a full file system (at the flush to disk)."""
    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", no_space)


ARTICLE = "Vladimir Putin (Vladimir Putin) arrived.\n"


def test_a_full_disk_on_fix_output_is_one_line_and_leaves_nothing(tmp_path, full_disk):
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = invoke("fix", "a.txt", "-o", "out.txt", cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "out.txt", "No space left on device")
    assert not (tmp_path / "out.txt").exists()
    assert temps_in(tmp_path) == []


def test_a_full_disk_in_place_keeps_the_input_whole(tmp_path, full_disk):
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = invoke("fix", "--in-place", "a.txt", cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "a.txt", "No space left on device", "left as it was")
    assert (tmp_path / "a.txt").read_text() == ARTICLE
    assert temps_in(tmp_path) == []


def test_a_full_disk_in_batch_is_a_one_line_error(tmp_path, full_disk):
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = invoke("batch", "a.txt", "-o", "out", "-q", cwd=tmp_path)
    assert r.returncode == 2
    one_line_error(r, "No space left on device")
    assert not (tmp_path / "out" / "a.txt").exists()


def test_the_report_of_a_refused_batch_is_not_written(tmp_path):
    """(A refused batch writes nothing: a report would claim work that was not done.)"""
    (tmp_path / "taken").write_text("x")
    (tmp_path / "a.txt").write_text(ARTICLE)
    invoke("batch", "a.txt", "-o", "taken", "--report", "r.json", "-q", cwd=tmp_path)
    assert not (tmp_path / "r.json").exists()
