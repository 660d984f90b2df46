"""The CLI as a user meets it: outputs, exit codes, and bad input."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import regex

from cleanup.cli.options import parse_size

from .conftest import SAMPLES, invoke, run_cli

SEED000 = SAMPLES / "seed000.txt"
SEED002 = SAMPLES / "seed002.txt"
SEED004 = SAMPLES / "seed004.txt"


def test_fix_writes_clean_text_to_stdout_and_a_summary_to_stderr():
    r = run_cli("fix", SEED000)
    assert r.returncode == 0
    assert b"Vladimir Putin (Vladimir Putin)" not in r.stdout and b"Please read on" not in r.stdout
    assert b"Russian President Vladimir Putin held talks" in r.stdout
    assert b"duplicated-names.name-in-parentheses 1" in r.stderr


def test_fix_reads_stdin():
    r = run_cli("fix", "-", input="Talks with Xi (Xi) went well.\n".encode())
    assert r.returncode == 0 and r.stdout == b"Talks with Xi went well.\n"


def test_fix_in_place_rewrites_only_when_asked(tmp_path):
    target = tmp_path / "a.txt"
    shutil.copy(SEED000, target)
    before = target.read_bytes()
    invoke("fix", target, "-o", tmp_path / "out.txt")
    assert target.read_bytes() == before  # never overwrite without --in-place
    r = invoke("fix", "--in-place", target)
    assert r.returncode == 0 and target.read_bytes() == (tmp_path / "out.txt").read_bytes() != before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_fix_several_files_into_a_folder(tmp_path):
    r = invoke("fix", SEED000, SEED004, "-o", tmp_path / "out")
    assert r.returncode == 0
    assert (tmp_path / "out" / "seed004.txt").read_bytes() == SEED004.read_bytes()
    assert invoke("fix", SEED000, SEED004).returncode == 2  # several files need -o or --in-place


def test_level_suggest_applies_suggestions():
    text = "Talks lasted fourhours.\n".encode()
    assert invoke("fix", "-", input=text).stdout == text
    assert invoke("fix", "-", "--level", "suggest", input=text).stdout == b"Talks lasted four hours.\n"


def test_accept_and_reject_globs():
    text = "They met in the the Kremlin. Talks lasted fourhours.\n".encode()
    r = invoke("fix", "-", "--reject", "structure.*", "--accept", "words.run-on", input=text)
    assert r.stdout == b"They met in the the Kremlin. Talks lasted four hours.\n"


def test_diff_json_records_point_into_the_original():
    r = invoke("diff", SEED002, "--format", "json")
    assert r.returncode == 0
    records = json.loads(r.stdout)
    original = SEED002.read_text(encoding="utf-8")
    assert records and {"rule", "level", "start", "end", "line", "column", "original", "replacement",
                        "message"} <= set(records[0])
    for rec in records:
        assert original[rec["start"]:rec["end"]] == rec["original"]
        line_start = original.rfind("\n", 0, rec["start"]) + 1
        assert rec["line"] == original.count("\n", 0, rec["start"]) + 1
        assert rec["column"] == rec["start"] - line_start + 1
        assert (rec["replacement"] is None) == (rec["level"] == "flag")
    assert {"boilerplate.photo-credit-line", "structure.teaser-pair", "structure.duplicate-line"} <= \
        {rec["rule"] for rec in records}


def test_diff_text_shows_rule_and_message_for_each_change():
    r = invoke("diff", SEED000)
    out = r.stdout.decode()
    assert "duplicated-names.name-in-parentheses" in out and "A name repeated in parentheses" in out
    assert "[- (Vladimir Putin)-]" in out


@pytest.mark.parametrize("tool", ["patch", "git"])
@pytest.mark.parametrize("name,newline,bom", [("lf.txt", "\n", False), ("crlf.txt", "\r\n", True)])
def test_unified_diff_applies_with_patch_and_git(tmp_path, tool, name, newline, bom):
    if not shutil.which(tool):
        pytest.skip(f"{tool} is not installed")
    text = SEED002.read_text(encoding="utf-8").replace("\n", newline)
    data = ("\ufeff" + text if bom else text).encode("utf-8")
    (tmp_path / name).write_bytes(data)
    diff = invoke("diff", name, "--format", "unified", cwd=tmp_path).stdout
    expected = invoke("fix", name, cwd=tmp_path).stdout
    (tmp_path / "d.patch").write_bytes(diff)
    # GNU patch strips CRs unless told the patch is --binary
    cmd = ["patch", "--binary", "-p0", "-i", "d.patch"] if tool == "patch" else \
        ["git", "apply", "-p0", "--unsafe-paths", "d.patch"]
    if tool == "git":
        subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True)
    assert done.returncode == 0, done.stderr.decode() + done.stdout.decode()
    assert (tmp_path / name).read_bytes() == expected


def test_check_exit_codes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("A clean sentence about the weather.\n", encoding="utf-8")
    assert invoke("check", clean).returncode == 0
    r = invoke("check", SEED000)
    assert r.returncode == 1 and b"duplicated-names.name-in-parentheses" in r.stdout
    assert invoke("check", SEED004).returncode == 0  # only suggestions and flags
    assert invoke("check", tmp_path / "missing.txt").returncode == 2
    records = json.loads(invoke("check", SEED000, "--format", "json").stdout)
    assert all(rec["file"] == str(SEED000) for rec in records)


# -- bad input: one line, non-zero exit, no traceback, input untouched ---------

def _one_line_error(r, *words):
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) >= 1 and "error" in lines[0]
    for w in words:
        assert w in err, err
    return err


@pytest.mark.parametrize("make,words", [
    (lambda p: None, ["no such file"]),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), ["binary"]),
    (lambda p: p.write_bytes(b"\xff\xfe\x00\xd8 broken utf-16"), ["not valid"]),
])
def test_bad_inputs(tmp_path, make, words):
    path = tmp_path / "input.txt"
    make(path)
    before = path.read_bytes() if path.is_file() else None
    for command in ("fix", "diff", "check"):
        _one_line_error(invoke(command, path, "-o" if command == "fix" else "--format",
                                tmp_path / "o.txt" if command == "fix" else "json"), *words)
    if before is not None:
        assert path.read_bytes() == before


def test_undecodable_bytes_are_detected_or_named(tmp_path):
    path = tmp_path / "latin.txt"
    data = "Le caf\u00e9 de la r\u00e9publique a ferm\u00e9 ses portes apr\u00e8s la gr\u00e8ve.\n".encode("latin-1")
    path.write_bytes(data)
    r = invoke("fix", path)
    assert r.returncode == 0 and r.stdout == data  # decoded by detection, written back in its encoding
    assert invoke("fix", path, "--encoding", "ascii").returncode == 2


def test_too_large_input_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    _one_line_error(invoke("fix", path, "--max-bytes", "100"), "limit")


@pytest.mark.parametrize("content,words", [
    ("id: x\nkind: replace\ndescription: d\nrules: [\n", ["bad.yaml:", "invalid YAML"]),
    ("id: x\nkind: replace\ndescription: d\ncolour: red\nrules: []\nexamples: []\n", ["bad.yaml:4", "colour"]),
    ("id: x\nkind: replace\ndescription: d\nrules:\n  - id: r\n    pattern: '(unclosed'\n"
     "    replacement: ''\n    message: m\nexamples: []\n", ["bad.yaml:6", "rules[0].pattern", "invalid regular"]),
    ("id: x\nkind: replace\ndescription: d\nrules:\n  - id: r\n    pattern: 'a'\n"
     "    replacement: '\\2'\n    message: m\nexamples: []\n", ["bad.yaml:", "replacement", "group 2"]),
])
def test_broken_rule_files(tmp_path, content, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    _one_line_error(invoke("fix", SEED004, "--rules", bad), *words)


def test_runaway_regex_rule_is_reported_by_id_and_does_not_hang(tmp_path):
    rules = tmp_path / "slow.yaml"
    rules.write_text("id: slow\nkind: replace\ndescription: d\nrules:\n  - id: backtracker\n"
                     "    pattern: '(a|aa)+$'\n    replacement: 'x'\n    message: m\n"
                     "examples:\n  - unchanged: b\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("a" * 60 + "b\nThe the end.\n", encoding="utf-8")
    r = invoke("fix", doc, "--rules", rules)
    assert b"slow.backtracker" in r.stderr and b"Traceback" not in r.stderr
    assert r.stdout.endswith(b"The end.\n")  # other rules still ran
    assert invoke("check", doc, "--rules", rules).returncode == 2


def test_unified_diff_of_a_text_with_a_line_separator_character_applies(tmp_path):
    """U+2028 and form feeds are not line ends for patch: the diff must not split there."""
    if not shutil.which("patch"):
        pytest.skip("patch is not installed")
    (tmp_path / "a.txt").write_text("One\u2028two\x0c three (Xi) (Xi).\nXi (Xi) met.\n", encoding="utf-8")
    diff = invoke("diff", "a.txt", "--format", "unified", cwd=tmp_path).stdout
    expected = invoke("fix", "a.txt", cwd=tmp_path).stdout
    (tmp_path / "d.patch").write_bytes(diff)
    done = subprocess.run(["patch", "-p0", "-i", "d.patch"], cwd=tmp_path, capture_output=True)
    assert done.returncode == 0, done.stdout.decode()
    assert (tmp_path / "a.txt").read_bytes() == expected


# -- help and usage errors read like a well-kept CLI ------------------------------

COMMANDS = [(), ("fix",), ("diff",), ("check",), ("review",), ("apply",), ("batch",), ("config",), ("rules",),
            ("rules", "list"), ("rules", "show"), ("rules", "test"), ("rules", "lint"), ("rules", "new")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "cleanup")
def test_help_shows_names_not_python_types(command):
    r = invoke(*command, "--help")
    out = r.stdout.decode()
    assert r.returncode == 0 and out.startswith("Usage: cleanup")
    assert not regex.search(r"<(bool|str|int|float|path|list\[[^]]*\])>", out), out
    assert "{" not in out.splitlines()[0], out  # `FILE...`, not `{FILE...}...`


def test_usage_names_arguments_in_the_usual_form():
    assert invoke("fix", "--help").stdout.decode().splitlines()[0] == "Usage: cleanup fix [OPTIONS] FILE..."
    assert invoke("rules", "test", "--help").stdout.decode().splitlines()[0] == \
        "Usage: cleanup rules test [OPTIONS] [PATH]..."


@pytest.mark.parametrize("args", [
    ("fix", "--bogus", "x.txt"), ("fix",), ("diff", "-f", "nope", "x.txt"), ("nosuch",),
    ("fix", "--max-bytes", "12Q", "x.txt"), ("check", "--min-level", "loud", "x.txt"),
])
def test_a_usage_error_is_one_line(args):
    r = invoke(*args)
    lines = r.stderr.decode().splitlines()
    assert r.returncode == 2 and len(lines) == 1 and lines[0].startswith("cleanup: error: "), lines
    assert r.stdout == b""


@pytest.mark.parametrize("size,limit", [("64M", 64 * 2 ** 20), ("512K", 512 * 1024), ("1000", 1000),
                                        ("1.5k", 1536), ("2MiB", 2 * 2 ** 20)])
def test_max_bytes_in_human_units(size, limit):
    assert parse_size(size) == limit


def test_max_bytes_is_shown_and_honoured_in_human_units(tmp_path):
    assert "[default: 64M]" in invoke("fix", "--help").stdout.decode()
    (tmp_path / "a.txt").write_bytes(b"word " * 300)
    assert invoke("fix", "a.txt", "--max-bytes", "1K", cwd=tmp_path).returncode == 2
    assert invoke("fix", "a.txt", "--max-bytes", "2K", cwd=tmp_path).returncode == 0
