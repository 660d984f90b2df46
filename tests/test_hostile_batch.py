"""Hostile and broken input, batch (issue 17, items 6 and 10): records that json would read
wrongly, a folder that cannot be listed, temporary files left by a killed run, workers
outliving their main process."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanup.batch import run as engine
from tests.conftest import ROOT, invoke

ARTICLE = "Vladimir Putin (Vladimir Putin) arrived.\n"


def run_batch(tmp_path, *args):
    r = invoke("batch", *args, "-j", "1", "-q", "--report", "report.json", cwd=tmp_path)
    assert "Traceback" not in r.stderr.decode()
    report = tmp_path / "report.json"
    return r, (json.loads(report.read_text("utf-8")) if report.exists() else None)


def jsonl_lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines()


# -- records --------------------------------------------------------------------------

def test_a_record_with_a_repeated_key_is_refused_not_half_read(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "a", "text": "b"}\n{"text": "%s"}\n' % ARTICLE.strip())
    r, report = run_batch(tmp_path, "c.jsonl", "-o", "out")
    assert r.returncode == 1
    [failure] = report["failures"]
    assert failure["line"] == 1 and "'text' appears twice" in failure["reason"]
    assert len(jsonl_lines(tmp_path / "out" / "c.jsonl")) == 1


def test_numbers_are_written_back_as_they_were_written(tmp_path):
    """1e400 is not a float Python can hold (it became Infinity, which is not JSON)."""
    (tmp_path / "c.jsonl").write_text('{"text": "%s", "score": 1e400, "p": 1.50, "big": %s}\n'
                                      % (ARTICLE.strip(), "9" * 5000))
    r, _ = run_batch(tmp_path, "c.jsonl", "-o", "out")
    assert r.returncode == 0, r.stderr
    [line] = jsonl_lines(tmp_path / "out" / "c.jsonl")
    assert b'"score":1e400' in line and b'"p":1.50' in line and b'"big":' + b"9" * 5000 in line
    assert b"Infinity" not in line
    assert b'"text":"Vladimir Putin arrived."' in line


def test_a_byte_order_mark_before_the_first_record_is_accepted(tmp_path):
    (tmp_path / "c.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": ARTICLE}).encode() + b"\n")
    r, report = run_batch(tmp_path, "c.jsonl", "-o", "out")
    assert r.returncode == 0, r.stderr
    assert report["documents"] == {"read": 1, "changed": 1, "failed": 0}


def test_a_deeply_nested_record_is_a_failure_with_a_reason(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "a", "x": ' + "[" * 100_000 + "\n")
    r, report = run_batch(tmp_path, "c.jsonl", "-o", "out")
    assert r.returncode == 1
    assert "internal error" not in report["failures"][0]["reason"]


# -- a folder that cannot be listed --------------------------------------------------------

def test_a_folder_that_cannot_be_listed_is_counted_and_reported(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "ok").mkdir(parents=True)
    (corpus / "locked").mkdir()
    (corpus / "ok" / "a.txt").write_text(ARTICLE)
    (corpus / "locked" / "b.txt").write_text(ARTICLE)
    real_scandir = os.scandir

    def scandir(path="."):  # as for a folder without read permission (the tests may run as root)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    r, report = run_batch(tmp_path, "corpus", "-o", "out")
    assert r.returncode == 1
    assert report["files"]["unreadable_folders"] == 1 and report["documents"]["failed"] == 1
    assert report["failures"][0]["input"].endswith("locked")
    assert "cannot read this folder" in report["failures"][0]["reason"]
    assert "locked" in r.stderr.decode()
    assert (tmp_path / "out" / "ok" / "a.txt").exists()


# -- what a killed run leaves ------------------------------------------------------------------

def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_rerun_removes_temporary_files_of_a_killed_run(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".part3.jsonl.{dead_pid()}.abcd1234.tmp"
    stale.write_text("half")
    live = out / f".other.txt.{os.getpid()}.abcd1234.tmp"  # a writer still at work: not ours to remove
    live.write_text("busy")
    r, _ = run_batch(tmp_path, "a.txt", "-o", "out", "--resume")
    assert r.returncode == 0, r.stderr
    assert not stale.exists() and live.exists()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the workers")
def test_workers_end_when_the_main_process_is_killed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (ROOT / "samples" / "seed002.txt").read_text("utf-8")
    for i in range(3000):
        (corpus / f"d{i}.txt").write_text(text)
    main = subprocess.Popen([sys.executable, "-m", "cleanup", "batch", "corpus", "-o", "out", "-j", "2", "-q"],
                            cwd=tmp_path, stderr=subprocess.DEVNULL)
    try:
        workers = wait_for_children(main.pid, 2)
        assert workers, "the batch finished before it could be killed"
    finally:
        main.send_signal(signal.SIGKILL)
        main.wait()
    assert wait_until_gone(workers), f"workers {workers} outlived the killed main process"


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def wait_for_children(pid: int, n: int, tries: int = 600) -> list[int]:
    for _ in range(tries):
        found = children(pid)
        if len(found) >= n:
            return found
        time.sleep(0.1)
    return []


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until_gone(pids: list[int], tries: int = 300) -> bool:
    """Poll (up to half a minute: the old workers ran on for over a minute)."""
    for _ in range(tries):
        if not any(alive(p) for p in pids):
            return True
        time.sleep(0.1)
    for p in pids:  # do not leave them running after a failure
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass
    return False


def test_the_engine_plans_nothing_from_an_unlisted_folder_silently(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    monkeypatch.setattr(os, "scandir", lambda path=".": (_ for _ in ()).throw(PermissionError(13, "denied", path)))
    unreadable = []
    sources = engine.plan([str(tmp_path / "in")],
                          engine.BatchSettings(output=tmp_path / "out"), unreadable)
    assert sources == [] and unreadable == [(str(tmp_path / "in"), "denied")]
