"""Names, foreign words and name consistency read a long line a window at a time (or a stream of its
pieces), never listing what the whole line holds: compared, proposal for proposal and in order,
with the plain reading of the whole text, on generated texts with names, garbles, glued names,
titles and hyphenated runs placed at and around the cuts of tiny windows; and a line of about a
megabyte is read with a peak well below what a list of its runs or pieces would cost.
"""
from __future__ import annotations

import tracemalloc
from functools import partial
from unittest import mock

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis import name_windows as windows
from cleanup.analysis import textview
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import names
from cleanup.stages.mt import consistency
from cleanup.stages.registry import build_kind

NAMES = build_kind("names", load_rulebook())[0]

NAME_WORDS = ["Poutine", "Putin", "Vladimir", "Wladimir", "President", "Mr", "Poutinsaid", "saidPutin",
              "saidPoutine", "Selenskyj", "Zelensky", "Peskow", "Dmitri", "Xi", "Jinping", "Si", "Jingping",
              "Miley", "Cyrus", "the", "said", "talks", "Kremlin", "spokesman", "Ölwerk", "ÉTAT", "Lý", "Cường",
              "a", "Putin's", "Jean-Claude", "A", "PUTIN"]
SEPARATORS = [" ", " ", " ", "  ", "-", ", ", ". ", "\n", "", " (", ") "]
TEXTS = st.lists(st.tuples(st.sampled_from(NAME_WORDS), st.sampled_from(SEPARATORS)),
                 max_size=30).map(lambda parts: "".join(w + s for w, s in parts))


def _whole(text):
    yield 0, text


def _proposals(stage, text):
    return [tuple(p) for p in stage.propose(text, Context(text))]


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(1, 12))
def test_windows_make_up_the_text_and_end_after_a_space_no_capital_follows(text, size):
    parts = list(windows.name_windows(text, size))
    assert "".join(w for _, w in parts) == text
    assert [start for start, _ in parts] == [sum(len(w) for _, w in parts[:i]) for i in range(len(parts))]
    for start, window in parts[:-1]:
        end = start + len(window)
        assert text[end - 1] == " " and not regex.match(r"\p{Lu}", text[end:end + 1])


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(1, 12))
def test_names_read_in_windows_propose_what_the_whole_text_gives(text, size):
    with mock.patch.object(names, "name_windows", _whole):
        expected = _proposals(NAMES, text)
    with mock.patch.object(names, "name_windows", partial(windows.name_windows, size=size)):
        assert _proposals(NAMES, text) == expected


def _peak(stage, text) -> int:
    _proposals(stage, text)  # (first: the patterns' `re` forms are compiled once a process)
    ctx = Context(text)
    tracemalloc.start()
    try:
        list(stage.propose(text, ctx))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_names_on_a_long_line_peak_below_a_list_of_its_runs():
    text = ("The Board met on Monday in Paris and New York, said Ms Smith of the Grand Hotel. " * 99
            + "Mr Poutine said so. ") * 140
    assert len(text) > 1_000_000 and _proposals(NAMES, text[-30:])
    # the runs and the text between them, listed whole, cost over 4 bytes a character
    assert _peak(NAMES, text) < 1.5 * len(text)


FOREIGN = build_kind("foreign-words", load_rulebook())[0]
FOREIGN_WORDS = ["nicht", "sehr", "straße", "toujours", "the", "talks", "und", "Tagebuch", "Krankenhaus",
                 "Tagebuch eines", "xnicht", "nicht3", "@nicht", "l'nicht", "nicht.de", "Nicht", "said"]
FOREIGN_TEXTS = st.lists(st.tuples(st.sampled_from(FOREIGN_WORDS), st.sampled_from(SEPARATORS)),
                         max_size=30).map(lambda parts: "".join(w + s for w, s in parts))


def _foreign_proposals(text, listed: bool):
    ctx = Context(text)
    if listed:
        ctx.view(text).pieces  # (made first: the view then hands its list, not a stream)
    return [tuple(p) for p in FOREIGN.propose(text, ctx)]


@settings(max_examples=300, deadline=None)
@given(FOREIGN_TEXTS, st.integers(1, 12))
def test_foreign_words_read_from_a_stream_of_pieces_propose_what_the_list_gives(text, chunk):
    with mock.patch.object(textview, "CHUNK", chunk):  # a big text's pieces, streamed a chunk at a time
        assert _foreign_proposals(text, listed=False) == _foreign_proposals(text, listed=True)


def test_foreign_words_on_a_long_line_peak_below_a_list_of_its_pieces():
    text = ("The talks went on for hours and the ministers said little about what was agreed. " * 99
            + "He said nicht so. ") * 140
    with mock.patch.object(textview, "CHUNK", 1 << 16):
        assert len(text) > 2 * textview.CHUNK and _foreign_proposals(text[-20:], listed=False)
        # the list of its pieces (8 bytes a piece, and its chunks on the way) costs over twice the text
        assert _peak(FOREIGN, text) < 1.5 * len(text)


CONSISTENCY = build_kind("consistency", load_rulebook())[0]
SPELLINGS = ["Omicron", "Omikron", "Omiquelon", "Omicronom", "Omik Jong", "Omik-jong", "Sergei Lavrov",
             "Sergey Lavrov", "Sergey Shoigu", "Lavrov", "Kennedy", "Kennedys", "Kvešić", "Kwešić",
             "President Kvešić", "President Kwešić", "Tomasz Wolski", "Wolski", "Wolsky", "Raikko Maru",
             "Raikkomaru", "Zurich", "Zürich", "The", "the army", "said", "A"]
SPELLING_TEXTS = st.lists(st.tuples(st.sampled_from(SPELLINGS), st.sampled_from(SEPARATORS)),
                          max_size=30).map(lambda parts: "".join(w + s for w, s in parts))


@settings(max_examples=400, deadline=None)
@given(SPELLING_TEXTS, st.integers(1, 12))
def test_consistency_read_in_windows_proposes_what_the_whole_text_gives(text, size):
    with mock.patch.object(consistency, "name_windows", _whole):
        expected = _proposals(CONSISTENCY, text)
        mentions = consistency._Found(text).mentions()
    with mock.patch.object(consistency, "name_windows", partial(windows.name_windows, size=size)):
        assert _proposals(CONSISTENCY, text) == expected
        assert consistency._Found(text).mentions() == mentions


def test_consistency_on_a_long_line_peak_below_a_list_of_its_names():
    text = ("The Board met on Monday in Paris and New York, said Ms Smith of the Grand Hotel. " * 99
            + "Omicron or Omikron, said Tomasz Wolski. ") * 140
    ctx = Context(text)
    ctx.view(text).distinct_pieces  # (the view's, made by an earlier stage)
    expected = [tuple(p) for p in CONSISTENCY.propose(text, ctx)]
    assert len(text) > 1_000_000 and expected
    with mock.patch.object(consistency, "name_windows", partial(windows.name_windows, size=1 << 15)):
        tracemalloc.start()
        try:
            assert [tuple(p) for p in CONSISTENCY.propose(text, ctx)] == expected
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    # a list of its names' spans, or of its two-piece spellings, costs several times the text
    assert peak < len(text)
