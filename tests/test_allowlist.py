"""Words a team accepts are neither changed nor flagged (from --allow, an accept file, or the
config), and passages marked with inline comments are left alone."""
from __future__ import annotations

import pytest

from cleanup.core.allowlist import is_allowed, quiet_regions, read_allow_file
from cleanup.core.errors import CleanupError

from .conftest import invoke

TEXT = "The glorbnax arrived. President Poutine met Xi Jinping.\n"


def _findings(r) -> set[str]:
    return {line.rsplit(": ", 1)[-1] for line in r.stdout.decode().splitlines()}


@pytest.fixture
def doc(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def test_without_an_allowlist_both_words_are_findings(doc):
    r = invoke("check", "a.txt", cwd=doc)
    assert _findings(r) == {"'glorbnax'", "'Poutine' -> 'Putin'"} and r.returncode == 1


def test_allow_on_the_command_line(doc):
    r = invoke("check", "a.txt", "--allow", "glorbnax", "--allow", "Poutine", cwd=doc)
    assert r.stdout == b"" and r.returncode == 0
    fixed = invoke("fix", "a.txt", "--allow", "Poutine", cwd=doc)
    assert fixed.stdout.decode() == TEXT


def test_an_accept_file_like_vales(doc):
    (doc / "accept.txt").write_text("# our names\nPoutine\n\nglorbnax  # a product\n", encoding="utf-8")
    assert read_allow_file(doc / "accept.txt") == ["Poutine", "glorbnax"]
    r = invoke("check", "a.txt", "--allow-file", "accept.txt", cwd=doc)
    assert r.stdout == b"" and r.returncode == 0


def test_allow_in_the_config_and_a_file_named_there(doc):
    (doc / "words").mkdir()
    (doc / "words" / "accept.txt").write_text("glorbnax\n", encoding="utf-8")
    (doc / "cleanup.toml").write_text('allow = ["Poutine"]\nallow_files = ["words/accept.txt"]\n', encoding="utf-8")
    (doc / "sub").mkdir()
    (doc / "sub" / "a.txt").write_text(TEXT, encoding="utf-8")
    r = invoke("check", "a.txt", cwd=doc / "sub")  # the file is found relative to the config, not the cwd
    assert r.stdout == b"" and r.returncode == 0, r.stderr


def test_a_missing_accept_file_is_one_line(doc):
    r = invoke("check", "a.txt", "--allow-file", "nope.txt", cwd=doc)
    assert r.returncode == 2 and r.stderr.decode().startswith("cleanup: error: nope.txt: cannot read")


def test_an_allowed_word_glued_to_the_next_still_counts_and_phrases_stay_phrases():
    words = frozenset({"Torachinga"})
    assert is_allowed("Torachinga", words) and is_allowed("Torachingasaid", words)
    assert not is_allowed("Torachinga said the line goes", words)  # a line removal is not about the word
    assert not is_allowed("torachinga", words)  # names are matched as spelled


MARKED = """\
<!-- cleanup: off -->
The glorbnax arrived. President Poutine met Xi Jinping.
<!-- cleanup: on -->
The glorbnax arrived.
<!-- cleanup: ignore-next-line -->
President Poutine met Xi Jinping.
Then President Poutine left.
"""


def test_inline_comments_leave_their_passages_alone(tmp_path):
    (tmp_path / "a.md").write_text(MARKED, encoding="utf-8")
    r = invoke("check", "a.md", cwd=tmp_path)
    lines = r.stdout.decode().splitlines()
    assert [line.split(":")[1] for line in lines] == ["4", "7"], lines  # the glorbnax after 'on'; the last line
    fixed = invoke("fix", "a.md", cwd=tmp_path).stdout.decode()
    assert fixed == MARKED.replace("Then President Poutine", "Then President Putin")


def test_quiet_regions_cover_the_directive_lines_and_run_to_the_end_when_not_closed():
    text = "a\n<!-- cleanup: off -->\nb\n"
    assert quiet_regions(text) == ((2, len(text)),)
    assert quiet_regions("no directives here") == ()


def test_a_broken_allow_file_is_refused(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(CleanupError, match="not UTF-8"):
        read_allow_file(tmp_path / "bad.txt")
