"""Duplicate sentences read a line at a time (issue 15): the same sentences and copies as the plain reading.

The plain reading below is the detector as first written: each sentence
body sliced from its line, its words read by the ALNUM_RUN pattern of its
case-folded text, compared with the sentence kept before it. The fast one
folds a plain text (ASCII and common punctuation) once and slices words out
of it; both must agree on texts built from what makes that hard.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.lines import Line, split_lines
from cleanup.core.pipeline import Context
from cleanup.analysis.tokens import ALNUM_RUN
from cleanup.stages import duplicate_sentence as ds
from cleanup.stages import structure

PIECES = ["the", "The", "men", "prefer", "jackets", "At", "same", "time", "buy", "only", "\u212aelvin", "\u017fo",
          "\u0130s", "\u03a3\u03b1\u03c2", "cafe\u0301", "caf\u00e9", "x", "1", "2020", "_", "a_b", "-", "'", "\u2019",
          "\u201c", "\u201d", "\u2018", "\u2013", "\u2014", "\u2026", ".", "!", "?", "...", "?!", '."', ".\u201d", ".)",
          ",", "(", ")", "\u00a0", "\u65b0\u95fb", "\ufb03"]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "\n\n", "", ". ", "! ", ".\n", " \n", "\u2026 ", '." ']
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=50).map(
    lambda parts: "".join(p + s for p, s in parts))

SENTENCE = ["At the same time, men prefer to buy only jackets.", "At the same time men prefer to buy only jackets!",
            "AT THE SAME TIME, MEN PREFER TO BUY ONLY JACKETS.", "At the same time, men prefer to buy jackets.",
            "At the same time, women prefer to buy only coats.", "\u201cAt the same time, men prefer jackets.\u201d",
            "At the same time, m\u00e9n prefer to buy only jackets.", "Short one.", "x", "", "  ", "\u2026"]
documents = st.lists(st.tuples(st.sampled_from(SENTENCE), st.sampled_from([" ", "  ", "\n", "\n\n", "\t", ""])),
                     max_size=14).map(lambda parts: "".join(s + sep for s, sep in parts))
SETTINGS = [ds.Settings(), ds.Settings(min_letters=1, min_words=1, similarity=0.3), ds.Settings(min_words=3)]


# a sentence ends at a final mark followed by a space or the line's end (or with the line)
SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*(?=[ \t]|$)")


def plain_sentences(text, lines):
    out = []
    for i, line in lines:
        begin = 0
        ends = [m.end() for m in SENTENCE_END.finditer(line.text)]
        for end in ends + ([len(line.text)] if not ends or ends[-1] < len(line.text) else []):
            body = line.text[begin:end]
            if body.strip():
                lead = len(body) - len(body.lstrip())
                words = tuple(ALNUM_RUN.findall(body.casefold()))
                out.append(ds.Sentence(line.start + begin + lead, line.start + end, i, words, "".join(words)))
            begin = end
    return out


def plain_copies(text, lines, settings):
    kept = None
    for s in plain_sentences(text, lines):
        if kept is not None and s.line - kept.line <= 1:
            if s.letters == kept.letters and len(s.letters) >= settings.min_letters:
                yield ds.Copy(s, ds._whole_line(text, s), True)
                continue
            if s.line == kept.line and min(len(s.words), len(kept.words)) >= settings.min_words and \
                    SequenceMatcherRatio(kept.words, s.words) >= settings.similarity:
                yield ds.Copy(s, ds._whole_line(text, s), False)
        kept = s


def SequenceMatcherRatio(a, b):
    from difflib import SequenceMatcher
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _some_lines(text, drop):
    """The text's lines, without those whose index is in `drop` (the lines already going)."""
    return [(i, line) for i, line in enumerate(split_lines(text)) if i not in drop]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts, documents), st.sets(st.integers(0, 12), max_size=3))
def test_the_sentences_are_those_the_plain_reading_finds(text, drop):
    lines = _some_lines(text, drop)
    assert ds.sentences(text, lines) == plain_sentences(text, lines)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(texts, documents), st.sets(st.integers(0, 12), max_size=3), st.sampled_from(SETTINGS))
def test_the_copies_are_those_the_plain_reading_finds(text, drop, chosen):
    lines = _some_lines(text, drop)
    assert list(ds.copies(text, lines, chosen)) == list(plain_copies(text, lines, chosen))


@pytest.mark.parametrize("text", [
    "At the same time, men prefer to buy only jackets. At the same time, men prefer to buy only jackets.",
    "At the same time, men prefer to buy only jackets.\nAT THE SAME TIME men prefer to buy only jackets!\n",
    "Caf\u00e9 owners say at the same time, men buy jackets. Caf\u00e9 owners say at the same time, men buy jackets.",
    "\u201cAt the same time, men prefer to buy only jackets.\u201d \u201cAt the same time, men prefer to buy only "
    "jackets.\u201d  ",
    "One two three four five six seven. One two three four five six eight.   \t",
    "\u0130stanbul and \u212aelvin are here today, at last! \u0130stanbul and \u212aelvin are here today, at last!",
])
def test_tricky_copies(text):
    lines = _some_lines(text, set())
    expected = list(plain_copies(text, lines, ds.Settings()))
    assert expected  # each is a copy, exact or near
    assert list(ds.copies(text, lines, ds.Settings())) == expected


@pytest.mark.parametrize("a, b", [(("a",) * 6, ("a",) * 10), (("a", "b", "c"), ("c", "b", "a")),
                                  (tuple("abcdefg"), tuple("abcdefgh")), (tuple("abcdef"), tuple("uvwxyz")),
                                  (("a", "b"), tuple("abcdef"))])  # at the bound: 2 * 2 = 0.5 * 8
def test_similar_is_difflibs_ratio(a, b):
    for similarity in (0.3, 0.5, 0.7, 0.9):
        assert ds._similar(a, b, similarity) == (SequenceMatcherRatio(a, b) >= similarity)


# -- lines: split with C-level maps -------------------------------------------------------------

def plain_split_lines(text):
    out, pos = [], 0
    for part in text.split("\n"):
        out.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet="ab \t\n\r\u2028\u00e9", max_size=30))
def test_lines_are_those_the_plain_loop_splits(text):
    lines = split_lines(text)
    assert lines == plain_split_lines(text)
    assert all(type(line) is Line for line in lines)


# -- repeated words: each word's pattern looks for the word first --------------------------------

def plain_spaced_repeat(word):
    return re.compile(rb"(?<![a-z\x01])(?=%s +%s(?![a-z\x01]))" % (re.escape(word), re.escape(word)))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from([b"the", b"a", b"\x01", b"th\x01", b"trump"]),
       st.lists(st.sampled_from([b"the", b"a", b"\x01", b"th\x01", b"trump", b"x", b" ", b"  ", b"#", b""]),
                max_size=12).map(b"".join))
def test_a_words_repeats_are_found_where_the_plain_pattern_finds_them(word, spaced):
    found = [m.start() for m in structure._spaced_repeat(word).finditer(spaced)]
    assert found == [m.start() for m in plain_spaced_repeat(word).finditer(spaced)]


@pytest.mark.parametrize("word, spaced", [
    (b"the", b"\x01the the"), (b"the", b"xthe the"), (b"the", b"the the the"), (b"the", b"the thex"),
    (b"the", b"the  the\x01"), (b"\x01", b"\x01 \x01 \x01"), (b"th\x01", b"th\x01 th\x01#"), (b"the", b"the"),
])
def test_tricky_spaced_repeats(word, spaced):
    found = [m.start() for m in structure._spaced_repeat(word).finditer(spaced)]
    assert found == [m.start() for m in plain_spaced_repeat(word).finditer(spaced)]


# -- duplicate lines and teaser pairs: the neighbours ending alike, found at C speed --------------

def plain_pairs_ending_alike(scan):
    kept = [i for i in range(len(scan.lines)) if i not in scan.remove]
    last = scan.last_words
    return [(a, b) for a, b in zip(kept, kept[1:]) if last[a] is not None and last[a] == last[b]]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(["Prime minister visits", "the factory", "THE FACTORY", "Photo", "", "  ",
                                           "BREAKING the factory", "x."]), st.sampled_from(["\n", "\n\n"])),
                max_size=14).map(lambda parts: "".join(line + end for line, end in parts)),
       st.sets(st.integers(0, 20), max_size=5))
def test_the_pairs_ending_alike_are_those_the_plain_filter_keeps(text, going):
    scan = structure._Scan(text, Context(text).view(text))
    scan.remove.update(dict.fromkeys((i for i in going if i < len(scan.lines)), "rule"))
    assert list(scan.pairs_ending_alike()) == plain_pairs_ending_alike(scan)
