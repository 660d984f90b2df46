"""The grammar stage's quicker readings against the plain ones, on generated texts dense with what
each looks for (quotes, brackets, inches, list markers, blank lines, sentence ends, glued quotes,
articles), in short texts and in long lines:

- unpaired quotes and brackets: one walk for both kinds that jumps over whatever pairs up in turn
  wherever nothing is open (within a line as across lines), against a walk over every mark of
  every line;
- glued quotes: one pattern per mark, and the straight quotes of a line counted on from the last
  glued quote, against the one pattern and the line's quotes counted from its start each time;
- a sentence end read back from a line's end, and the line before a lowercase start found
  without copying the text before it, against the regex over the line;
- a-an's signs, each lowercase article looked for with the space or tab after it, against the
  signs as one pattern per case;

and a line of about a megabyte is read with a peak far below a list over its marks or words.
"""
from __future__ import annotations

import re
import tracemalloc
from unittest import mock

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleanup.rulebook.loading import RuleBook, load_rule_file, load_rulebook
from cleanup.stages import grammar, grammar_pairs
from cleanup.stages.registry import build_kind

GRAMMAR = build_kind("grammar", load_rulebook())[0]
SENTENCE_END = regex.compile(r"[.!?…][\"”’)\]]*[ \t]*$")  # the regex the readings below replace


# -- unpaired quotes and brackets ---------------------------------------------

def _plain_unpaired(text: str, pairs: dict) -> list[int]:
    """Every mark of every line, in turn; at a line's end with marks open, the rules of _unpaired."""
    closers = {c: o for o, c in pairs.items()}
    marks = {m for pair in pairs.items() for m in pair}
    lines = text.split("\n")
    unpaired, stack, start = [], [], 0
    for n, line in enumerate(lines):
        for i in range(start, start + len(line)):
            if text[i] not in marks:
                continue
            role = grammar_pairs._role(text, i, pairs, text[stack[-1]] if stack else None,
                                       "(" in (text[k] for k in stack))
            if role == "open":
                stack.append(i)
            elif role == "close":
                openers = [k for k in range(len(stack)) if text[stack[k]] == closers[text[i]]]
                if openers:
                    del stack[openers[-1]]
                else:
                    unpaired.append(i)
        if stack:
            rest = lines[n + 1:]
            resumed = next((ln.lstrip() for ln in rest if ln.strip()), "")
            if pairs is grammar.QUOTE_PAIRS and resumed[:1] in ("“", "«", '"'):
                stack.clear()
            elif not rest or not rest[0].strip() or SENTENCE_END.search(line):
                unpaired.extend(stack)
                stack.clear()
        start += len(line) + 1
    return sorted(unpaired)


MARK_PIECES = ['"', '"', "“", "”", "«", "»", "(", ")", "[", "]", "{", "}", "1)", "b)", "(a)", '12"', "²\"",
               "word", "He", " ", " ", ".", ". ", "!", "?”", ",", "\n", "\n\n", " \n", "\t", "x\u2028y"]
MARK_TEXTS = st.lists(st.sampled_from(MARK_PIECES), max_size=60).map("".join)


@settings(max_examples=3000, deadline=None)
@given(MARK_TEXTS)
@example('He said "yes (twice) and "no" [1].\nThen “more\n\n“Still” (a) b)')
@example('a 12" board "and" more"\n"next" line')
def test_the_walk_finds_what_a_walk_over_every_mark_finds(text):
    quotes, brackets = grammar_pairs.unpaired(text, grammar._ALL_IN_TURN)
    assert quotes == _plain_unpaired(text, grammar.QUOTE_PAIRS)
    assert brackets == _plain_unpaired(text, grammar.BRACKET_PAIRS)
    assert grammar_pairs.unpaired(text, grammar._QUOTES_IN_TURN, brackets=False) == (quotes, [])
    assert grammar_pairs.unpaired(text, grammar._BRACKETS_IN_TURN, quotes=False) == ([], brackets)


LONG_LINE_PIECES = ['"', "“", "”", "(", ")", "[", "]", "1)", '9"', "He said", "word", "word", " ", ", ", ". ", "? "]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(LONG_LINE_PIECES), min_size=200, max_size=800).map("".join),
       st.sampled_from(["", ".", "\n", "\nNext", '\n"Next', "\n\nNext"]))
def test_on_one_long_line_the_walk_finds_what_a_walk_over_every_mark_finds(line, end):
    text = line + end
    assert grammar.Scans(text).unpaired == (_plain_unpaired(text, grammar.QUOTE_PAIRS),
                                       _plain_unpaired(text, grammar.BRACKET_PAIRS))


TAILS = st.lists(st.sampled_from([".", "!", "?", "…", '"', "”", "’", ")", "]", " ", "\t", "a", "“", "\xa0"]),
                 max_size=8).map("".join)  # a line's tail (no newline)


@settings(max_examples=2000, deadline=None)
@given(TAILS, TAILS)
def test_a_sentence_end_read_back_is_the_regexs(before, line):
    text = before + "\n" + line + "\nnext"
    line_end = len(before) + 1 + len(line)
    assert grammar_pairs.ends_sentence(text, line_end) == bool(SENTENCE_END.search(line))


def _plain_follows_sentence_end(text: str, line_start: int) -> bool:
    if line_start == 0:
        return True
    previous = text[:line_start - 1].rsplit("\n", 1)[-1]
    return not previous.strip() or bool(SENTENCE_END.search(previous))


@settings(max_examples=1000, deadline=None)
@given(st.lists(TAILS, min_size=1, max_size=6))
def test_the_line_before_a_start_is_read_as_the_plain_reading_reads_it(lines):
    text = "\n".join(lines)
    for line_start in [0] + [m.end() for m in re.finditer("\n", text)]:
        assert grammar._follows_sentence_end(text, line_start) == _plain_follows_sentence_end(text, line_start)


# -- glued quotes ----------------------------------------------------------------

ONE_PATTERN = re.compile(r"[\"“”](?=[^\W\d_])(?:(?<=[^\W\d_][.,!?…][\"”])|(?<=[^\W\d_]”)"
                         r"|(?<=[^\W\d_]:[\"“])|(?<=[^\W\d_]“)|(?<=[^\W\d_][.,!?;]“))")


def _plain_closes(text: str, at: int) -> bool:
    mark = text[at]
    if mark != '"':
        return mark == "”"
    if text[at - 1] == ":":
        return False
    line_start, line_end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    open_before = text.count('"', line_start, at) % 2 == 1
    return open_before or '"' not in text[at + 1:len(text) if line_end < 0 else line_end]


QUOTE_PIECES = ['"', '"', "“", "”", "word", "He", "said", ".", ",", "!", "?", "…", ";", ":", " ", "\n", "1", "é"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(QUOTE_PIECES), max_size=80).map("".join))
@example('backdrop,"says he said:"We "and," then.”So “x')
def test_glued_quotes_are_found_and_placed_as_the_plain_reading_does(text):
    found = list(grammar._glued_quotes(text))
    assert found == [m.start() for m in ONE_PATTERN.finditer(text)]
    straight = grammar._StraightQuotes(text)
    assert [grammar._closes(text, at, straight) for at in found] == \
           [_plain_closes(text, at) for at in found]


# -- a-an's signs ------------------------------------------------------------------

ARTICLE_WORDS = ["a", "an", "A", "An", "AN", "aN", "apple", "book", "hour", "one", "union", "he", "mr", "eu", "x",
                 "1", "É", "_a", "'a", "-an", "ba", "an an", "a\tan", "ha", "AN\t"]
ARTICLE_TEXTS = st.lists(st.tuples(st.sampled_from(ARTICLE_WORDS), st.sampled_from([" ", "  ", "\t", " \t", "", "\n",
                                                                                     ".", ","])),
                         max_size=40).map(lambda parts: "".join(w + s for w, s in parts))
EXCEPTIONS = st.lists(st.sampled_from(["an hour*", "a one-*", "a eu*", "an mr*", "historic*", "a 1*", "an x*",
                                       "an *", "a u*"]), max_size=3, unique=True).map(tuple)


def _one_pattern_signs(articles: grammar._Articles, exceptions: tuple) -> list[re.Pattern]:
    """The signs as they were: a pattern for "a" and one for "A", the gap after the article in it."""
    pinned = [grammar._pin(e.casefold()) for e in exceptions]
    after_a = grammar._after_article("bcdfghjklmnpqrstvwxyz", [p for article, p in pinned if article == "an"])
    after_an = grammar._after_article("aeio", [p for article, p in pinned if article == "a"], also=(r"an[ \t]",))
    return [re.compile(rf"a(?<![^\W_]a)(?<!['’.-]a)(?:[ \t]{after_a}|n[ \t]{after_an})"),
            re.compile(rf"A(?<![^\W_]A)(?<!['’.-]A)(?:[ \t]{after_a}|[nN][ \t]{after_an})")]


@settings(max_examples=1000, deadline=None)
@given(ARTICLE_TEXTS, EXCEPTIONS)
def test_a_an_signs_are_where_the_one_pattern_signs_are(text, exceptions):
    articles = grammar._Articles(exceptions)
    found = sorted(m.start() for sign in articles.signs + articles.tab_signs for m in sign.finditer(text))
    assert found == sorted(m.start() for sign in _one_pattern_signs(articles, exceptions) for m in sign.finditer(text))
    assert len(found) == len(set(found))


# -- memory ------------------------------------------------------------------------

def test_a_long_line_is_read_with_a_small_peak():
    """About a megabyte as ONE line, dense in marks (a quotation opened and never closed turns every
    later pair inside out) and articles: the peak stays far below a list over its marks or words."""
    unit = 'He said "it was a book (or an hour) and a “plan”, “so” [1] it goes." Then a word, '
    text = "Start \"" + unit * (1_100_000 // len(unit))
    list(GRAMMAR.propose(unit + "(", None))  # (its patterns compiled)
    tracemalloc.start()
    try:
        proposals = list(GRAMMAR.propose(text, None))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.start for p in proposals] == [text.rindex('"')]  # the one left open
    marks = sum(text.count(c) for c in '"“”()[]')
    assert peak < 0.05 * len(text) < 8 * marks  # a list of the marks' offsets alone would take more


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["1", "b", "é", "Ⅻ", "(", ")", ")", " ", "\n", "x", "-", "_", "\u2028"]),
                max_size=12).map("".join))
def test_a_list_marker_is_what_its_whole_token_says(text):
    for i in (i for i, c in enumerate(text) if c == ")"):
        assert grammar_pairs._is_list_marker(text, i) == bool(grammar_pairs._LIST_MARKER.fullmatch(
            grammar._token_around(text, i, i + 1)))


# -- a token's verdict, once a token ------------------------------------------------

class _EachTime:
    """The plain reading: the token around each place read and judged again."""

    def __init__(self, text, judge):
        self.text, self.judge = text, judge

    def __call__(self, start, end):
        return self.judge(grammar._token_around(self.text, start, end))


EXCEPTED = ["*@*", "*.cn", "ab,,*", '*."*', "x:*", "*!!", "e.g.", "*://*"]
_DETECTORS = ["space-before-punctuation", "missing-space-after", "doubled-punctuation", "glued-quote"]


def _stage_with_exceptions(tmp_path):
    body = "".join(f"  - id: r{n}\n    detector: {d}\n    level: suggest\n    exceptions: {EXCEPTED!r}\n    message: m\n"
                   for n, d in enumerate(_DETECTORS))
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine\nkind: grammar\ndescription: d\nrules:\n" + body + "examples:\n  - unchanged: x\n",
                    encoding="utf-8")
    return build_kind("grammar", RuleBook((load_rule_file(path),)))[0]


TOKEN_PIECES = ["ab", "cd", "news", "cn", "x", "The", "e", "g", "@", "://", ",", ",,", ".", "..", "!!", ";", ":", '"',
                "“", "”", "/", " ", " ", "\n", " ,", " .", "’"]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKEN_PIECES), max_size=60).map("".join))
def test_a_tokens_verdict_once_a_token_is_the_verdict_at_each_place(tmp_path, text):
    stage = _stage_with_exceptions(tmp_path)
    once = list(stage.propose(text, None))
    with mock.patch.object(grammar, "_TokenVerdicts", _EachTime):
        assert once == list(stage.propose(text, None))
