"""Linear work (issue 15): cleaning four times the text does about four times the work.

A quadratic step (a scan from the start of the text for every token, a list
searched for every word) is invisible on a 4 KB document and fatal on a
50 MB file. Timing would catch it on a quiet machine only, so these tests COUNT
work instead: the Python lines the package executes (a trace function that
counts line events in frames of code under cleanup/), while `cleanup.clean`
cleans a text of ~0.5 MB and one of ~2 MB. Four times the text may do at most
five times the lines.

What the count cannot see: work inside one C call. A `str.rfind` from the start
of the text for every match, or a slice copying every line after each removed
one, is one line event however much it scans or copies, so such a step does
not move these counts (benchmarks/bench_speed.py times one 50 MB line and a
64 MB file for that; docs/performance.md names two such steps found so).

The texts are built here from a few sentences with the artefacts the pipeline
works on: a Cyrillic letter in a Latin word, words run together ("fourhours"),
a repeated word, a no-break space, a name in parentheses after itself.
"""
from __future__ import annotations

import os
import random
import sys
import threading

import pytest

import cleanup

PACKAGE = os.path.dirname(os.path.abspath(cleanup.__file__)) + os.sep

SENTENCES = [
    "The delegation arrived in Geneva on Tuesday morning for the talks.",
    "The meeting lasted fourhours and ended without a joint statement.",
    "Officials said the the agreement would be signed next month.",
    "The minister met representatives of the Moscow\u00a0office on Friday.",
    "The new bridge over the river will open to traffic in spring.",
    "Vladimir Putin (Vladimir Putin) spoke to reporters after the meeting.",
    "Prices rose by 3.5 percent in the second quarter, the bureau said.",
    "The company said it would hire 1,200 workers at the new plant.",
    "Residents were asked to stay indoors until the storm had passed.",
    "The Mоscow office will remain closed for two weeks.",  # a Cyrillic о in Moscow
    "Teachers in the region have been on strike since early June.",
    "The report was published on the website of the ministry.",
]


def _text(size: int, *, one_line: bool, seed: int = 15) -> str:
    """About `size` characters of paragraphs (3-6 sentences, a blank line between) or of ONE line."""
    rnd = random.Random(seed)
    paragraphs, total = [], 0
    while total < size:
        paragraph = " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(3, 6)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return (" " if one_line else "\n\n").join(paragraphs) + ("" if one_line else "\n")


class _LineCounter:
    """Counts the line events of frames running the package's code (every thread), while active."""

    def __init__(self):
        self.lines = 0

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename.startswith(PACKAGE):
            return self._local
        return None  # no line events for code outside the package

    def _local(self, frame, event, arg):
        if event == "line":
            self.lines += 1
        return self._local

    def __enter__(self):
        self._saved = sys.gettrace()
        threading.settrace(self._global)
        sys.settrace(self._global)
        return self

    def __exit__(self, *exc):
        sys.settrace(self._saved)
        threading.settrace(self._saved)


def _lines_to_clean(text: str) -> int:
    with _LineCounter() as counter:
        result = cleanup.clean(text)
    assert result.text  # it did clean the text
    return counter.lines


def _ratio(one_line: bool) -> tuple[int, int, float]:
    cleanup.clean(_text(20_000, one_line=one_line))  # the pipeline is built once per process: not counted
    small = _lines_to_clean(_text(500_000, one_line=one_line))
    large = _lines_to_clean(_text(2_000_000, one_line=one_line))
    return small, large, large / small


@pytest.mark.slow
def test_four_times_the_paragraphs_do_at_most_five_times_the_work():
    small, large, ratio = _ratio(one_line=False)
    assert small > 10_000  # the counter saw the pipeline's lines
    assert ratio <= 5.0, f"line events: {small:,} for 0.5 MB, {large:,} for 2 MB ({ratio:.1f}x for 4x the text)"


@pytest.mark.slow
def test_four_times_one_long_line_does_at_most_five_times_the_work():
    """The same text as ONE line without a newline: per-line steps see a single 2 MB line."""
    small, large, ratio = _ratio(one_line=True)
    assert small > 10_000
    assert ratio <= 5.0, f"line events: {small:,} for 0.5 MB, {large:,} for 2 MB ({ratio:.1f}x for 4x the text)"


def test_the_counter_sees_a_quadratic_step():
    """The yardstick itself: a loop that rescans its input per item counts ~16x for 4x the input."""
    def quadratic(items):
        seen = []
        for item in items:
            for other in seen:  # every earlier item, for every item
                if other == item:
                    break
            seen.append(item)

    def lines(n):
        counter = _LineCounter()
        code = quadratic.__code__
        counter._global = lambda frame, event, arg: counter._local if frame.f_code is code else None
        with counter:
            quadratic(list(range(n)))
        return counter.lines

    assert lines(400) / lines(100) > 10
