"""The capitals' one search (replace_reach._Capitals) tries, at a capital, only the literals that start with
it, longest first: it finds what one alternation of all of them, longest first, finds, and its answers hold
in the text. Literals are drawn from a small alphabet, so they share first letters, start inside one another
and end where another starts."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.stages.replace_reach import _Capitals

capitalised = st.tuples(st.sampled_from("ABT"), st.text(alphabet="aAbBT'", max_size=4)).map("".join).filter(
    lambda literal: len(literal) >= 2)


def _texts(literals):
    """Texts of the literals, cut short at either end, and of the alphabet's letters."""
    cut = st.tuples(st.integers(0, 2), st.integers(0, 2))
    pieces = st.tuples(st.sampled_from(sorted(literals)), cut).map(lambda p: p[0][p[1][0]:len(p[0]) - p[1][1]])
    return st.lists(st.one_of(pieces, st.text(alphabet="aAbBT' x", max_size=3)), max_size=20).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sets(capitalised, min_size=1, max_size=8))
def test_the_search_finds_what_one_alternation_longest_first_finds(data, literals):
    text = data.draw(_texts(literals))
    plain = re.compile("|".join(map(re.escape, sorted(literals, key=len, reverse=True))))
    assert _Capitals(literals).pattern.findall(text) == plain.findall(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data(), st.sets(capitalised, min_size=1, max_size=8))
def test_the_answers_hold(data, literals):
    text = data.draw(_texts(literals))
    for literal, found in _Capitals(literals).answers(text).items():
        assert found is None or found == (literal in text)
