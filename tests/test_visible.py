"""Invisible characters drawn as symbols: nothing that acts on a terminal gets through, whitespace differences show."""
from __future__ import annotations

import sys
import unicodedata

import pytest

from cleanup.render.visible import safe, visible

from .conftest import run_cli

INVISIBLE = ("Cc", "Cf", "Zl", "Zp")


def test_no_control_or_format_character_survives():
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1)
                    if unicodedata.category(chr(c)) in INVISIBLE and not 0xD800 <= c <= 0xDFFF)
    for shown in (visible(chars), safe(chars.replace("\n", "").replace("\t", ""))):
        assert not [ch for ch in shown if unicodedata.category(ch) in INVISIBLE]


def test_terminal_escapes_are_drawn_not_sent():
    hostile = "title \x1b]0;pwned\x1b\\ clear \x1b[2J csi \x9b2J bell \x07"
    assert visible(hostile) == "title ␛]0;pwned␛\\ clear ␛[2J csi <U+009B>2J bell ␇"
    assert safe("a\n\tb \x1b[2J") == "a\n\tb ␛[2J"


def test_whitespace_is_drawn_when_asked():
    assert visible("a\u00a0b\n\nc\td", newlines=True) == "a⍽b↵\n¶\nc⇥d"
    assert visible("a  b\n") == "a  b↵"
    assert visible("a  b", spaces=True) == "a··b"


def rule_file(after: str) -> str:
    return ("id: spelling\nkind: replace\ndescription: Spelling.\nrules:\n"
            "  - id: us\n    literal: colour\n    replacement: color\n    message: US spelling\n"
            f'examples:\n  - before: "The colour red."\n    after: "{after}"\n')


@pytest.mark.parametrize("after, expected, got", [
    ("The color  red.", "-The·color··red.", "+The·color·red."),        # only a doubled space differs
    ("The color red.\\n", "-The·color·red.↵", "+The·color·red.\n"),    # only the final newline differs
])
def test_a_failure_differing_only_in_whitespace_shows_it(tmp_path, after, expected, got):
    (tmp_path / "a.yaml").write_text(rule_file(after), encoding="utf-8")
    r = run_cli("rules", "test", "a.yaml", cwd=tmp_path)
    out = r.stdout.decode()
    assert r.returncode == 1, out
    assert f"{expected}\n{got}" in out + "\n"
