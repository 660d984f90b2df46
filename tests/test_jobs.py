"""fix, diff and check over many files with worker processes (-j): the same output, in the same order."""
from __future__ import annotations

import shutil

import pytest

from .conftest import SAMPLES


@pytest.fixture
def folder(tmp_path):
    """Ten files from the samples, and one that cannot be read in the middle."""
    samples = sorted(SAMPLES.glob("*.txt"))
    for i in range(10):
        shutil.copy(samples[i % len(samples)], tmp_path / f"doc{i:02d}.txt")
    (tmp_path / "doc05b.txt").write_bytes(b"\x00\x81\xfe\x00" * 8)  # NUL bytes: refused with an error
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize("command", [["check", "--format", "json"], ["diff"], ["diff", "--format", "unified"]])
def test_workers_give_the_same_output_and_exit_code(cli, folder, command):
    one = cli(*command, "-j", "1", str(folder))
    two = cli(*command, "-j", "2", str(folder))
    assert one.returncode == two.returncode != 0  # the unreadable file is an error either way
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr == two.stderr and b"doc05b.txt" in two.stderr


@pytest.mark.slow
def test_fix_with_workers_writes_every_file_as_one_worker_would(cli, folder, tmp_path_factory):
    copy = tmp_path_factory.mktemp("copy")
    for path in folder.iterdir():
        shutil.copy(path, copy / path.name)
    cli("fix", "--in-place", "-j", "1", str(folder))
    cli("fix", "--in-place", "-j", "2", str(copy))
    for path in sorted(folder.iterdir()):
        assert (copy / path.name).read_bytes() == path.read_bytes(), path.name
