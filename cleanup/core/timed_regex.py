"""Run rule regexes with a time limit, so a runaway pattern cannot hang a run.

A rule gets `base` seconds plus `per_mb` per megabyte of the document, for
the whole document: a stage that matches line by line (boilerplate lines)
spends one budget across all its lines, not a fresh one per line (100 lines
that each take just under the limit would otherwise take 100 limits). A rule
that exhausts its budget is stopped for the rest of the document and named
in a Problem; the document's result is then incomplete (Result.incomplete).

RuleClock.run is the one way a pattern runs under a time limit: the stages
use it, and so does `cleanup rules lint` when it probes a pattern with texts
built to make it backtrack (authoring/regex_shape.py): lint's "runs away"
means a run would stop the rule on that text.
"""
from __future__ import annotations

import time

import regex

from .result import Problem

BASE_TIMEOUT = 1.0
PER_MB_TIMEOUT = 2.0


def time_limit(text: str) -> float:
    return BASE_TIMEOUT + PER_MB_TIMEOUT * len(text) / 1_000_000


def compile_rule(pattern: str, ignore_case: bool = False):
    return regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))


class Stopped(Exception):
    """The rule has used up its time on this document."""


class RuleClock:
    """Each rule's time on one document: `limit` seconds in all, however many matches it runs."""

    def __init__(self, text: str):
        self.limit = time_limit(text)
        self.spent: dict[str, float] = {}
        self.stopped: set[str] = set()

    def run(self, rule_id: str, match, problems: list | None):
        """`match(timeout)` within what is left of the rule's budget; Stopped once it is used up."""
        if rule_id in self.stopped:
            raise Stopped(rule_id)
        left = self.limit - self.spent.get(rule_id, 0.0)
        if left <= 0:
            self._stop(rule_id, problems)
        started = time.monotonic()
        try:
            return match(left)
        except TimeoutError:
            self._stop(rule_id, problems)
        finally:
            self.spent[rule_id] = self.spent.get(rule_id, 0.0) + time.monotonic() - started

    def _stop(self, rule_id: str, problems: list | None):
        self.stopped.add(rule_id)
        if problems is not None:
            problems.append(Problem("rule-timeout", f"rule {rule_id} used up its {self.limit:.1f}s on this text "
                                    "and was stopped; its pattern can backtrack without end "
                                    "(run 'cleanup rules lint')", rule_id))
        raise Stopped(rule_id) from None


def find_all(compiled, text: str, rule_id: str, problems: list | None, pos: int = 0, endpos: int | None = None,
             clock: RuleClock | None = None):
    """All matches, or none (with a Problem logged) when the rule runs away."""
    clock = clock or RuleClock(text)
    end = len(text) if endpos is None else endpos
    try:
        return clock.run(rule_id, lambda timeout: list(compiled.finditer(text, pos, end, timeout=timeout)), problems)
    except Stopped:
        return []


def find_in_spans(compiled, text: str, spans, rule_id: str, problems: list | None, clock: RuleClock | None = None):
    """The matches of find_all that lie in `spans` ((pos, endpos) pairs, in order, each ending after a
    character no match can touch, or at the text's end), under one budget for all of them: an empty
    match at an endpos short of the text's end belongs to the next span, if any."""
    clock = clock or RuleClock(text)

    def run(timeout):
        started, out = time.monotonic(), []
        for pos, endpos in spans:
            left = timeout - (time.monotonic() - started)
            if left <= 0:
                raise TimeoutError
            out += compiled.finditer(text, pos, endpos, timeout=left)
            if out and out[-1].start() == endpos < len(text):
                out.pop()  # (it saw the text cut short at endpos)
        return out
    try:
        return clock.run(rule_id, run, problems)
    except Stopped:
        return []


def find_at(compiled, text: str, starts, rule_id: str, problems: list | None, clock: RuleClock | None = None):
    """The matches of find_all when no match can start anywhere but at `starts` (positions, in
    order): the pattern is tried at each, as a search would try it (a lookbehind, ^ or \\b still
    sees the text before it), from the end of the last match on. None when a match is empty:
    what a search does after one is not followed here (the caller then searches)."""
    clock = clock or RuleClock(text)

    def run(timeout):
        started, out, end = time.monotonic(), [], 0
        for p in starts:
            if p < end:
                continue
            left = timeout - (time.monotonic() - started)
            if left <= 0:
                raise TimeoutError
            m = compiled.match(text, p, timeout=left)
            if m is not None:
                if m.end() == m.start():
                    return None
                out.append(m)
                end = m.end()
        return out
    try:
        return clock.run(rule_id, run, problems)
    except Stopped:
        return []
