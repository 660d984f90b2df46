"""Hostile and broken input, in-place writing (issue 17, item 6): `fix --in-place` rewrites
the file the user named and nothing else, keeps what makes it that file, and refuses rather
than lose someone else's change."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.core.document import Document
from tests.conftest import invoke

ARTICLE = "Vladimir Putin (Vladimir Putin) arrived.\n"
CLEANED = "Vladimir Putin arrived.\n"
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another owner needs root")


def fix_in_place(tmp_path, *names):
    r = invoke("fix", "--in-place", "-q", *names, cwd=tmp_path)
    assert "Traceback" not in r.stderr.decode()
    return r


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_symlink_stays_a_link_and_its_target_is_rewritten(tmp_path):
    (tmp_path / "real.txt").write_text(ARTICLE)
    (tmp_path / "link.txt").symlink_to("real.txt")
    assert fix_in_place(tmp_path, "link.txt").returncode == 0
    assert (tmp_path / "link.txt").is_symlink() and os.readlink(tmp_path / "link.txt") == "real.txt"
    assert (tmp_path / "real.txt").read_text() == CLEANED
    assert leftovers(tmp_path) == []


@as_root
def test_owner_group_and_setuid_bit_are_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    os.chown(path, 65534, 65534)  # nobody / nogroup
    os.chmod(path, 0o4754)
    assert fix_in_place(tmp_path, "a.txt").returncode == 0
    st = path.stat()
    assert path.read_text() == CLEANED
    assert (st.st_uid, st.st_gid) == (65534, 65534)
    assert stat.S_IMODE(st.st_mode) == 0o4754


def test_the_mode_is_kept(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    os.chmod(path, 0o640)
    assert fix_in_place(tmp_path, "a.txt").returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text() == CLEANED


def test_a_file_with_hard_links_is_refused_and_every_name_keeps_its_text(tmp_path):
    """A rename would cut the file off from its other names (they would keep the old text):
    the documented choice is to refuse, and say how to go on."""
    (tmp_path / "a.txt").write_text(ARTICLE)
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    r = fix_in_place(tmp_path, "a.txt")
    assert r.returncode == 2
    assert "hard links" in r.stderr.decode() and "-o" in r.stderr.decode()
    assert (tmp_path / "a.txt").read_text() == ARTICLE == (tmp_path / "b.txt").read_text()
    assert os.stat(tmp_path / "a.txt").st_ino == os.stat(tmp_path / "b.txt").st_ino
    assert leftovers(tmp_path) == []


def test_a_change_by_another_process_during_the_run_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    real_to_chunks = Document.to_chunks

    def meanwhile(doc, text=None):  # another editor saves between our read and our write
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("A paragraph someone else just wrote.\n")
        return real_to_chunks(doc, text)

    monkeypatch.setattr(Document, "to_chunks", meanwhile)
    r = fix_in_place(tmp_path, "a.txt")
    assert r.returncode == 2
    assert "changed by another process" in r.stderr.decode()
    assert path.read_text() == ARTICLE + "A paragraph someone else just wrote.\n"
    assert leftovers(tmp_path) == []


def test_apply_in_place_does_not_overwrite_a_change_made_during_the_run(tmp_path, monkeypatch):
    """`apply -i` (and `review -i`) write in place as fix does: a file changed since it was read is kept."""
    import json

    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    (tmp_path / "d.json").write_text(json.dumps({"format": "cleanup-decisions", "version": 1, "file": "a.txt",
                                                 "level": "fix", "decisions": []}))
    real_to_bytes = Document.to_bytes

    def meanwhile(doc, text=None):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("A paragraph someone else just wrote.\n")
        return real_to_bytes(doc, text)

    monkeypatch.setattr(Document, "to_bytes", meanwhile)
    r = invoke("apply", "a.txt", "--decisions", "d.json", "--in-place", cwd=tmp_path)
    assert r.returncode == 2 and "changed by another process" in r.stderr.decode()
    assert path.read_text().startswith(ARTICLE + "A paragraph someone else just wrote.\n")
    assert leftovers(tmp_path) == []


def test_a_file_replaced_during_the_run_is_not_overwritten(tmp_path, monkeypatch):
    """The same size and a new inode (an editor that saves by rename) is a change too."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    real_to_chunks = Document.to_chunks

    def replaced(doc, text=None):
        (tmp_path / "new").write_text(ARTICLE.upper())
        os.replace(tmp_path / "new", path)
        return real_to_chunks(doc, text)

    monkeypatch.setattr(Document, "to_chunks", replaced)
    assert fix_in_place(tmp_path, "a.txt").returncode == 2
    assert path.read_text() == ARTICLE.upper()


def test_the_next_run_removes_temporary_files_a_killed_run_left(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its pid is now free: the writer of the temp file below is gone
    (tmp_path / "a.txt").write_text(ARTICLE)
    stale = tmp_path / f".a.txt.{child.pid}.k3j2h1g0.tmp"
    stale.write_text("half an article")
    assert fix_in_place(tmp_path, "a.txt").returncode == 0
    assert leftovers(tmp_path) == []
    assert (tmp_path / "a.txt").read_text() == CLEANED


def test_an_unchanged_file_is_not_rewritten(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(CLEANED)
    before = path.stat()
    assert fix_in_place(tmp_path, "a.txt").returncode == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
