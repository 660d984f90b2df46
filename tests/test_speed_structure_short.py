"""The structure stage on a text of one line (issue 15: the cost of a call on a short text), as on any other.

A text of one line has no neighbouring lines (the line checks are not run),
holds no sentence after another when no sentence end has more than spaces
after it (duplicate_sentence.one_sentence: the copies are not looked for),
and has its repeated words read whole, without the memo of lines; a short
text is one window of bytes. Each is compared with the plain path.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.lines import Line, removal_spans
from cleanup.analysis.textview import TextView
from cleanup.core.pipeline import Context
from cleanup.stages import duplicate_sentence as ds
from cleanup.stages import structure

from . import test_speed_structure as words_test
from . import test_speed_structure_sentences as sentences_test

RULES = words_test.RULES
# what a sentence end is made of (marks, closing quotes, spaces and tabs after them) and other spaces
ENDS = [".", "!", "?", "\u2026", '"', "\u201d", "\u2019", ")", " ", "\t", "  ", "\r", "\u3000", "\x0b", "\u00a0", ""]
PIECES = words_test.PIECES + sentences_test.PIECES + ["Xi met Biden in Beijing on Monday - Xinhua"]
lines = st.one_of(
    st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(ENDS + words_test.SEPARATORS)), max_size=40).map(
        lambda parts: "".join(p + s for p, s in parts).replace("\n", " ")),
    st.lists(st.tuples(st.sampled_from(sentences_test.SENTENCE + words_test.LINES), st.sampled_from(ENDS)),
             max_size=8).map(lambda parts: "".join(p + s for p, s in parts).replace("\n", " ")))


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines)
def test_a_line_without_a_second_sentence_has_one_row_at_most(line):
    rows = list(ds._rows(line, [(0, Line(0, len(line), line))]))
    assert ds.one_sentence(line) == (len(rows) <= 1)


def plain_proposals(text):
    """The stage's proposals with no short way: sentence copies looked for, repeats read with a memo of lines."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(ds, "one_sentence", lambda line: False)
        m.setattr(structure._Scan, "repeat_spans", lambda scan: structure._repeat_spans(scan.view, {}))
        return list(structure.StructureStage(RULES).propose(text, Context(text)))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines, st.sampled_from([None, 8]))
def test_a_line_gets_what_the_plain_path_finds(line, longest):
    with pytest.MonkeyPatch.context() as m:
        if longest:  # (a long line: the reading for lines too long for the memo)
            m.setattr(structure, "_MEMO_LONGEST", longest)
            m.setattr(ds, "_MEMO_LONGEST", longest)
        stage = structure.StructureStage(RULES)
        assert list(stage.propose(line, Context(line))) == plain_proposals(line)
        scan = structure._Scan(line, Context(line).view(line))
        for check in stage.line_checks:  # (not run on one line: they find nothing there)
            check.mark(scan)
        assert scan.remove == {}


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(lines, words_test.documents, st.lists(st.sampled_from(words_test.LINES), max_size=4).map("\n".join)))
def test_the_lines_going_are_those_the_line_checks_find_run_until_nothing_more_goes(text):
    stage = structure.StructureStage(RULES)
    stage.other_checks = []
    scan = structure._Scan(text, Context(text).view(text))
    while True:  # (on any number of lines)
        before = len(scan.remove)
        for check in stage.line_checks:
            check.mark(scan)
        if len(scan.remove) == before:
            break
    expected = [(start, end, rule.id) for start, end, rule in removal_spans(text, scan.lines, scan.remove)]
    assert [(p.start, p.end, p.rule) for p in stage.propose(text, Context(text))] == expected


# a word said twice at a text's end (where a window ends)
said_twice = st.tuples(words_test.texts, st.sampled_from(PIECES), st.sampled_from([" ", "\t", "  ", "\n"])).map(
    lambda t: t[0] + t[1] + t[2] + t[1])


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(lines, words_test.texts, words_test.documents, said_twice), st.integers(1, 8))
def test_a_short_text_read_as_one_window_finds_the_same_starts(text, piece):
    whole = structure._repeat_starts(TextView(text))
    with pytest.MonkeyPatch.context() as m:
        m.setattr(structure, "_SMALL_PIECE", piece)
        assert whole == structure._repeat_starts(TextView(text))
