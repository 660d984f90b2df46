"""A long text read a piece at a time (its peak memory): the same as reading it whole.

The pieces are made small here so that short texts are cut many times;
the plain versions read the whole text at once.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis import lowering
from cleanup.analysis.regex_needs import ASCII_CASE_PARTNERS
from cleanup.analysis.textview import TextView
from cleanup.stages import structure
from .test_speed_structure import texts

# final sigmas (lowered by their context), case-ignorable marks and a letter that lowers to two
SIGMA_PIECES = ["\u03a3", "\u03a3\u03b1\u03c2", "\u039f\u0394\u039f\u03a3", "'", ".", "\u0301", "\u00ad", "a", "A",
                "\u0130", " ", "  ", "\n", "x\u03a3 ", " \u03a3x"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(SIGMA_PIECES), max_size=30).map("".join), st.integers(1, 4))
def test_lowering_a_piece_at_a_time_is_str_lower(text, piece):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(lowering, "PIECE", piece)
        assert lowering.lower(text) == text.lower()
        assert lowering.lower(text, ASCII_CASE_PARTNERS) == text.translate(ASCII_CASE_PARTNERS).lower()


def plain_repeat_starts(view):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(lowering, "PIECE", 1 << 30)  # one piece: the whole text
        return structure._repeat_starts(view)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.integers(1, 6))
def test_repeats_read_a_piece_at_a_time_are_those_read_whole(text, piece):
    view = TextView(text)
    whole = plain_repeat_starts(view)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(lowering, "PIECE", piece)
        assert structure._repeat_starts(view) == whole
        spans = [(m.span(), m.groups()) for m in structure._repeats(view)]
    assert spans == [(m.span(), m.groups()) for m in structure._repeats(view)]
