"""The unicode stages on short texts (issue 15, the cost of a call): a text answered at C speed,
without its view, by str.isascii / str.isprintable (and '&' for ftfy), must get what the plain path
(the view's unusual characters) gives it. The plain path is forced by a str whose isascii and
isprintable say False.
"""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.core.pipeline import Context
from cleanup.stages.unicode import _ANY_NORMALIZED, FTFY_CANDIDATE, NORMALIZERS

STAGES = [s for s in get_pipeline().stages if type(s).__name__ in ("FtfyStage", "NormalizerStage")]
PIECES = ["a", "The", " ", ".", "\n", "\t", "&", "&amp;", "&lt;b&gt;", "<b>", "\x1b[31m", "’", "“", "—", "…", "©",
          "\u00a0", "\u202f", "\u2007", "\u3000", "\u200b", "\u2060", "\ufeff", "\u00ad", "\u180e", "\x00", "\x08",
          "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "é", "Ã©", "â€™", "ä¸­", "中", "\U0001F600"]
# mostly plain ASCII (the texts the fast path answers), with some of everything else
TEXTS = st.one_of(st.lists(st.sampled_from(PIECES[:5]), max_size=40),
                  st.lists(st.sampled_from(PIECES), max_size=30)).map("".join)


class _Plain(str):
    """A text that takes the plain path: no answer from isascii or isprintable."""

    def isascii(self):
        return False

    def isprintable(self):
        return False


def _proposed(stage, text) -> list[tuple]:
    return [(p.start, p.end, p.replacement, p.rule, p.message, p.level) for p in stage.propose(text, Context(text))]


def test_every_normalised_character_is_unprintable_and_all_but_controls_beyond_ascii():
    normalised = [chr(c) for c in range(0x110000) if _ANY_NORMALIZED.match(chr(c))]
    assert normalised and not any(ch.isprintable() for ch in normalised)
    controls = NORMALIZERS["control"][0]
    assert all(not ch.isascii() for ch in normalised if not controls.match(ch))
    # and an ASCII text that is printable holds no ftfy candidate but '&'
    assert [chr(c) for c in range(128) if chr(c).isprintable() and FTFY_CANDIDATE.match(chr(c))] == ["&"]


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
@example("plain")
@example("a\x0bb")
@example("Tom &amp; Jerry")
@example("x\u00a0y\u200bz\x85")
def test_the_fast_answer_is_the_plain_paths(text):
    for stage in STAGES:
        assert _proposed(stage, text) == _proposed(stage, _Plain(text)), stage.rule.id
