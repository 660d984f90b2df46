"""The repetition stage reads a big text a window of parts at a time (lines, a long line's chunks),
keeping a few numbers a part (repetition_parts.Parts) and, for later passes, each part's marks and
number of pieces: the same proposals as the whole text's pieces at once (`propose_whole`), and each
windowed reading the same as the plain one: the doubled-phrase piece test (doubled.SaidAgain) and a
loop rule's starts (repetition._Starts) read in windows of any size as in one, and as counted
piece by piece; the windows' parts are the whole text's (repetition._parts), placed right.

Window sizes are tiny here (`_READ`, `_LONG_LINE`, `_CHUNK`, `_STRETCH`), so that short generated
texts are read in many windows, with loops and doubled phrases across their cuts. The last test
counts memory: the stage's peak on a generated line stays far below a whole-text list's.
"""
from __future__ import annotations

import random
import tracemalloc
from contextlib import contextmanager
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.pipeline import Context
from cleanup.stages.mt import doubled, doubled_again, repetition
from cleanup.stages.mt.repetition_parts import Parts
from tests.test_speed_doubled_again import _calls, edited_run
from tests.test_speed_mt import PIECES
from tests.test_speed_repetition_lines import STAGE, oracle

DOUBLED = STAGE.doubled[0]
UNITS = ["Thank you", "ー Site Name", "one person,", ". . .", "ha", "gift or gift", "black tea, black tea",
         "New Year's gift or New Year's gift", "x" * 30 + ",", "-"]
GAPS = [" ", " ", " ", "  ", "\n", "\t", " \xa0 ", ", ", " or "]


@contextmanager
def tiny(read, chunk=2, stretch=8):
    saved = repetition._BY_LINES, repetition._READ, repetition._LONG_LINE, repetition._CHUNK, doubled._STRETCH
    repetition._BY_LINES, repetition._READ, repetition._LONG_LINE, repetition._CHUNK, doubled._STRETCH = \
        0, read, 6, chunk, stretch
    try:
        yield
    finally:
        repetition._BY_LINES, repetition._READ, repetition._LONG_LINE, repetition._CHUNK, doubled._STRETCH = saved


@st.composite
def texts(draw, one_line=None):
    parts = []
    for _ in range(draw(st.integers(1, 30))):
        if draw(st.integers(0, 3)) == 0:  # a loop or a doubled phrase
            unit = draw(st.sampled_from(UNITS))
            parts.append(draw(st.sampled_from([" ", ", ", " or "])).join([unit] * draw(st.integers(2, 5))))
        else:
            parts.append(draw(st.sampled_from(PIECES)))
        parts.append(draw(st.sampled_from(GAPS)))
    text = "".join(parts)
    if one_line if one_line is not None else draw(st.booleans()):
        text = text.replace("\n", " ")
    return text


@settings(max_examples=300, deadline=None)
@given(texts(), st.integers(1, 60), st.integers(1, 4), st.integers(1, 30), st.data())
def test_read_by_windows_as_the_whole_text_on_a_first_and_a_later_pass(text, read, chunk, stretch, data):
    changed = text
    for _ in range(data.draw(st.integers(1, 3))):  # edits anywhere: removed, added or replaced text
        at = data.draw(st.integers(0, len(changed)))
        added = data.draw(st.sampled_from(["", " ", "\n", "Thank you Thank you Thank you ", "gift, gift", ". "]))
        changed = changed[:at] + added + changed[at + data.draw(st.integers(0, 12)):]
    with tiny(read, chunk, stretch):
        ctx = Context(text)
        first, second = list(STAGE.propose(text, ctx)), list(STAGE.propose(changed, ctx))
    assert first == oracle(text)
    assert second == oracle(changed)


@settings(max_examples=80, deadline=None)
@given(st.lists(texts(), min_size=3, max_size=10), st.integers(1, 3), st.integers(1, 200), st.data())
def test_later_calls_carrying_doubled_phrases_read_by_windows(blocks, calls, read, data):
    filler = data.draw(st.sampled_from([" ", "\n"])).join(["It was said so, and then the talks went on for a while."] * 8)
    text = f" {filler} ".join(blocks)  # (long stretches between the finds: a later call carries their phrases)
    run = edited_run(data, text, calls)  # (the pipeline's bookkeeping of edits)
    with tiny(read):
        found = _calls(run, doubled_again._TAIL)
    assert found == [oracle(t) for t, _ in run]


@settings(max_examples=300, deadline=None)
@given(texts(), st.integers(1, 60), st.integers(1, 4))
def test_the_windows_parts_are_the_whole_texts_placed(text, read, chunk):
    with tiny(read, chunk):
        windows = list(repetition._windows(text))
        whole, _, per_line = repetition._parts(text.split("\n"))
    parts = [p for w in windows for p in w[0]]
    assert parts == whole
    firsts = b"".join(w[3] for w in windows)
    assert firsts == (b"".join(b"\1" + bytes(n - 1) for n in per_line) if per_line else b"\1" * len(parts))
    for window_parts, keys, starts, _ in windows:
        for part, key, start in zip(window_parts, keys, starts):
            assert text[start:start + len(part)] == part
            assert key == (part if len(text.split("\n")[text.count("\n", 0, start)]) <= 6
                           else repetition._digest(part))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab ,.\t", max_size=60), min_size=1, max_size=6), st.integers(1, 8),
       st.integers(1, 40), st.data())
def test_lines_holding_pieces_are_placed_with_their_chunks_anchors(lines, chunk, read, data):
    text = "\n".join(lines)
    n = len(text.split())
    if not n:
        return
    wanted = sorted(set(data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=5))))
    parts = Parts(text, repetition._TOKEN)
    with tiny(read, chunk):
        for window_parts, _, starts, firsts in repetition._windows(text):
            parts.add(starts, firsts, [0] * len(starts), [len(p.split()) for p in window_parts])
    before = 0
    expected = []
    for j, line in enumerate(lines):
        start = sum(map(len, lines[:j])) + j
        on_line = [i for i in wanted if before <= i < before + len(line.split())]
        if on_line:
            expected.append((start, start + len(line), before, on_line))
        before += len(line.split())
    got = parts.lines_holding(text, wanted)
    assert [(s, e, first, list(w)) for s, e, first, w, _ in got] == expected
    for start, end, _, _, anchors in got:
        if anchors is None:
            continue
        places, numbers = anchors
        assert all(start < p < end and text[p].isspace() for p in places)  # (a chunk starts at a space)
        assert list(numbers) == [len(text[:p].split()) for p in places]


def _slots_of(pieces):
    return [DOUBLED._slots(p) for p in pieces]


def _said_again_counted(slots: bytes):
    """The pieces said again, and the seven pieces' widest sum, piece by piece (the method's plain reading)."""
    n, size = len(slots) // 11, 11
    key = [slots[i * size:i * size + 3] for i in range(n)]
    ends = []
    for i in range(n):
        marked, words = slots[i * size + 3:i * size + 6], slots[i * size + 6:i * size + 9]
        spoken_next = i + 1 < n and slots[(i + 1) * size + 9]
        ends.append(bytes(a & b for a, b in zip(marked, words)) if spoken_next else marked)
    pieces = [i for i in range(n) if any(ends[i] == key[i + k] for k in range(1, 8) if i + k < n)]
    lengths = slots[10::11]
    sevens = [sum(lengths[i + 1:i + 8]) for i in range(n) if ends[i][2] == 0]
    return pieces, max(sevens, default=0), any(x >= 100 for x in lengths)


WORDS = ["gift", "gift,", "Gift", "or", "and", "/", "tea", "tea,", "a", "the,", "x" * 20, "y" * 99, "z" * 120,
         "a,,", "(gift)", ".", "2"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80), st.lists(st.integers(0, 12), max_size=12), st.integers(1, 25))
def test_said_again_read_in_windows_as_counted_piece_by_piece(pieces, cuts, gap):
    slots = _slots_of(pieces)
    windows, at = [], 0
    for size in cuts:  # windows of the pieces' slots, of any sizes
        windows.append(slots[at:at + size])
        at += size
    windows.append(slots[at:])
    said = doubled.SaidAgain(gap)
    for window in windows:
        said.read(window)
    said.read([], last=True)
    expected, widest, long = _said_again_counted(b"".join(slots))
    assert said.long == long
    if not long:  # (a long piece: the whole text is searched, nothing else counts)
        assert said.first == len(pieces)
        assert said.pieces == expected
        assert said.spread("") == (gap > 20 or widest >= 121 - 6 * gap)
        for joiner, widest_gap in ((" ", 1), ("  ", 2)):  # (the gap measured in the text, once all is read)
            measured = doubled.SaidAgain()
            for window in windows:
                measured.read(window)
            measured.read([], last=True)
            assert measured.spread(joiner.join(pieces)) == (widest >= 121 - 6 * widest_gap)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.binary(min_size=1, max_size=13), st.integers(1, 4)), max_size=12),
       st.lists(st.integers(0, 40), max_size=10))
def test_loop_starts_read_in_windows_as_in_one(units, cuts):
    marks = b"".join(unit * repeats for unit, repeats in units)  # (units of up to 13 marks, said up to 4 times)
    for loops in STAGE.rules:
        in_one = loops.starts(marks)
        for windows in [[marks[at:at + size] for at, size in zip(accumulate(cuts, initial=0), cuts)],
                        *([marks[:cut]] for cut in range(len(marks)))]:  # (and one cut at every place)
            starts = repetition._Starts(loops)
            for window in windows:
                starts.read([window])
            starts.read([marks[sum(map(len, windows)):]], last=True)
            assert list(starts.found) == in_one


@pytest.mark.slow  # (builds lines of a few MB)
def test_a_long_lines_peak_memory_is_a_fraction_of_the_text():
    """A line of 1.5 MB (250,000 pieces of a small vocabulary, many loops' starts and pieces said
    again): the stage's own peak stays under 3 bytes a character, what the run keeps after it under
    1 (a list of its pieces alone would take 10; the stage took 62 and kept 6 when it read the
    facts of all pieces as one stream)."""
    rng = random.Random(0)
    vocabulary = ("they", "said", "the", "talks", "which", "ended", "gift", "came", "two", "days", "late", "and", "then",
                  "it", "stops", "we", "go", "home", "now")
    text = " ".join(rng.choice(vocabulary) + rng.choice(["", "", "", ",", ".", " . . ."]) for _ in range(250_000))
    text += " A black tea, black tea for us."
    list(STAGE.propose(text[:5000], Context(text[:5000])))  # (the per-word memos warmed, as in a run)
    ctx = Context(text)
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        found = list(STAGE.propose(text, ctx))
        peak, after = tracemalloc.get_traced_memory()[1], tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert any(p.message.endswith("'black tea'") for p in found)
    assert peak - held < 3 * len(text)
    assert after - held < 1 * len(text)


def test_the_widest_gap_is_measured_without_a_list_of_places():
    """200,000 runs of two spaces, and as many tabs: measured as found, not listed (a list of
    their places took 36 bytes each)."""
    text = "a  b\tc " * 200_000 + "d \xa0\xa0 e"
    lengths = bytes(len(p) for p in text.split())
    tracemalloc.start()
    try:
        held = tracemalloc.get_traced_memory()[0]
        widest = doubled._widest_gap(text, lengths)
        peak = tracemalloc.get_traced_memory()[1] - held
    finally:
        tracemalloc.stop()
    assert widest == 4
    assert peak < 100_000
