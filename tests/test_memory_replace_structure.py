"""Replace and structure on one long line, in compact forms (issue: speed, a 50 MB line's peak memory).

Each compact or windowed reading is held to the plain one it replaced, with
tiny pieces patched in so that the things looked for fall at and around the
cuts; and a ~1 MB line is read under a memory bound the plain form exceeds.
"""
from __future__ import annotations

import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.regex_needs import fold_case
from cleanup.stages import replace_reach
from cleanup.stages.replace_reach import Found, Scope, fold_ascii, pairs

# -- replace: the case-folded text as bytes ------------------------------------------

PARTNERS = "\u0130\u0131\u017f\u212a"  # (İ ı ſ K: they match an ASCII letter ignoring case)
pieces = st.sampled_from(["a", "b", "ab", "A", "B", "k", "is", "S", " ", ".", "\n", ",", "?", "é", "É", "Σ", "ß",
                          "’", "\u4e2d", *PARTNERS])
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.integers(1, 5))
def test_the_bytes_form_is_fold_case_with_what_is_beyond_ascii_made_a_question_mark(monkeypatch, text, piece):
    monkeypatch.setattr(replace_reach, "_FOLD_PIECE", piece)
    folded = fold_case(text)
    assert len(folded) == len(text)
    assert fold_ascii(text).decode() == "".join(c if c.isascii() else "?" for c in folded)


LITERALS = ["a", "ab", "ba", "k", "is", "s", "b a", "aa"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.integers(1, 5), st.sampled_from(LITERALS))
def test_a_folded_literal_is_found_where_fold_case_holds_it(monkeypatch, text, piece, literal):
    monkeypatch.setattr(replace_reach, "_FOLD_PIECE", piece)
    assert Found(text).has_folded(literal) == (literal in fold_case(text))


def _plain_spans(scope: Scope, text: str):
    """Scope.spans as it read before the compact form: a dict of the stretches around each occurrence
    (in the case-folded text for a folded scope), sorted and joined."""
    ends, most = {}, len(text) // replace_reach._CHARS_PER_STRETCH
    for kind, what in replace_reach._leaves(scope.need):
        if kind == "re":
            pattern = Found(text).pattern(what)
            find = lambda pos: (m.start() if (m := pattern.search(text, pos)) else -1)  # noqa: E731
        else:
            within = fold_case(text) if scope.folded else text
            find = lambda pos: within.find(what, pos)  # noqa: E731
        at = find(0)
        while at >= 0:
            wall = scope.next_wall.search(text, at)
            end = wall.end() if wall else len(text)
            before = scope.last_wall.search(text, 0, at)
            ends[before.end() if before else 0] = end
            if len(ends) > most:
                return None
            at = find(end)
    spans = []
    for start in sorted(ends):
        if spans and spans[-1][1] >= start:
            spans[-1][1] = max(spans[-1][1], ends[start])
        else:
            spans.append([start, ends[start]])
    return [tuple(s) for s in spans]


needs = st.one_of(st.sampled_from(LITERALS), st.lists(st.sampled_from(LITERALS), min_size=2, max_size=3)
                  .map(lambda parts: ("or", parts)),
                  st.just(("or", ["ab", ("re", "a[bk]")])), st.just(("and", ["is", ("or", ["k", "ba"])])))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, needs, st.sampled_from([".", "\n", ".,\n", ","]), st.booleans(), st.integers(1, 3), st.integers(1, 4))
def test_the_stretches_in_a_flat_array_are_the_plain_ones(monkeypatch, text, need, walls, folded, per, piece):
    monkeypatch.setattr(replace_reach, "_CHARS_PER_STRETCH", per)
    monkeypatch.setattr(replace_reach, "_FOLD_PIECE", piece)
    scope = Scope(walls, need, folded)
    spans = scope.spans(text, Found(text))
    assert (None if spans is None else list(pairs(spans))) == _plain_spans(scope, text)


def _peak(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_long_wide_line_is_folded_in_a_byte_a_character():
    text = "Der Kreml sagte am Montag, dass Putin ’nichts’ wisse \u4e2d. " * 20_000  # ~1.2M characters, 2 bytes each
    found = Found(text)
    peak = _peak(lambda: found.has_folded("kreml"))
    assert found.has_folded("kreml") and not found.has_folded("tass")
    assert peak < 1.5 * len(text)  # (the folded str alone would take 2 bytes a character)
