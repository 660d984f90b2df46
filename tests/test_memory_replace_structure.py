"""Replace and structure on one long line, in compact forms (issue: speed, a 50 MB line's peak memory).

Each compact or windowed reading is held to the plain one it replaced, with
tiny pieces patched in so that the things looked for fall at and around the
cuts; and a ~1 MB line is read under a memory bound the plain form exceeds.
"""
from __future__ import annotations

import tracemalloc
from itertools import compress, islice
from operator import eq

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis import ascii_folding
from cleanup.analysis.ascii_folding import fold_ascii
from cleanup.analysis.lines import split_lines
from cleanup.analysis.regex_needs import fold_case
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import duplicate_sentence, replace, replace_again, replace_reach, site_tail, structure
from cleanup.stages.registry import configure
from cleanup.stages.replace import ReplaceStage
from cleanup.stages.replace_reach import Found, Scope, pairs

from .test_speed_replace import SHIPPED
from .test_speed_replace import documents as replace_documents
from .test_speed_replace_again import _edited as edited_as_run
from .test_speed_replace_again import _fresh as fresh_proposals
from .test_speed_replace_again import _proposals as again_proposals
from .test_speed_replace_again import edits as replace_edits

# -- replace: the case-folded text as bytes ------------------------------------------

PARTNERS = "\u0130\u0131\u017f\u212a"  # (İ ı ſ K: they match an ASCII letter ignoring case)
pieces = st.sampled_from(["a", "b", "ab", "A", "B", "k", "is", "S", " ", ".", "\n", ",", "?", "é", "É", "Σ", "ß",
                          "’", "\u4e2d", *PARTNERS])
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.integers(1, 5))
def test_the_bytes_form_is_fold_case_with_what_is_beyond_ascii_made_a_question_mark(monkeypatch, text, piece):
    monkeypatch.setattr(ascii_folding, "PIECE", piece)
    folded = fold_case(text)
    assert len(folded) == len(text)
    assert fold_ascii(text).decode() == "".join(c if c.isascii() else "?" for c in folded)


LITERALS = ["a", "ab", "ba", "k", "is", "s", "b a", "aa"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, st.integers(1, 5), st.sampled_from(LITERALS))
def test_a_folded_literal_is_found_where_fold_case_holds_it(monkeypatch, text, piece, literal):
    monkeypatch.setattr(ascii_folding, "PIECE", piece)
    assert Found(text).has_folded(literal) == (literal in fold_case(text))


def _plain_spans(scope: Scope, text: str):
    """Scope.spans as it read before the compact form: a dict of the stretches around each occurrence
    (in the case-folded text for a folded scope), sorted and joined; those that hold the need's other
    parts, each looked for in the stretch alone."""
    ends, most = {}, len(text) // replace_reach._CHARS_PER_STRETCH
    for kind, what in replace_reach._leaves(scope.need):
        if kind == "re":
            pattern = Found(text).pattern(what)
            find = lambda pos: (m.start() if (m := pattern.search(text, pos)) else -1)  # noqa: E731
        else:
            within = fold_case(text) if scope.folded else text
            find = lambda pos: within.find(what, pos)  # noqa: E731
        at = find(0)
        while at >= 0:
            wall = scope.next_wall.search(text, at)
            end = wall.end() if wall else len(text)
            before = scope.last_wall.search(text, 0, at)
            ends[before.end() if before else 0] = end
            if len(ends) > most:
                return None
            at = find(end)
    spans = []
    for start in sorted(ends):
        if spans and spans[-1][1] >= start:
            spans[-1][1] = max(spans[-1][1], ends[start])
        else:
            spans.append([start, ends[start]])
    return [(a, b) for a, b in spans if all(_plain_holds(part, text[a:b], scope.folded) for part in scope.others)]


def _plain_holds(need, stretch: str, folded: bool) -> bool:
    if isinstance(need, str):
        return need in (fold_case(stretch) if folded else stretch)
    kind, parts = need
    if kind == "re":
        return Found(stretch).pattern(parts).search(stretch) is not None
    return (all if kind == "and" else any)(_plain_holds(part, stretch, folded) for part in parts)


needs = st.one_of(st.sampled_from(LITERALS), st.lists(st.sampled_from(LITERALS), min_size=2, max_size=3)
                  .map(lambda parts: ("or", parts)),
                  st.just(("or", ["ab", ("re", "a[bk]")])), st.just(("and", ["is", ("or", ["k", "ba"])])),
                  st.lists(st.sampled_from(LITERALS + [("re", "a[bk]"), ("or", ["k", "s"])]), min_size=2, max_size=4)
                  .map(lambda parts: ("and", parts)))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts, needs, st.sampled_from([".", "\n", ".,\n", ","]), st.booleans(), st.integers(1, 3), st.integers(1, 4))
def test_the_stretches_in_a_flat_array_holding_the_other_needs_are_the_plain_ones(monkeypatch, text, need, walls, folded, per, piece):
    monkeypatch.setattr(replace_reach, "_CHARS_PER_STRETCH", per)
    monkeypatch.setattr(ascii_folding, "PIECE", piece)
    monkeypatch.setattr(replace_reach, "_FEW_STRETCHES", 0)
    scope = Scope(walls, need, folded)
    spans = scope.spans(text, Found(text))
    assert (None if spans is None else list(pairs(spans))) == _plain_spans(scope, text)


def _peak(work) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_long_wide_line_is_folded_in_a_byte_a_character():
    text = "Der Kreml sagte am Montag, dass Putin ’nichts’ wisse \u4e2d. " * 20_000  # ~1.2M characters, 2 bytes each
    found = Found(text)
    peak = _peak(lambda: found.has_folded("kreml"))
    assert found.has_folded("kreml") and not found.has_folded("tass")
    assert peak < 1.5 * len(text)  # (the folded str alone would take 2 bytes a character)


# -- structure: repeated words, last words, sentence copies, site tails -------------------------

STRUCTURE_PIECES = ["the", "The", "THE", "in", "\u212aelvin", "kelvin", "\u017fo", "so", "\u0130s", "is", "\u0131s",
                    "\u03a3\u03b1\u03c2", "caf\u00e9", "CAF\u00c9", "x", "-", "\u2019", ".", ",", "!", "1", "\u65b0"]
# (texts for the repeated-word property test in test_speed_structure_twice, with its own)
spaced_texts = st.lists(st.tuples(st.sampled_from(STRUCTURE_PIECES), st.sampled_from([" ", " ", "  ", "\t", "", "\n"])),
                        max_size=40).map(lambda parts: "".join(p + s for p, s in parts))


def _plain_repeat_starts(view):
    """_repeat_starts as it read before its windows: the whole text made bytes, every word alike somewhere
    looked for everywhere."""
    text = view.text
    spaced = b"".join(structure._ascii_letters(text[at:at + 4]).encode("ascii", "replace")
                      .translate(structure._SPACED_LETTERS) for at in range(0, len(text), 4))
    words = spaced.replace(b"#", b" # ").split()
    alike = set(compress(words, map(eq, words, islice(words, 1, None)))) - {b"#"}
    return sorted({m.start() for word in alike for m in structure._spaced_repeat(word).finditer(spaced)})


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(["a", "bc", " ", "\t", "\n", "\u3000", "\u00a0"]), max_size=30).map("".join),
       st.integers(1, 3))
def test_a_long_lines_last_word_and_last_character_are_read_from_its_end(monkeypatch, text, tail):
    monkeypatch.setattr(structure, "_TAIL", tail)
    assert structure._last_words(text) == text.rsplit(None, 1)[-1:]
    assert site_tail._last_character(text) == text.rstrip(" \t")[-1:]


SENTENCE_PIECES = ["At the same time, men prefer to buy only jackets.", "At the same time men prefer to buy jackets.",
                   "At the same time, women prefer to buy only jackets!", "He said the end.", "Q.", "x",
                   "\u201cAt the same time, men prefer to buy only jackets.\u201d", "Caf\u00e9 owners buy jackets?",
                   "\u03a3\u03b1\u03c2 at the same time, men prefer to buy only jackets.", "Ends without its mark"]
sentence_texts = st.lists(st.tuples(st.sampled_from(SENTENCE_PIECES), st.sampled_from([" ", " ", ". ", "  ", "\n"])),
                          max_size=24).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(sentence_texts, st.integers(1, 40), st.integers(0, 30))
def test_a_long_lines_sentence_copies_read_a_window_at_a_time_are_those_of_a_whole_reading(monkeypatch, text,
                                                                                             window, longest):
    lines = list(enumerate(split_lines(text)))
    whole = list(duplicate_sentence.copies(text, lines, duplicate_sentence.Settings()))
    monkeypatch.setattr(duplicate_sentence, "_WINDOW", window)
    monkeypatch.setattr(duplicate_sentence, "_MEMO_LONGEST", longest)  # (longer lines: read in windows)
    assert list(duplicate_sentence.copies(text, lines, duplicate_sentence.Settings(), {}, None, {})) == whole
    for i, line in lines:
        if line.text.strip():
            rows = list(duplicate_sentence._rows_between(text, i, line.start, line.end))
            assert rows == list(duplicate_sentence._rows_of_window(text, i, line.start, line.end))


RULES = [configure(r) for r in load_rulebook().rules("structure")]


def test_structure_on_a_long_line_peaks_below_a_copy_of_it():
    def sentence(k):  # (five words: no near copies; a repeated word, and a copy, now and then)
        said = f"Report {k} {'the the' if k % 997 == 0 else 'rose'} \u2014 Kreml sagte."
        return said + f" At the same time, men prefer to buy only jackets {k}." * 2 * (k % 1009 == 0)
    text = " ".join(map(sentence, range(36_000)))  # ~1.1M characters, 2 bytes each
    stage = structure.StructureStage(RULES)
    ctx = Context(text)
    ctx.view(text).lines  # (the shared view's, not the stage's)
    found = []
    peak = _peak(lambda: found.extend(stage.propose(text, ctx)))
    assert len(found) == 37 + 36
    assert peak < 0.5 * len(text)  # (a copy of the line, or its sentence ends and folded form, would exceed it)


# -- replace: what a later pass takes from the last call ---------------------------------------

@pytest.mark.parametrize("most_again", [0.0, 0.3, 1.0])  # (the first cut taken, or the next, or none)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=replace_documents, passes=st.lists(replace_edits, min_size=1, max_size=3))
def test_later_passes_with_compact_proposals_and_any_cut_propose_what_a_first_look_proposes(monkeypatch, most_again,
                                                                                            first, passes):
    monkeypatch.setattr(replace_again, "_FEW", 0)  # (every rule's proposals kept compact)
    monkeypatch.setattr(replace, "MOST_AGAIN", most_again)
    monkeypatch.setattr(replace, "SHORT_TEXT", 0)
    stage, ctx, text = ReplaceStage(SHIPPED), Context(first), first
    again_proposals(stage, text, ctx)
    for changes in passes:
        text = edited_as_run(text, changes, ctx)
        assert again_proposals(stage, text, ctx) == fresh_proposals(SHIPPED, text)
