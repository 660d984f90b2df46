"""On one long line, a later call of the repetition stage takes the cut and key of each chunk the
last call saw where the text from the chunk's start to its cut is copied from the last text
(repetition._SeenChunks, Context.copied): the same windows as cutting and digesting the whole line
again, and the stage's proposals those of the whole text's pieces at once (the oracle).

Window sizes are tiny here (`_READ`, `_LONG_LINE`, `_CHUNK`), so that short generated lines are cut
in many chunks and edits fall before, inside and across them.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.core.copies import since
from cleanup.stages.mt import repetition
from tests.test_memory_repetition import texts, tiny
from tests.test_speed_doubled_again import _calls, edited_run
from tests.test_speed_repetition_lines import oracle


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
@given(texts(one_line=True), st.integers(1, 60), st.integers(1, 4), st.integers(1, 3), st.data())
def test_later_calls_on_one_line_find_what_the_whole_text_way_does(text, read, chunk, calls, data):
    run = edited_run(data, text, calls)
    with tiny(read, chunk):
        found = _calls(run, repetition.doubled_again._TAIL)
    assert found == [oracle(t) for t, _ in run]
