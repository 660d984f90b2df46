"""The doubled-phrase search's widest gap between two pieces of a line finds the spaces other than
" " and a line end by string search, one kind at a time, stopping once the counts say all are found:
the same as measuring every run of spaces with a pattern (the oracle below)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.stages.mt import doubled

SPACES = [" ", "  ", "\n", "\n\n", " \n ", "\t", "\xa0", " \xa0 ", "\u3000", "\u2028", "\r\n", "\x1f", "\u205f ",
          "\t ", " \u2009", "\x0b", "\n\t\t"]
WORDS = ["a", "gift", "or", ",", "New", "年", "x" * 30]


def widest_by_pattern(text: str) -> int:
    return max([1, *(len(m.group()) for m in re.finditer(r"[^\S\n]+", text))])


def lengths_of(text: str) -> bytes:
    return bytes(len(p) for p in text.split())


def test_the_odd_spaces_are_all_the_spaces_but_space_and_line_end():
    odd = {chr(c) for c in range(0x110000) if re.fullmatch(r"[^\S\n ]", chr(c))}
    assert set(doubled._ODD_SPACES) == odd and len(doubled._ODD_SPACES) == len(odd)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), max_size=40), st.sampled_from(SPACES))
def test_widest_gap_as_measured_by_a_pattern(parts, lead):
    text = lead + "".join(w + s for w, s in parts)
    assert doubled._widest_gap(text, lengths_of(text)) == widest_by_pattern(text)
    # long enough for the odd spaces to be few: found by string search (a short text's are many)
    text += "plain words " * 800
    assert doubled._widest_gap(text, lengths_of(text)) == widest_by_pattern(text)


def test_many_odd_spaces_are_found_by_one_scan():
    text = "\t".join(["a"] * 200) + "\t \ta"
    assert doubled._widest_gap(text, lengths_of(text)) == 3 == widest_by_pattern(text)
