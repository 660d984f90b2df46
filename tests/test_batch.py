"""`cleanup batch` as a data team uses it: folders and JSONL corpora, bad
documents, --resume, worker processes and Dask giving the same bytes.

The reference is `cleanup fix` run as a user runs it; batch runs in this
process (its pipeline is built once for all the tests), its workers and Dask
workers in their own processes.
"""
from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from cleanup.cli.main import app

from .conftest import run_cli, sample_inputs

SAMPLES = sample_inputs()


def batch(*args):
    """Run `cleanup batch ARGS`; the result has exit_code and stderr."""
    return CliRunner().invoke(app, ["batch", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def fixed(tmp_path_factory) -> dict[str, bytes]:
    """What `cleanup fix` makes of each sample: the reference for every batch run."""
    out = tmp_path_factory.mktemp("fixed")
    r = run_cli("fix", *SAMPLES, "-o", out, "-q")
    assert r.returncode == 0, r.stderr
    return {p.name: (out / p.name).read_bytes() for p in SAMPLES}


@pytest.fixture
def corpus(tmp_path):
    """The samples as a folder with a subfolder (and a file batch must not take)."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    for i, p in enumerate(SAMPLES):
        shutil.copy(p, root / ("sub" if i % 2 else "") / p.name)
    (root / "notes.md").write_text("not a *.txt file\n")
    return root


def _jsonl(path, lines):
    path.write_bytes(b"".join((ln if isinstance(ln, bytes) else ln.encode("utf-8")) + b"\n" for ln in lines))
    return path


def _sample_records():
    return [json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8"), "meta": {"score": 0.5, "tags": ["a"]}},
                       ensure_ascii=False) for p in SAMPLES]


def _outputs(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_folder_gives_what_fix_gives_each_file_in_a_mirrored_tree(corpus, tmp_path, fixed):
    out = tmp_path / "out"
    r = batch(corpus, "-o", out, "-j", "1", "--report", tmp_path / "report.json")
    assert r.exit_code == 0, r.stderr
    for i, p in enumerate(SAMPLES):
        assert (out / ("sub" if i % 2 else "") / p.name).read_bytes() == fixed[p.name]
    assert not (out / "notes.md").exists()
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["documents"] == {"read": 5, "changed": 4, "failed": 0}  # seed004 is clean
    assert report["rules"]["duplicated-names.name-in-parentheses"]["applied"] == 1
    assert "documents read" in r.stderr and "edits per rule" in r.stderr


def test_a_jsonl_corpus_gives_what_fix_gives_and_keeps_every_other_field(tmp_path, fixed):
    src = _jsonl(tmp_path / "corpus.jsonl", _sample_records())
    r = batch("--jsonl", src, "-o", tmp_path / "out", "-j", "1")
    assert r.exit_code == 0, r.stderr
    records = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text("utf-8").splitlines()]
    assert [rec["id"] for rec in records] == [p.name for p in SAMPLES]  # input order
    for rec in records:
        assert rec["text"].encode("utf-8") == fixed[rec["id"]]
        assert rec["meta"] == {"score": 0.5, "tags": ["a"]}
        assert isinstance(rec["edits"], int)
    assert records[0]["edits"] > 0 and records[-1]["edits"] == 0  # seed004 is clean


def test_edits_adds_the_edit_records(tmp_path):
    src = _jsonl(tmp_path / "c.jsonl", _sample_records()[:1])
    r = batch("--jsonl", "--edits", src, "-o", tmp_path / "out", "-j", "1")
    assert r.exit_code == 0, r.stderr
    record = json.loads((tmp_path / "out" / "c.jsonl").read_text("utf-8"))
    rules = {e["rule"] for e in record["edits"] if e["applied"]}
    assert "duplicated-names.name-in-parentheses" in rules
    # the records are the edits: applied to the input they give the cleaned text
    original = json.loads(_sample_records()[0])["text"]
    out, pos = [], 0
    for e in sorted((e for e in record["edits"] if e["applied"]), key=lambda e: e["start"]):
        assert original[e["start"]:e["end"]] == e["original"]
        out += [original[pos:e["start"]], e["replacement"]]
        pos = e["end"]
    assert "".join(out) + original[pos:] == record["text"]


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".JSONL"])
def test_a_jsonl_file_is_read_as_records_without_being_asked(tmp_path, suffix):
    """Two identical records stay two records: no rule works across record boundaries."""
    record = json.dumps({"id": 1, "text": "The same line twice.\n"})
    src = _jsonl(tmp_path / f"c{suffix}", [record, record])
    r = batch(src, "-o", tmp_path / "out", "-j", "1", "-q")
    assert r.exit_code == 0, r.stderr
    out = (tmp_path / "out" / f"c{suffix}").read_text("utf-8").splitlines()
    assert [json.loads(x)["text"] for x in out] == ["The same line twice.\n"] * 2


def test_jsonl_and_text_files_together_are_refused_with_what_to_do(tmp_path):
    src = _jsonl(tmp_path / "c.jsonl", [json.dumps({"text": "a"})])
    (tmp_path / "a.txt").write_text("Some text.\n")
    r = batch(src, tmp_path / "a.txt", "-o", tmp_path / "out", "-j", "1")
    assert r.exit_code == 2 and "--jsonl or --text" in r.stderr
    assert not (tmp_path / "out").exists()


def test_bad_jsonl_documents_are_reported_and_the_rest_is_written(tmp_path, fixed):
    good = _sample_records()
    lines = [good[0], '{"id": "broken", "text": "no end', good[1], b'{"id": "latin1", "text": "caf\xe9"}',
             '{"id": "surrogate", "text": "a lone \\ud800 half"}', good[2], "", '{"id": "empty", "text": ""}',
             '{"id": "no text"}', '["not", "an object"]', good[3], good[4]]
    src = _jsonl(tmp_path / "mixed.jsonl", lines)
    r = batch("--jsonl", src, "-o", tmp_path / "out", "--report", tmp_path / "report.json", "-j", "1")
    assert r.exit_code == 1
    out = [json.loads(x) for x in (tmp_path / "out" / "mixed.jsonl").read_text("utf-8").splitlines()]
    assert [rec["id"] for rec in out] == [p.name for p in SAMPLES]  # nothing else lost, order kept
    assert all(rec["text"].encode("utf-8") == fixed[rec["id"]] for rec in out)
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    failures = {f["line"]: f["reason"] for f in report["failures"]}
    assert set(failures) == {2, 4, 5, 8, 9, 10}
    assert "invalid JSON" in failures[2] and "not UTF-8" in failures[4] and "surrogate" in failures[5]
    assert "empty" in failures[8] and "'text'" in failures[9] and "not a JSON object" in failures[10]
    assert report["documents"] == {"read": 11, "changed": 4, "failed": 6}
    assert "mixed.jsonl:2: invalid JSON" in r.stderr


def test_a_document_over_max_bytes_fails_alone(tmp_path):
    records = _sample_records()[:2]
    huge = json.dumps({"id": "huge", "text": "word " * 5000})
    src = _jsonl(tmp_path / "c.jsonl", [records[0], huge, records[1]])
    r = batch("--jsonl", src, "-o", tmp_path / "out", "--max-bytes", "10000", "-j", "1")
    assert r.exit_code == 1
    assert "c.jsonl:2: 25,026 bytes is more than the limit of 10,000" in r.stderr
    out = [json.loads(x)["id"] for x in (tmp_path / "out" / "c.jsonl").read_text("utf-8").splitlines()]
    assert out == [SAMPLES[0].name, SAMPLES[1].name]


def test_bad_files_in_a_folder_are_reported_and_the_rest_is_written(corpus, tmp_path, fixed):
    (corpus / "binary.txt").write_bytes(b"\x00\x01\xff\xfe" * 10)
    (corpus / "empty.txt").write_bytes(b"")
    r = batch(corpus, "-o", tmp_path / "out", "-j", "1", "-q")
    assert r.exit_code == 1
    assert "binary.txt: looks like binary data" in r.stderr and "empty.txt: the file is empty" in r.stderr
    written = {p.name for p in (tmp_path / "out").rglob("*.txt")}
    assert written == {p.name for p in SAMPLES}


def test_resume_skips_complete_outputs_and_redoes_the_rest(corpus, tmp_path):
    out = tmp_path / "out"
    assert batch(corpus, "-o", out, "-j", "1", "-q").exit_code == 0
    kept = out / SAMPLES[0].name
    before = kept.stat().st_mtime_ns
    (out / "sub" / SAMPLES[1].name).unlink()  # as if the run had stopped before it
    r = batch(corpus, "-o", out, "-j", "1", "--resume", "--report", tmp_path / "r.json", "-q")
    assert r.exit_code == 0, r.stderr
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert report["files"] == {"planned": 5, "skipped_complete": 4, "unreadable_folders": 0}
    assert report["documents"]["read"] == 1
    assert kept.stat().st_mtime_ns == before and (out / "sub" / SAMPLES[1].name).exists()
    # other settings would mix two kinds of output in one folder
    r = batch(corpus, "-o", out, "-j", "1", "--resume", "--level", "suggest", "-q")
    assert r.exit_code == 2 and "other settings" in r.stderr


def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    src = _jsonl(tmp_path / "c.jsonl", _sample_records() * 30)  # several chunks, results come back in order
    for jobs in ("1", "2"):
        assert batch("--jsonl", src, "-o", tmp_path / f"out{jobs}", "-j", jobs, "-q").exit_code == 0
    assert _outputs(tmp_path / "out2") == _outputs(tmp_path / "out1")


def test_dask_cluster_writes_the_same_bytes_as_a_local_run(corpus, tmp_path):
    import distributed  # a declared test dependency: missing is a failure, not a skip
    src = _jsonl(tmp_path / "c.jsonl", _sample_records() * 3)
    # process workers (start in a few seconds here): the same code path as a real cluster
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        for args in ((corpus,), ("--jsonl", src)):
            kind = "jsonl" if "--jsonl" in args else "files"
            r = batch(*args, "-o", tmp_path / f"{kind}-dask", "--dask", cluster.scheduler_address, "-q")
            assert r.exit_code == 0, r.stderr
            assert batch(*args, "-o", tmp_path / f"{kind}-local", "-j", "1", "-q").exit_code == 0
            assert _outputs(tmp_path / f"{kind}-dask") == _outputs(tmp_path / f"{kind}-local")


def test_progress_lines_when_not_a_terminal_and_nothing_when_quiet(corpus, tmp_path):
    r = batch(corpus, "-o", tmp_path / "a", "-j", "1")
    assert "cleanup batch: 5 documents" in r.stderr and "docs/s" in r.stderr
    r = batch(corpus, "-o", tmp_path / "b", "-j", "1", "--quiet")
    assert r.exit_code == 0 and r.stderr == ""


@pytest.mark.parametrize("args,message", [
    (("missing-folder",), "no such file or folder"),
    (("{corpus}", "--edits"), "needs --jsonl"),
    (("{corpus}", "-o", "{corpus}"), "cannot be an input folder"),
])
def test_a_wrong_command_does_nothing_and_exits_2(corpus, tmp_path, args, message):
    args = [a.format(corpus=corpus) for a in args]
    before = _outputs(tmp_path)
    r = batch(*args, *(() if "-o" in args else ("-o", tmp_path / "out")), "-j", "1")
    assert r.exit_code == 2 and message in r.stderr
    assert _outputs(tmp_path) == before  # nothing written, nothing changed, corpus included


def test_outputs_get_the_mode_the_umask_gives_jsonl_too(corpus, tmp_path):
    """A streamed JSONL output is written under a temporary name (0600) like every output, then given the umask's mode."""
    import os

    umask = os.umask(0o022)
    try:
        _jsonl(tmp_path / "c.jsonl", _sample_records())
        assert batch(tmp_path / "c.jsonl", "--jsonl", "-o", tmp_path / "out-j", "-j", "1").exit_code == 0
        assert batch(corpus, "-o", tmp_path / "out-t", "-j", "1").exit_code == 0
    finally:
        os.umask(umask)
    modes = {p.stat().st_mode & 0o777 for folder in ("out-j", "out-t") for p in (tmp_path / folder).rglob("*.*")}
    assert modes == {0o644}


def test_a_report_that_cannot_be_written_is_a_clear_error(corpus, tmp_path):
    r = batch(corpus, "-o", tmp_path / "out", "-j", "1", "--report", tmp_path / "no-such-folder" / "r.json")
    assert r.exit_code == 2
    assert "cannot write" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "out" / "seed000.txt").exists()  # the outputs are there all the same


def test_batch_honours_ignore_like_the_other_commands(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Vladimir Putin (Vladimir Putin) arrived.\n", encoding="utf-8")
    r = batch(tmp_path / "in", "-o", tmp_path / "out", "-j", "1", "-q", "--ignore", "duplicated-names.*")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Vladimir Putin (Vladimir Putin) arrived.\n"


def test_batch_error_lines_draw_control_characters(tmp_path):
    r = batch(tmp_path / "no\x1b[2J.txt", "-o", tmp_path / "out")
    assert r.exit_code == 2 and "\x1b" not in r.stderr and "no such file" in r.stderr


def test_progress_counts_from_the_moment_the_summary_does(tmp_path):
    """The rate on the bar and the one in the summary are measured from one start."""
    import time

    from cleanup.batch import run as engine
    from cleanup.batch.progress import Silent
    from cleanup.cli.options import build_options

    class Recorder(Silent):
        def start(self, total_bytes, started=None):
            self.started = started

        def finish(self):
            self.finished = time.perf_counter()

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Some text.\n", encoding="utf-8")
    seen = Recorder()
    settings = engine.BatchSettings(output=tmp_path / "out", jobs=1)
    summary = engine.run_batch([str(tmp_path / "in")], build_options(), settings, seen)
    assert seen.started is not None
    assert seen.finished - seen.started <= summary.seconds
