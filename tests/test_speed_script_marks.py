"""The script stage's wide marks are found by a stdlib re class (several times faster than the
regex module's on a big text): it holds exactly the characters the regex class held, every code
point checked. The middle-dot detector looks only at a text holding one of its dots: its pattern
matches nothing but those dots."""
from __future__ import annotations

import re

import regex

from cleanup.stages.mt import script


def test_the_wide_marks_class_holds_what_the_regex_class_held():
    before = regex.compile(f"[{regex.escape(script._WIDE)}]")
    assert all(bool(before.match(chr(c))) == bool(script._WIDE_MARK.match(chr(c))) for c in range(0x110000))


def test_the_middle_dot_pattern_matches_only_its_dots():
    assert re.fullmatch(r"\[[・･]+\]", script._MIDDLE_DOT.pattern.split("(?=")[0].split(")")[-1])
