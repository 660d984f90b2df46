"""The structure stage's work grows linearly with ONE long line's length (issue 15).

A 15 MB line without a newline took 3.5 s in this stage, 0.87 s at 5 MB:
each sentence copy found in the line looked back and ahead for the line's
ends and copied the line whole, so the work grew with (copies) x (line
length). Timing would flake on shared machines: the work is counted
instead, as the characters the stage slices out of the text or searches
through with str methods (a CountingText in place of the text).
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.analysis.lines import split_lines
from cleanup.core.pipeline import Context
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import duplicate_sentence as ds
from cleanup.stages import structure
from cleanup.stages.registry import configure

RULES = [configure(r) for r in load_rulebook().rules("structure")]

# a sentence said twice (a copy to remove), one said once, a near copy, a repeated word, a curly quote
SENTENCES = ("At the same time, men prefer to buy only jackets. At the same time, men prefer to buy only jackets. "
             "The caf\u00e9 on the corner opened its doors on Monday morning. "
             "Officials said the the plan was \u201cready\u201d for a vote. "
             "The new store sells colorful bento boxes to office workers in the city. "
             "The new shop sells colorful bento boxes to office workers in town. ")


class CountingText(str):
    """A text that counts the characters sliced out of it or searched with find() and rfind()."""

    work = 0

    def __getitem__(self, key):
        out = str.__getitem__(self, key)
        if isinstance(key, slice):
            CountingText.work += len(out)
        return out

    def _searched(self, name, sub, start=None, end=None):
        """The search's result; counted: the characters read up to what it found (all, if nothing)."""
        first, last, _ = slice(start, end).indices(len(self))
        found = getattr(str, name)(self, sub, first, last)
        if found < 0:
            CountingText.work += max(0, last - first)
        else:
            CountingText.work += found + len(sub) - first if name == "find" else last - found
        return found

    def find(self, sub, start=None, end=None):
        return self._searched("find", sub, start, end)

    def rfind(self, sub, start=None, end=None):
        return self._searched("rfind", sub, start, end)


def _work(copies_of_the_sentences: int) -> tuple[int, int]:
    """(characters of work, proposals) of one structure pass over ONE line of the sentences repeated."""
    text = CountingText(SENTENCES * copies_of_the_sentences)
    stage = structure.StructureStage(RULES)
    CountingText.work = 0
    found = list(stage.propose(text, Context(text)))
    return CountingText.work, len(found)


def test_the_work_on_one_line_grows_linearly_with_its_length():
    small_work, small_found = _work(200)
    big_work, big_found = _work(800)
    assert big_found >= 4 * small_found > 0  # the copies grow with the line, as does the work for each
    # four times the line: about four times the work (the quadratic reading did sixteen times)
    assert big_work <= 5 * small_work, (small_work, big_work)


# -- a copy alone on its line: told from the sentence's neighbours, not the whole line ----------

SPACES = [" ", "\t", "\u00a0", "\u2028", "\x1c", "\u3000", "\r", ""]
WORDS = ["Same words here.", "x", "\u2026", "Same words here!", "caf\u00e9."]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(SPACES + ["\n"]), st.sampled_from(WORDS), st.sampled_from(SPACES)),
                min_size=1, max_size=8).map(lambda parts: "".join(a + w + b for a, w, b in parts)))
def test_a_copy_is_alone_on_its_line_where_the_plain_reading_says(text):
    lines = list(enumerate(split_lines(text)))
    for s in ds.sentences(text, lines):
        assert ds._alone_on(text, s, lines[s.line][1]) == ds._whole_line(text, s)


# -- letters beyond ASCII made ASCII: each replaced once, however many kinds a text has ------------

def plain_ascii_letters(text):
    """The first reading: one replace over the whole text for each kind of character beyond ASCII."""
    for char in set(text).difference(map(chr, range(128))):
        if char in structure._ASCII_PARTNER:
            text = text.replace(char, structure._ASCII_PARTNER[char])
        elif structure._foreign_letter(char):
            text = text.replace(char, "\x01")
    return text


BEYOND = ["\u212a", "\u017f", "\u0130", "\u0131", "\u03a3", "\u03c2", "\u0301", "\u00e9", "\u00c9", "\u2019", "\u201c",
          "\u2026", "\u2014", "\u20ac", "\u00a0", "\u3000", "\U0001f600", "\ufb03"] + \
    [chr(0x4e00 + k) for k in range(24)]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(BEYOND + ["a", "K", "s", " ", "the", "\t", "#", "1"]), max_size=60).map("".join))
def test_letters_beyond_ascii_are_made_ascii_as_the_plain_reading_does(text):
    assert structure._ascii_letters(text) == plain_ascii_letters(text)


def test_many_kinds_of_letters_are_made_ascii_as_the_plain_reading_does():
    text = "".join(chr(0x4e00 + k) + " \u00e9\u212a " for k in range(300))
    assert structure._ascii_letters(text) == plain_ascii_letters(text)


# -- repeated words: the letter runs lowered on their own, not the whole text ---------------------

def plain_repeats(view):
    """The first reading: the whole text lowered, its letter runs compared there."""
    starts = structure._repeat_starts(view)
    text = view.text
    lowered = text.lower()
    if len(lowered) != len(text):
        return structure._repeat_matches(view)
    found = []
    for start in starts:
        runs = structure._RUN_AND_NEXT.match(lowered, start)
        if runs and runs.group(1) == runs.group(2) and (m := structure._REPEAT.match(text, start)):
            found.append(m)
    return found


GREEK = [".\u0392", "\u03a3\u03b1\u03c2", "\u03c3\u03b1\u03c3", "\u03a3\u0391\u03a3", "\u03b1\u03a3", "\u03b1\u03c3",
         "\u03b1\u03c2", "\u0391\u03a3", "\u03a3", "'", "\u2019", ".", "\u0301", "the", "The", "\u212aelvin", "kelvin",
         "\u0130s", "is", "\u00b2", "\u2167", "x1", "_"]
greek_texts = st.lists(st.tuples(st.sampled_from(GREEK), st.sampled_from([" ", " ", "\t", "", "'", "\n"])),
                       max_size=16).map(lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(greek_texts)
def test_repeats_are_those_the_whole_text_lowered_finds(text):
    view = Context(text).view(text)
    assert [(m.span(), m.groups()) for m in structure._repeats(view)] == \
        [(m.span(), m.groups()) for m in plain_repeats(view)]


def test_a_final_sigma_is_lowered_as_in_the_whole_text():
    # ("." is ignored by the context: the sigma before it, a letter after it, is no final sigma)
    for text in ["\u0391\u03a3 \u0391\u03a3.\u0392", "\u03b1\u03c2 \u0391\u03a3.\u0392",
                 "\u03b1\u03c3 \u03b1\u03a3.\u0392",
                 "\u0391\u03a3 \u0391\u03a3'\u0392", "\u03b1\u03a3 \u03b1\u03c2 x", "\u03b1\u03a3\t\u03b1\u03a3"]:
        view = Context(text).view(text)
        assert [m.span() for m in structure._repeats(view)] == [m.span() for m in plain_repeats(view)]
