"""Hostile and broken input, encodings (issue 17, item 8): what is not text is refused, what
is text in another encoding is read as such or refused, and never a character lost silently."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import invoke

EURO_RULE = """\
id: money
kind: replace
description: Currency codes as signs.
rules:
  - id: euro
    literal: "EUR "
    replacement: "€"
    message: the euro sign
examples:
  - before: "It cost EUR 5."
    after: "It cost €5."
  - unchanged: "It cost five euros."
"""


def run(tmp_path, *args):
    r = invoke(*args, cwd=tmp_path)
    assert "Traceback" not in r.stderr.decode()
    return r


def test_a_file_of_nul_bytes_is_refused_and_left_alone(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00" * 4096)
    r = run(tmp_path, "fix", "--in-place", "a.txt")
    assert r.returncode == 2 and "binary" in r.stderr.decode()
    assert (tmp_path / "a.txt").read_bytes() == b"\x00" * 4096


def test_utf16_without_a_byte_order_mark_is_read_as_utf16_and_written_back_whole(tmp_path):
    text = "Vladimir Putin (Vladimir Putin) arrived in Zürich.\nThe talks went on.\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        r = run(tmp_path, "fix", "--in-place", path.name)
        assert r.returncode == 0, r.stderr
        assert path.read_bytes() == text.replace(" (Vladimir Putin)", "").encode(encoding)
        assert f"read as {encoding}" in r.stderr.decode()


def test_binary_data_that_only_resembles_utf16_is_refused(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"\x00\x01\xff\xfe" * 64)
    r = run(tmp_path, "fix", "a.bin")
    assert r.returncode == 2 and "binary" in r.stderr.decode()


def test_latin1_french_is_read_as_western_and_the_guess_is_named(tmp_path):
    """A detector finds "tr\\xe8s" as likely Central European ("trčs"): cp1250 must not win silently."""
    (tmp_path / "a.txt").write_bytes("Il est très content, à côté du café.\n".encode("latin-1"))
    r = run(tmp_path, "fix", "a.txt")
    assert r.returncode == 0
    assert r.stdout == "Il est très content, à côté du café.\n".encode("latin-1")
    warning = r.stderr.decode()
    assert "read as cp1252" in warning and "--encoding" in warning


def test_central_european_text_is_still_read_as_such(tmp_path):
    (tmp_path / "a.txt").write_bytes("Zażółć gęślą jaźń, powiedział.\n".encode("cp1250"))
    r = run(tmp_path, "fix", "a.txt")
    assert r.returncode == 0
    assert "read as cp1250" in r.stderr.decode()


def test_an_encode_error_recommends_only_options_that_exist(tmp_path):
    (tmp_path / "money.yaml").write_text(EURO_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes("Le café coûte EUR 5.\n".encode("latin-1"))
    r = run(tmp_path, "fix", "--encoding", "latin-1", "-r", "money.yaml", "a.txt", "-o", "out.txt")
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "'€'" in err and "latin-1 cannot encode" in err and "--output-encoding" not in err
    assert not Path(tmp_path / "out.txt").exists()


def test_a_unified_diff_never_writes_a_question_mark_for_a_character(tmp_path):
    (tmp_path / "money.yaml").write_text(EURO_RULE, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes("Le café coûte EUR 5.\n".encode("latin-1"))
    r = run(tmp_path, "diff", "--format", "unified", "--encoding", "latin-1", "-r", "money.yaml", "a.txt")
    assert r.returncode == 2
    assert b"?5" not in r.stdout
    assert "cannot encode" in r.stderr.decode()


def test_a_guessed_encoding_holds_for_the_cleaned_file_too(tmp_path):
    """The fuzzer's find: read as ISO 8859-2 ('\\xa9' = 'Š'), then the cleaned copy as cp1252
    ('\\xa9' = '©', a credit): cleaning twice removed more the second time."""
    (tmp_path / "a.txt").write_bytes(b"Vladimir Putin (Vladimir Putin) held talks.\xa9 Sergei KARPUKHIN / AFP"
                                     b"\xa9Please read on...")
    once = run(tmp_path, "fix", "-q", "a.txt")
    (tmp_path / "once.txt").write_bytes(once.stdout)
    twice = run(tmp_path, "fix", "-q", "once.txt")
    assert once.returncode == twice.returncode == 0
    assert twice.stdout == once.stdout
    assert "read as cp1252" in once.stderr.decode()
