"""Word salad's lines that may join a stretch (issue 15, clean prose): `_may_join` tests at C speed
whether the text holds a sign or a broken pattern across two pieces at all (`_pairs_across`), counts
each line's pieces at C speed where its only whitespace is single spaces (`_pieces_per_line`), and
counts only lines whose code holds a sign. It must find the lines the plain reading finds (`plain`
below: every line's code joined and searched, as it was written before), with the rule's own
thresholds and with thresholds that let any line with a sign join.
"""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.analysis.textview import TextView
from cleanup.stages.mt import word_salad

RULES = next(s for s in get_pipeline().stages if isinstance(s, word_salad.WordSaladStage)).rules
# the rule as configured, and one where a line of one word with one sign joins a stretch
SALADS = RULES + [word_salad.Salad(SimpleNamespace(
    id=r.rule.id, message=r.rule.message, level=r.rule.level,
    settings=replace(r.rule.settings, min_words=1, extend_score=0.0, start_score=0.0, min_signs=1)))
    for r in RULES]

# what a code tells apart (articles, conjunctions, what cannot follow an article, marks after a comma,
# made-up words, stray letters, pieces without a token) and the whitespace pieces are counted across
WORDS = ["the", "The", "a", "an", "each", "of", "in", "is", "who", "and", "or", "but", "nor", "AND", ",", ";", ":",
         ".", "...", "the,", "and,", "of,", "(the", "of1", "_", "__", "_of", "the_", "z", "b", "(s)", "timelets",
         "usefulser", "theseA", "candy.nish", "house", "people", "said", "work", "Putin", "5", "İ", "é", "😀", "—"]
SPACES = [" "] * 12 + ["  ", "\n", "\n\n", "\t", "\xa0", "\r\n", " \n", "\n ", "\u2028", "\x1c", "\u3000"]


@st.composite
def texts(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), max_size=60))
    text = "".join(w + s for w, s in parts)
    return draw(st.sampled_from(["", " ", "\n"])) + text if draw(st.booleans()) else text


def plain(salad, view) -> set[int]:
    """_may_join as it was: each line's code, its pieces' codes joined, searched for a sign."""
    codes, at, out = salad.codes.values(view.pieces), 0, set()
    for i, line in enumerate(view.lines):
        pieces = len(line.text.split())
        code, at = "".join(codes[at:at + pieces]), at + pieces
        if word_salad.SIGN_MARK not in code and not salad.broken_across.search(code):
            continue
        words = code.count(word_salad.WORD_MARK)
        signs = code.count(word_salad.SIGN_MARK) + 2 * len(salad.broken_across.findall(code))
        if words >= salad.min_words and signs / words >= salad.extend:
            out.add(i)
    return out


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts())
def test_the_lines_that_may_join_are_those_the_plain_reading_finds(text):
    view = TextView(text)
    assert word_salad._pieces_per_line(view) == [len(line.text.split()) for line in view.lines]
    for salad in SALADS:
        assert salad._may_join(view) == plain(salad, view)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_a_broken_pattern_across_pieces_is_found_as_the_search_finds_it(pieces):
    for salad in RULES:
        code = "".join(salad.codes.values(pieces))
        assert word_salad._pairs_across(code) == bool(salad.broken_across.search(code))
