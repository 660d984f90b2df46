"""Word salad and casing read a long line a window at a time (analysis/space_windows.py: cut after a
space), so that no list over the whole line (pieces, codes, tokens, names) nor its lowercase form
is made. Here the windows are a few characters, so that cuts fall everywhere, around the things
the stages look for, and what the stages report (and what word salad's steps find) must be what
one reading of the whole gives: word salad's own steps with windows too big to cut, and the
whole-text formulas as they were; casing's detectors as a scan of every word reports
(tests/test_speed_casing.py's `slow`). Two tests count memory on a line of a million characters.
"""
from __future__ import annotations

import sys
import tracemalloc
from bisect import bisect_right
from unittest import mock

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup import get_pipeline
from cleanup.analysis import space_windows
from cleanup.analysis.textview import TextView
from cleanup.core.pipeline import Context
from cleanup.stages.mt import casing, word_salad
from tests.test_speed_casing import STAGE as CASING
from tests.test_speed_casing import TEXTS as CASING_TEXTS
from tests.test_speed_casing import documents_with_names, slow

SALAD = next(s for s in get_pipeline().stages if isinstance(s, word_salad.WordSaladStage))
RULES = SALAD.rules

# what word salad counts, and what lies around it: articles and the words that cannot follow one,
# conjunctions, marks after a comma, glued letters and domains, stray and listed letters, made-up words
WORDS = ["the", "a", "an", "The", "in", "of", "is", "and", "or", "but", "nor", "who", ",", ";", ":", ".", "...",
         "z", "b", "(s)", "(b)", "m.", "z'", "z’", "don't", "l'amour", "candy.nish", "is,ar", "x.com", "x.comb",
         "timelets", "usefulser", "theseA", "house", "Putin", "5%", "12", "_", "__", "the_in", "an,", "but,but",
         "İ", "ΣΑΣ", "café", "x" * 30, "e\u0301", "😀", "—", "(", ")"]
SPACES = [" ", " ", " ", " ", " ", "  ", "   ", "\n", "\t", "\xa0", " \u3000 ", "\u2028", ", ", " , "]


@st.composite
def salad_texts(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), max_size=80))
    text = "".join(w + s for w, s in parts)
    if draw(st.booleans()):  # mostly one long line, as a file without newlines
        text = text.replace("\n", " ").replace("\u2028", " ")
    return text


def whole_signed(salad, view):
    """_signed_lines as it was: the whole text lowercased, every match listed."""
    text, lines = view.text, view.lines
    lowered = text.lower()
    if len(lowered) != len(text):
        return set(range(len(lines)))
    found = [m.start() for m in salad.broken.finditer(lowered) if not lowered[m.start() - 1:m.start()].isalnum()]
    found += [m.start() for pattern in (word_salad._GLUED, word_salad._COMMA_MARK) for m in pattern.finditer(text)]
    starts = [line.start for line in lines]
    signed = {bisect_right(starts, at) - 1 for at in found}
    junk = salad.junk_pieces(view.distinct_pieces)
    signed.update(i for i, line in enumerate(lines) if not junk.isdisjoint(line.text.split()))
    return signed


def whole_score(salad, line):
    """score as it was: every token of the line in one list."""
    tokens = word_salad._TOKEN.findall(line)
    words = [t for t in tokens if t.isascii() and t[0].isalpha()]
    if len(words) < salad.min_words:
        return None
    junk = sum(salad.verdicts(w) for w in words if w[0].islower()) + word_salad._stray_letters(tokens)
    glued = len(word_salad._GLUED.findall(line)) - len(word_salad._DOMAIN.findall(line))
    signs = junk + max(glued, 0) + 2 * salad._broken_patterns([t.lower() for t in tokens])
    return signs / len(words), signs


def salad_reading(text, window, whole):
    with mock.patch.object(space_windows, "WINDOW", window), mock.patch.object(word_salad, "_WHOLE", whole):
        view = TextView(text)
        found = []
        for salad in RULES:
            may_join = salad._may_join(view)
            found.append((may_join, salad._signed_lines(view, set(range(len(view.lines)))),
                          [salad.score(line.text) for line in view.lines]))
        return found, list(SALAD.propose(text, Context(text)))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(salad_texts(), st.integers(1, 12), st.sampled_from([0, 1 << 30]))
def test_word_salad_a_window_at_a_time_finds_what_the_whole_line_gives(text, window, whole):
    assert salad_reading(text, window, whole) == salad_reading(text, 1 << 30, 1 << 30)
    view = TextView(text)
    for salad in RULES:
        assert salad._signed_lines(view, set(range(len(view.lines)))) == whole_signed(salad, view)
        assert [salad.score(line.text) for line in view.lines] == [whole_score(salad, line.text) for line in view.lines]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(salad_texts(), st.integers(1, 12))
def test_a_broken_pattern_read_a_window_at_a_time_is_where_finditer_finds_it(text, window):
    # long runs of whitespace after an article: a match reads on far past its window
    text = text.replace("\t", " " * 40)
    for salad in RULES:
        lowered = text.lower()
        if len(lowered) != len(text):
            continue
        expected = [m.start() for m in salad.broken.finditer(lowered) if not lowered[m.start() - 1:m.start()].isalnum()]
        with mock.patch.object(space_windows, "WINDOW", window):
            assert list(salad._broken_starts(text)) == expected


def test_what_the_lowercase_reading_assumes_of_every_character():
    chars = map(chr, range(sys.maxunicode + 1))
    longer = [c for c in chars if len(c.lower()) != 1]
    assert longer == [word_salad._LONGER_LOWERCASE]  # and none lowers to nothing
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    # (whitespace keeps its lowercase and casefold; no other character lowers to whitespace)
    assert all(c.lower() == c == c.casefold() and c <= "\uffff" for c in spaces)
    assert not any(chr(c).lower().isspace() for c in range(sys.maxunicode + 1) if not chr(c).isspace())
    assert not any(regex.match(r"[\p{L}\p{M}\p{N}]", c) for c in spaces)  # (casing's non_ascii of a long text)


LONG_CASING_TEXTS = st.lists(st.one_of(CASING_TEXTS, documents_with_names()), max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(LONG_CASING_TEXTS, LONG_CASING_TEXTS.map(lambda t: t.replace("\n", " "))), st.integers(1, 12))
def test_casing_a_window_at_a_time_reports_what_every_word_reports(text, window):
    with mock.patch.object(space_windows, "WINDOW", window), mock.patch.object(casing, "_LONG_TEXT", 0):
        proposals = list(CASING.propose(text, Context(text)))
        assert proposals == [p for rule, _ in CASING.rules for p in slow(text, rule)]
        line = casing._line_around(text, len(text) // 2)
        words = regex.findall(r"\p{L}+", text[line[0]:line[1]])
        assert casing._title_case(text, *line) == (len(words) >= 3 and sum(w[0].isupper() for w in words) * 2 > len(words))
        for fewest in range(6):
            assert casing._holds_pieces(text, *line, fewest) == (len(text[line[0]:line[1]].split()) >= fewest)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(LONG_CASING_TEXTS)
def test_a_long_texts_characters_beyond_ascii_decide_as_the_whole_texts(text):
    whole, pieces = casing._Scan(text, CASING), casing._Scan(text, CASING, TextView(text))
    assert pieces.bmp == whole.bmp
    for prep in CASING.prepared:
        if hasattr(prep, "folding"):
            assert prep.folding.passing(pieces.non_ascii) == prep.folding.passing(whole.non_ascii)


# -- memory, on a line of a million characters (2 bytes each: it holds a character beyond Latin-1)
def a_long_line(words: list[str], extra: str) -> str:
    """A line of `words`, `extra` after every 5000th."""
    return " ".join(words[i % len(words)] + (f" {extra}" if i % 5000 == 4999 else "") for i in range(200_000))


def own_peak(propose, text) -> int:
    list(propose(text[:200_000], Context(text[:200_000])))  # (its words judged, tables read: not counted)
    ctx = Context(text)
    view = ctx.view(text)
    view.lines, view.distinct_pieces  # (the view's, made by the stages before)  # noqa: B018
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        list(propose(text, ctx))
        return tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()


def test_word_salad_on_a_long_line_lists_nothing_over_the_whole_line():
    # signs enough to be scored: every step reads the whole line
    line = a_long_line(["the", "house", "of", "timelets", "z", "work", "usefulser", "is", "—"], "the in")
    view = TextView(line)
    assert all(salad._may_join(view) == {0} for salad in RULES)
    with mock.patch.object(space_windows, "WINDOW", 1 << 13), mock.patch.object(word_salad, "_WHOLE", 0):
        peak = own_peak(SALAD.propose, line)
    assert peak < 0.5 * len(line)  # a list of its tokens alone takes 8 bytes a token, about 1.4 a character


def test_casing_on_a_long_line_lists_nothing_over_the_whole_line():
    line = a_long_line(["the", "house", "of", "people", "said", "that", "work", "is", "—"],
                       "Zorvex, Calmly the zorvex, in english; The plan said: \u201cwe will see it done")
    with mock.patch.object(space_windows, "WINDOW", 1 << 13), mock.patch.object(casing, "_CHUNK", 1 << 13):
        peak = own_peak(CASING.propose, line)
    assert peak < 0.5 * len(line)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab \t\n\xa0.")))
def test_the_pieces_of_a_window_are_counted_as_split_makes_them(text):
    assert word_salad._count_pieces(text) == len(text.split())
