"""The stages that act on characters beyond plain ASCII (ftfy's, the normalisers, look-alike letters,
untranslated script) ask their first question of the text's distinct unusual characters
(`analysis/unusual_chars.py`), not of the text: the same proposals as scanning the text. Where the
few they act on stand is found by str.find (`NextOf`, `positions`): the places a class of them finds.

Texts mix plain ASCII with what those stages look for and what they pass over (curly quotes,
no-break spaces, controls, '&', mojibake, Cyrillic look-alikes, Han, wide marks, lone surrogates),
placed anywhere, also at the edges of the windows a big text is encoded in; a dense text of another
script is not listed (None) and sends every stage to the text itself.
"""
from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.analysis import unusual_chars as module
from cleanup.analysis.unusual_chars import FEW, PLAIN, NextOf, positions, unusual_in
from cleanup.core.pipeline import Context

PIECES = ["a", "the", " ", "\n", "\t", "&", "&amp;", "<b>", "’", "“", "”", "—", "…", "©", "\u00a0", "\u202f",
          "\u200b", "\ufeff", "\u00ad", "\x00", "\x0b", "\x1b", "\x7f", "\x85", "\x9f", "é", "Ã©", "Ã¢â‚¬â„¢",
          "M\u043escow", "\u0399nternational", "VVS", "Путин", "中文", "、", "Saint・Denis", "\u3000", "\U0001f600",
          "\ud800", "ﬁ", "e\u0301", "Greek: Εὐσέβιος"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
STAGES = [s for s in get_pipeline().stages
          if type(s).__name__ in ("FtfyStage", "NormalizerStage", "LookalikeStage", "ScriptStage")]


def _unusual_by_hand(text: str) -> set[str]:
    return {ch for ch in text if ord(ch) > 0x7F or ord(ch) not in PLAIN}


@settings(max_examples=1000, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=9))
def test_the_unusual_characters_are_those_of_the_text_or_none_where_they_are_dense(text, window):
    with mock.patch.object(module, "WINDOW", window):  # (windows of a few characters: every edge is met)
        found = unusual_in(text)
    if found is None:
        assert len(_unusual_by_hand(text)) > 0
    else:
        assert len(found) == len(set(found)) and set(found) == _unusual_by_hand(text)
    assert set(unusual_in(text) or "") <= _unusual_by_hand(text)


def test_a_text_dense_with_another_script_is_not_listed():
    assert unusual_in("Москва — столица России. " * 40) is None
    assert sorted(unusual_in("Moscow’s mayor said — in “his” words — it would pay. " * 40)) == sorted("’“”—")


def _proposals(text: str) -> list:
    ctx = Context(text)
    return [(type(s).__name__, *p) for s in STAGES for p in s.propose(text, ctx)]


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_the_stages_propose_what_they_propose_when_they_scan_the_text(text):
    with mock.patch.object(module, "unusual_in", lambda text: None):
        scanned = _proposals(text)  # (None: every stage looks at the text itself, as it did before)
    assert _proposals(text) == scanned


CHARS = st.lists(st.sampled_from(["&", "\u00a0", "\u202f", "\x00", "é", "’", "\n", "a", "中"]), min_size=1,
                 max_size=FEW, unique=True).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TEXTS, CHARS, st.lists(st.integers(min_value=0, max_value=200), max_size=8))
def test_the_next_of_a_few_characters_is_where_a_class_of_them_finds_one(text, chars, steps):
    cls = re.compile("[" + re.escape(chars) + "]")
    assert list(positions(text, chars)) == [m.start() for m in cls.finditer(text)]
    next_of, pos = NextOf(text, chars), 0
    for step in sorted(steps):  # (asked at places that never go back)
        pos = max(pos, step)
        found = cls.search(text, pos)
        assert next_of(pos) == (found.start() if found else -1)
