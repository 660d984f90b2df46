"""The names stage's way for a text shorter than READ_AGAIN_FROM (up to names._RUNS_FIRST, its runs
listed by findall, their places split out only when one has a name to decide; glued names looked for
only where a step from lowercase up is): what the way for a long text finds (READ_AGAIN_FROM 0),
proposal for proposal and in order, on texts of names, garbles, glued names, titles, hyphenated runs
and words with a capital inside, short ones and some of a few KB.
"""
from __future__ import annotations

from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages import names
from tests.test_speed_names_again import NAMES, SEPARATORS, WORDS

TEXTS = st.lists(st.tuples(st.sampled_from(WORDS + ["YouTube", "McDonald", "iPhone", "saidXi", "the"]),
                           st.sampled_from(SEPARATORS)), max_size=30).map(lambda parts: "".join(w + s for w, s in parts))


def _proposals(text):
    return [tuple(p) for p in NAMES.propose(text, Context(text))]


@settings(max_examples=1500, deadline=None)
@given(TEXTS | st.tuples(TEXTS, st.integers(2, 60)).map(lambda t: (t[0] + " ") * t[1]))
@example("Mr Poutine said so, and saidPutin too. Vladimir Putin left.")
@example("They met on YouTube.")
def test_a_short_text_proposes_what_the_long_way_does(text):
    short = _proposals(text)
    with mock.patch.object(names, "READ_AGAIN_FROM", 0):
        assert short == _proposals(text)
