"""On one long line, a later call of the repetition stage takes the cut and key of each chunk the
last call saw where the text from the chunk's start to its cut is copied from the last text
(repetition._SeenChunks, Context.copied): the same windows as cutting and digesting the whole line
again. It leaves alone, without reading their part's words, the loops the last call left alone in a
part of the same key (repetition._LeftLoops: ". . .", "ha ha ha"), and the starts where it found no
loop (marks that repeat where words do not: made to, here). Over a few calls, the stage's proposals
are those of the whole text's pieces at once (the oracle).

Window sizes are tiny here (`_READ`, `_LONG_LINE`, `_CHUNK`), so that short generated lines are cut
in many chunks and edits fall before, inside and across them, and a short text keeps loops left
alone (`_TEXT_PER_LEFT`).
"""
from __future__ import annotations

import copy
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.analysis.memo import Memo
from cleanup.core.copies import since
from cleanup.stages.mt import repetition
from tests.test_memory_repetition import texts, tiny
from tests.test_speed_doubled_again import _calls, calls_in_run, edited_run
from tests.test_speed_repetition_lines import STAGE, oracle


@settings(max_examples=300, deadline=None)
@given(texts(), st.integers(1, 60), st.integers(1, 4), st.integers(1, 3), st.data())
def test_windows_with_the_last_calls_chunks_are_the_windows_cut_again(text, read, chunk, calls, data):
    run = edited_run(data, text, calls)
    with tiny(read, chunk):
        seen = repetition._SeenChunks()
        assert list(repetition._windows(text, seen)) == list(repetition._windows(text))
        for (before, _), (now, changes) in zip(run, run[1:]):
            seen = repetition._SeenChunks(seen.seen(), since(len(before), [changes]))
            assert list(repetition._windows(now, seen)) == list(repetition._windows(now))


@settings(max_examples=150, deadline=None)
@given(texts(), st.integers(1, 60), st.integers(1, 4), st.integers(1, 3), st.data())
def test_later_calls_find_what_the_whole_text_way_does(text, read, chunk, calls, data):
    run = edited_run(data, text, calls)
    with tiny(read, chunk), mock.patch.object(repetition, "_TEXT_PER_LEFT", data.draw(st.sampled_from([1, 8]))):
        found = _calls(run, repetition.doubled_again._TAIL)
    assert found == [oracle(t) for t, _ in run]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([".", "-", "ha", ". -"]), st.integers(3, 12), st.integers(0, 12), st.integers(1, 60),
       st.integers(1, 4), st.sampled_from(["", "Thank you Thank you Thank you ", "gift, gift "]))
def test_a_loop_left_alone_that_grows_or_shrinks_across_parts_is_read_again(unit, before, after, read, chunk, next_):
    """A loop left alone runs over parts; a later call gives it more or fewer copies, and a loop may
    follow it: the parts' loops kept are only those read within their part."""
    lead = "It was said so, and then. "
    text = f"{lead}{' '.join([unit] * before)} {next_}end."
    changed = f"{lead}{' '.join([unit] * after)} {next_}end."
    run = [(text, None), (changed, [(len(lead), len(text) - len(next_) - 4, len(changed) - len(next_) - 4 - len(lead))])]
    with tiny(read, chunk), mock.patch.object(repetition, "_TEXT_PER_LEFT", 1):
        found = _calls(run, repetition.doubled_again._TAIL)
    assert found == [oracle(t) for t, _ in run]


@settings(max_examples=150, deadline=None)
@given(texts(), st.integers(1, 60), st.integers(1, 4), st.integers(1, 3), st.data())
def test_starts_without_a_loop_are_passed_over_again_only_where_their_part_decides(text, read, chunk, calls, data):
    run = edited_run(data, text, calls)
    assert _calls_marked_alike(run, read, chunk) == [oracle(t) for t, _ in run]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["gift", "ha", "Thank you", "a, b"]), st.integers(1, 60), st.integers(1, 4))
def test_a_start_without_a_loop_gets_one_when_the_next_part_changes(word, read, chunk):
    lead = "It was said so, and then. "
    text, changed = f"{lead}{word} x y z end.", f"{lead}{word} {word} {word} end."
    at = len(lead) + len(word)  # (" x y z" made " word word")
    run = [(text, None), (changed, [(at, len(text) - 5, len(changed) - 5 - at)])]
    assert _calls_marked_alike(run, read, chunk) == [oracle(t) for t, _ in run]


def _calls_marked_alike(run, read, chunk):
    """The stage's proposals at each call of `run` (see edited_run), every token marked alike: a
    start at every token, most without a loop."""
    stage = copy.copy(STAGE)  # (with memos of its own: the marks below are not the run's)
    stage.marks, stage.words, stage.facts = Memo(repetition._marks), Memo(repetition._words_of), Memo(stage._piece_facts)
    with tiny(read, chunk), mock.patch.object(repetition, "_TEXT_PER_LEFT", 1), \
            mock.patch.object(repetition, "_marks_of", lambda words: bytes(len(words))):
        return calls_in_run(stage, run)
