"""Input never drives the terminal: control characters from a text, a rule message or a file name
come out drawn as symbols (ESC as ␛), in every command and format a person reads; a closed pipe
(`cleanup diff | head`) is a normal end, not an error."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, invoke

ESC = "\x1b"
# a window-title change (OSC ... ST), a screen clear (CSI 2J) and a C1 CSI, with a fix to show
HOSTILE = f"Vladimir Putin (Vladimir Putin) met {ESC}]0;pwned{ESC}\\ the the press {ESC}[2J today \x9b31m.\n"
RAW = (ESC.encode(), "\x9b".encode("utf-8"))


def _no_raw_controls(data: bytes) -> None:
    for raw in RAW:
        assert raw not in data, data


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [
    ("diff",), ("check",), ("diff", "--format", "github"), ("check", "--format", "github"),
    ("diff", "--level", "suggest"), ("fix", "--select", "nothing-such"),
])
def test_text_outputs_draw_control_characters(hostile, args):
    r = invoke(*args[:1], hostile, *args[1:])
    assert r.returncode in (0, 1), r.stderr
    _no_raw_controls(r.stdout if args[0] != "fix" else r.stderr)
    if args[0] != "fix":
        assert "␛".encode() in r.stdout or b"<U+009B>" in r.stdout


def test_json_and_sarif_escape_every_active_character(hostile):
    for fmt in ("json", "sarif"):
        r = invoke("check", hostile, "--format", fmt)
        _no_raw_controls(r.stdout)
        json.loads(r.stdout)  # still JSON, the characters kept as escapes
        assert b"\\u001b" in r.stdout or b"\\u009b" in r.stdout


def test_a_file_name_in_an_error_line_is_drawn(tmp_path):
    name = tmp_path / f"no{ESC}[2Jsuch.txt"
    for command in ("fix", "diff", "check"):
        r = invoke(command, name)
        assert r.returncode == 2
        _no_raw_controls(r.stderr)
        assert "no␛[2Jsuch.txt".encode() in r.stderr


def test_a_unified_diff_on_a_terminal_is_drawn_but_in_a_file_is_exact(tmp_path, hostile):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(sys.executable, ["-m", "cleanup", "diff", "--format", "unified", str(hostile)],
                          cwd=str(ROOT), env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}, timeout=None)
    shown = child.read()
    child.wait()
    assert b"Vladimir Putin met" in shown
    _no_raw_controls(shown)
    exact = invoke("diff", "--format", "unified", hostile).stdout  # for patch: the file's own bytes
    assert ESC.encode() in exact


@pytest.mark.parametrize("args", [["diff"], ["check"], ["fix"], ["rules", "list"]], ids=" ".join)
def test_output_into_a_closed_pipe_ends_quietly(tmp_path, args):
    doc = tmp_path / "a.txt"
    doc.write_text("Vladimir Putin (Vladimir Putin) arrived.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "cleanup", *args, *([doc] if args[0] != "rules" else [])],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # as `| head -0` does: gone before the command has written anything
    err = proc.stderr.read()
    assert proc.wait() == 0, err
    assert err == b""
