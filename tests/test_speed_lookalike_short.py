"""Lookalike on short texts (issue 15, the cost of a call): a plain ASCII text is answered by
str.isascii, without its view's unusual characters: it must get what the plain path gives it
(forced by a str whose isascii says False).
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.mt import lookalike

from .test_speed_unicode_short import _Plain  # (no answer from isascii, nor isprintable should a gate use it)

STAGE = next(s for s in get_pipeline().stages if type(s).__name__ == "LookalikeStage")
PIECES = ["VVS", "NATO", "BBC", "Moscow", "x", " ", ".", "-", "\n", "\t", "\x0b", "\x7f", "1", "é", "ЕС", "Мoscow",
          "НАТО", "Аpple", "αβ", "Рyth", "中"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | \
    st.lists(st.sampled_from(PIECES[:12]), max_size=30).map("".join)  # (plain ASCII: what the fast path answers)


def _proposed(text) -> list[tuple]:
    return [(p.start, p.end, p.replacement, p.rule, p.message) for p in STAGE.propose(text, Context(text))]


def test_no_ascii_character_may_be_foreign():
    assert not lookalike._maybe_foreign().search("".join(map(chr, range(128))))


@settings(max_examples=2000, deadline=None)
@given(TEXTS)
@example("The NATO summit in Мoscow")
@example("VVS\x0b")
def test_the_fast_answer_is_the_plain_paths(text):
    assert _proposed(text) == _proposed(_Plain(text))
