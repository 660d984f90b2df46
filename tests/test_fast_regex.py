"""FastPattern runs the tokenisers' `regex` patterns with the stdlib `re`.

That is only allowed if nothing changes: every class must hold exactly the
characters `regex` puts in it, and whole patterns must find the same
matches, on texts with marks, digits, other scripts and characters beyond
the Basic Multilingual Plane (which keep the `regex` pattern).
"""
from __future__ import annotations

import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis.fast_regex import FastPattern, _bmp, _bmp_class, _in_bmp, positions
from cleanup.analysis.tokens import WORD
from cleanup.stages import names

CLASSES = [r"\p{L}", r"\p{Lu}", r"\p{Ll}", r"[\p{L}\p{M}\p{N}]", r"[\p{L}\p{M}\p{N}_@#/.-]", r"[\p{L}\p{M}]",
           r"[-'’]"]


@pytest.mark.parametrize("cls", CLASSES)
def test_a_class_holds_exactly_the_bmp_characters_regex_matches(cls):
    every = _bmp()
    assert len(every) == 0x10000
    assert re.findall(_bmp_class(cls), every) == regex.findall(cls, every)


PATTERNS = {"words": WORD, "names": names._RUN, "case step": names._CASE_STEP}
# letters of several scripts, combining marks, digits, the characters the
# patterns treat specially, and an emoji and a Gothic letter (beyond the BMP)
ALPHABET = "aZéÉ\u0301ßİıΣσЖжاب中ー1٣_@#/.-'’ \n\t©😀𐌰"


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(PATTERNS)), st.text(alphabet=ALPHABET, max_size=40))
def test_the_same_matches_as_the_regex_pattern(name, text):
    fast = PATTERNS[name]
    chosen = fast(text)
    if chosen is fast.full:  # characters beyond the BMP: compare the `re` pattern on the text without them
        text = "".join(c for c in text if ord(c) < 0x10000)
        chosen = fast.bmp
    assert [(m.span(), m.groups()) for m in chosen.finditer(text)] == \
           [(m.span(), m.groups()) for m in fast.full.finditer(text)]
    assert chosen.split(text) == fast.full.split(text)


def test_texts_beyond_the_bmp_keep_the_regex_pattern():
    fast = FastPattern(r"(\p{L}+)")
    fast.bmp  # noqa: B018 (compiled: as after enough text)
    assert fast("plain text") is fast.bmp
    assert fast("naïve café") is fast.bmp
    assert fast("emoji 😀 here") is fast.full


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab ,\n-é", max_size=40), st.sets(st.sampled_from(["a", "b", "ab", "ba", "é", "aa"])))
def test_positions_are_where_finditer_finds_the_wanted_tokens(text, wanted):
    pattern = re.compile(r"([a-zé]+)")
    expected = [(m.group(), m.start()) for m in pattern.finditer(text) if m.group() in wanted]
    assert list(positions(pattern.split(text), wanted)) == expected


class _CountingPieces(list):
    """Split text that counts how many pieces are read by iterating over it."""

    def __iter__(self):
        for piece in super().__iter__():
            self.read += 1
            yield piece


def test_offsets_read_each_piece_once_however_many_tokens_are_asked_about():
    """Linear work: asking about every token of a long text reads each piece once (restarting
    from the first piece for each token, as it once did, read about 400,000,000 here)."""
    text = "word, " * 20_000
    pieces = _CountingPieces(re.split(r"(\w+)", text))
    pieces.read = 0
    found = list(positions(pieces, {"word"}))
    assert [start for _, start in found] == [m.start() for m in re.finditer(r"\w+", text)]
    assert pieces.read <= 2 * len(pieces)  # positions reads the tokens once, offsets the pieces once


def test_the_re_form_is_compiled_only_once_enough_text_was_given():
    fast = FastPattern(r"(\p{L}+)")
    assert fast("plain text") is fast.full and "bmp" not in fast.__dict__
    assert fast("x" * 60_000) is fast.bmp
    assert fast("plain text") is fast.bmp


def test_like_gives_the_form_another_pattern_chose():
    a, b = FastPattern(r"\p{Lu}\p{Ll}+"), FastPattern(r"[\p{L}]+")
    long_text = "Putin said so. " * 5000  # past the switch to the `re` form
    assert b.like(a(long_text)).pattern == b.bmp.pattern
    assert b.like(a.full) is b.full
    assert b.like(a("Ｆｕｌｌ 😀")) is b.full  # beyond the BMP: `regex` for both


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(max_codepoint=0x10FFFF, blacklist_categories=())), cached_utf8=st.booleans())
def test_in_bmp_says_whether_a_character_lies_beyond_the_bmp(text, cached_utf8):
    if cached_utf8:  # a str may carry its UTF-8 form too, which makes it larger
        import ctypes

        try:
            ctypes.pythonapi.PyUnicode_AsUTF8.restype = ctypes.c_char_p
            ctypes.pythonapi.PyUnicode_AsUTF8(ctypes.py_object(text))
        except UnicodeEncodeError:  # (a lone surrogate has no UTF-8 form)
            pass
    assert _in_bmp(text) == all(ord(c) <= 0xFFFF for c in text)
