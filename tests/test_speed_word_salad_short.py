"""Word salad on a text of one line (no line end): its pieces are all the line's, not counted line by
line (`_line_counts`), and its lines are made only when one may join a stretch. The lines that may join
are those the plain reading finds (test_speed_word_salad_clean.plain), and the stage flags what it
flags reading each line a window at a time (the way of a text longer than _WHOLE), on one-line texts
of every kind of space but the line end, and on a few of several lines.
"""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleanup.analysis.textview import TextView
from cleanup.core.pipeline import Context
from cleanup.stages.mt import word_salad
from tests.test_speed_word_salad_clean import SALADS, SPACES, WORDS, plain

STAGE = word_salad.WordSaladStage([])
STAGE.rules = SALADS

ONE_LINE = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from([s for s in SPACES if "\n" not in s])),
                    max_size=40).map(lambda parts: "".join(w + s for w, s in parts))
SOME_LINES = st.lists(ONE_LINE, min_size=1, max_size=3).map("\n".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(ONE_LINE | SOME_LINES)
@example("the of the in a who usefulser timelets theseA z b house")
def test_a_one_line_texts_lines_that_may_join_are_the_plain_readings(text):
    view = TextView(text)
    for salad in SALADS:
        assert salad._may_join(view) == plain(salad, view)


@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(ONE_LINE | SOME_LINES)
@example("the of the in a who usefulser timelets theseA z b house")
def test_the_stage_flags_what_reading_each_line_by_windows_flags(text):
    found = STAGE.propose(text, Context(text))
    kept, word_salad._WHOLE = word_salad._WHOLE, -1
    try:
        assert found == list(STAGE.propose(text, Context(text)))
    finally:
        word_salad._WHOLE = kept
