"""The words and foreign-words stages find the tokens they look at from the pieces between spaces
that hold one, where those pieces stand (`piece_starts`), never tokenising the whole text.

- `piece_starts` gives what a scan of every piece (re.finditer(r"\\S+")) gives, on texts of
  pieces that stand inside one another (ab, abc, xab, a) between every kind of whitespace;
- re's \\s (the search that skips a piece found inside a longer one) is str.split()'s whitespace;
- the words stage proposes, in order, what it proposes when its tokens are found by tokenising
  the whole text (`TextView.word_pieces`, as it did before), also on texts with more than 16
  tokens to look at;
- the foreign-words stage's nouns, found that way, are what a scan of the whole text finds.
"""
from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis.fast_regex import positions
from cleanup.analysis.piece_starts import piece_starts
from cleanup.analysis.textview import TextView
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import words
from cleanup.stages.mt import foreign_words
from cleanup.stages.registry import build_kind

SPACES = [" ", "  ", "\n", "\t", "\xa0", "\u3000", "\x1c", " \n "]
PIECES = ["ab", "abc", "xab", "a", "b", "ab.", "(ab", "ab-ab"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SPACES), st.sampled_from(PIECES)), max_size=20),
       st.sampled_from(SPACES + [""]), st.sets(st.sampled_from(PIECES)))
def test_piece_starts_are_where_a_scan_of_every_piece_finds_them(parts, tail, wanted):
    text = "".join(s + p for s, p in parts) + tail
    text = text[1:] if text[:1] == " " and parts and len(parts) % 2 else text  # sometimes no space first
    expected = [(m.group(), m.start()) for m in re.finditer(r"\S+", text) if m.group() in wanted]
    assert list(piece_starts(text, text.split(), wanted)) == expected


def test_re_whitespace_is_str_split_whitespace():
    space = re.compile(r"\s")
    assert all(bool(space.match(chr(c))) == chr(c).isspace() for c in range(0x110000))


WORDS = ["Blinkenn", "Bidenn", "Quorvath-Blinkenn", "Bidenn-style", "fourhours", "theUnited", "usefulser",
         "Sobyaninhas", "Tu-95MS", "the", "talks", "@Bidenn", "www.Bidenn.com", "Bidenn's", "xsqwerty",
         "Xsqwerty", "Albanesse", "iodisation", "iodise", "collasped", "lifehood", "terrent", "grisbi",
         "synodis", "debutans", "silentia", "cenobitic", "hovedarter", "componential", "ideologized",
         "meritocratically", "phonosemanticism", "grammatiske", "Erdogann", "nicht", "Krankenhaus", "Tagebuch"]
TEXTS = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", ". ", ", ", "\n", "-", " (", ") ", "\xa0"])),
                 max_size=40).map(lambda parts: "".join(w + s for w, s in parts))


def _tokenising_all(text, pieces, holding, tokens):
    return ((start, token) for token, start in positions(TextView(text).word_pieces, tokens))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_words_found_where_tokenising_the_whole_text_finds_them(text):
    fast, slow = build_kind("words", load_rulebook())[0], build_kind("words", load_rulebook())[0]
    with mock.patch.object(words, "_starts_among", _tokenising_all):
        expected = [tuple(p) for p in slow.propose(text, Context(text))]
    assert [tuple(p) for p in fast.propose(text, Context(text))] == expected


def _every_match(pattern, judges, text, pieces, holding):
    return [(m.start(), m.end(), m.group(), report) for m in pattern.finditer(text)
            for report in [foreign_words._first_report(judges, m.group())] if report]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_foreign_words_and_nouns_found_where_a_scan_of_the_whole_text_finds_them(text):
    stage = build_kind("foreign-words", load_rulebook())[0]
    with mock.patch.object(foreign_words, "_reported", _every_match):
        expected = [tuple(p) for p in stage.propose(text, Context(text))]
    assert [tuple(p) for p in stage.propose(text, Context(text))] == expected
