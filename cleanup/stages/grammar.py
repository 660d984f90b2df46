"""Offline grammar checks: punctuation, quotes, brackets, articles, capitals.

They need no server and always run. Each rule names a `detector`; the
detectors are small functions `(text, rule, scans) -> proposals` (FINDERS).
A rule's `exceptions` are case-insensitive globs whose meaning depends on
the detector (see cleanup/rules/grammar.yaml and docs/grammar.md). Every detector
prefers missing an error to inventing one: what it cannot judge from the
characters alone (an acronym that may be read as a word, a quotation that
may run on past a line break) it leaves alone.

Speed: each detector first scans the text with a stdlib `re` pattern for a
sign without which it has nothing to report (at C speed; the `regex`
module's patterns below try their lookbehinds at every character). The
signs may find more than the detector reports, never less; where one is
found, the detector's own pattern decides, as before. The four punctuation
detectors share one scan (`Scans`, made once a text): they try their own
signs only where it found one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import translate
from functools import lru_cache
from heapq import merge
from itertools import chain
from operator import methodcaller

import regex

from ..analysis.english import indefinite_article
from ..analysis.memo import Memo
from ..analysis.once import once
from ..core.edits import Level, Proposal
from .grammar_pairs import (
    BRACKET_PAIRS,
    NOT_SPACE,
    QUOTE_PAIRS,
    ends_sentence,
    in_turn,
    unpaired,
)


@dataclass(frozen=True)
class Exceptions:
    exceptions: tuple[str, ...] = ()  # case-insensitive globs of tokens left alone (what a token is: docs/grammar.md)


@dataclass(frozen=True)
class Nothing:
    """Nothing to set: the detector has no exceptions."""


SETTINGS = {
    "unbalanced-quotes": Nothing,
    "unbalanced-brackets": Nothing,
    "space-before-punctuation": Exceptions,
    "missing-space-after": Exceptions,
    "doubled-punctuation": Exceptions,
    "a-an": Exceptions,
    "lowercase-start": Exceptions,
    "glued-quote": Exceptions,
    "doubled-quote": Nothing,
    "tokenized-quotes": Nothing,
}


def build(rules, env):
    return [GrammarStage(rules)]


class GrammarStage:
    name = "grammar"

    def __init__(self, rules):
        self.rules = [(r, FINDERS[r.data["detector"]]) for r in rules]
        self.walked = tuple(any(find is detector for _, find in self.rules)
                            for detector in (unbalanced_quotes, unbalanced_brackets))

    def propose(self, text, ctx):
        scans, found = Scans(text, *self.walked), []
        for rule, find in self.rules:  # (each returns a list, or () when its sign is missing: no generators)
            found += find(text, rule, scans)
        return found


class Scans:
    """What several detectors look for first in one text, each found once, when one asks."""

    def __init__(self, text: str, quotes: bool = True, brackets: bool = True):
        self.text, self.walked = text, (quotes, brackets)  # the kinds of marks whose unpaired ones are looked for

    @once
    def punctuation_signs(self) -> list[int] | None:
        """Where the signs of the punctuation detectors may be; None: nowhere (they have nothing to report)."""
        return _punctuation_signs(self.text)

    @once
    def unpaired(self) -> tuple[list[int], list[int]]:
        """Where the unpaired quotes are, and the unpaired brackets."""
        quotes, brackets = self.walked
        jump = _ALL_IN_TURN if quotes and brackets else _QUOTES_IN_TURN if quotes else _BRACKETS_IN_TURN
        return unpaired(self.text, jump, quotes, brackets)


def _excepted(token: str, patterns: tuple) -> bool:
    globs = _globs(tuple(patterns))
    return bool(globs and globs.match(token.casefold()))


@lru_cache(maxsize=256)
def _globs(patterns: tuple) -> re.Pattern | None:
    """The globs (any case) as one pattern, fnmatchcase's translations in turn (the first that matches is named gN)."""
    return re.compile("|".join(f"(?P<g{n}>{translate(p.casefold())})" for n, p in enumerate(patterns))) \
        if patterns else None


_START = methodcaller("start")


def _starts_in_order(patterns, text: str):
    """Where the patterns' matches start, in order: merged as they are found on a long text (no list
    of them all), sorted in one list on a short one (a merge costs a few microseconds more to start).
    (The patterns never match empty.)"""
    if len(text) > 65536:
        return merge(*(map(_START, p.finditer(text)) for p in patterns))
    found = []
    for p in patterns:
        m = p.search(text)  # (most find none: a search costs less than a finditer's scanner)
        if m:
            found.append(m.start())
            found += map(_START, p.finditer(text, m.end()))
    found.sort()
    return found


def _token_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token that contains text[start:end]."""
    start, end = _token_span(text, start, end)
    return text[start:end]


def _token_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


class _TokenVerdicts:
    """A verdict on the token around each place asked about, in order, each token read and judged once.

    (A long run without spaces may hold thousands of matches: reading it once
    for each would be quadratic.)
    """

    def __init__(self, text: str, judge):
        self.text, self.judge, self.end, self.verdict = text, judge, -1, None

    def __call__(self, start: int, end: int):
        """The verdict on the whitespace-delimited token that holds text[start:end] (no whitespace in it)."""
        if start >= self.end:  # past the last token: a new one
            start, self.end = _token_span(self.text, start, end)
            self.verdict = self.judge(self.text[start:self.end])
        return self.verdict


def _excepted_tokens(text: str, exceptions: tuple) -> _TokenVerdicts | None:
    """Whether the token around a place is one of the exceptions; None: there are none."""
    return _TokenVerdicts(text, lambda token: _excepted(token, exceptions)) if exceptions else None


def _flag(rule, start: int, end: int) -> Proposal:
    return Proposal(start, end, None, rule.id, rule.message, Level.FLAG)


def _change(rule, start: int, end: int, replacement: str) -> Proposal:
    # a rule written as 'flag' only reports, even where a replacement is obvious
    if rule.level is Level.FLAG:
        return _flag(rule, start, end)
    return Proposal(start, end, replacement, rule.id, rule.message, rule.level)


# -- signs -------------------------------------------------------------------

# What may be a letter in any Unicode version: ASCII letters, and all beyond ASCII but
# spaces and the common punctuation of English text. The same without ASCII capitals.
_LETTERISH = r"[^\x00-\x40\x5b-\x60\x7b-\x7f\s“”‘’«»–—…]"
_LOWERISH = r"[^\x00-\x60\x7b-\x7f\s“”‘’«»–—…]"


# -- spacing and punctuation -------------------------------------------------

_SPACE_BEFORE = regex.compile(r"(?<=\S)[ \t\u00a0\u202f]+[,;:.!?)\]](?=\s|$|[\"”’)\]])"
                              # the mark glued to the next word instead: "partnership .He", "Monday ,and"
                              r"|(?<=[\p{L}\p{N}])[ \t\u00a0\u202f]+(?:[,;](?=\p{L})|\.(?=\p{Lu}\p{Ll}))",
                              regex.MULTILINE)
_SPACED_MARK = re.compile(r"[,;:.!?)\]](?<=[ \t\xa0\u202f].)")


def space_before_punctuation(text, rule, scans):
    signs = scans.punctuation_signs
    if signs is None:
        return ()
    resume, excepted = 0, _excepted_tokens(text, rule.settings.exceptions)  # (resume: as finditer, no overlaps)
    found = []
    for at in _signs_at(_SPACED_MARK, text, signs):
        # every match is the run of spaces before a sign's mark, and the mark: tried only there
        start = _spaces_before(text, at)
        m = _SPACE_BEFORE.match(text, start) if start >= resume else None
        if not m:
            continue
        resume = m.end()
        if excepted and excepted(m.end() - 1, m.end()):
            continue
        mark = m.group()[-1]
        if m.end() < len(text) and text[m.end()].isalpha():  # glued to the next word: the space moves after it
            found.append(_change(rule, m.start(), m.end(), mark + " "))
        else:
            found.append(_change(rule, m.start(), m.end() - 1, ""))
    return found


def _spaces_before(text: str, at: int) -> int:
    """Where the run of _SPACED_MARK's spaces that ends at `at` starts."""
    while at > 0 and text[at - 1] in " \t\xa0\u202f":
        at -= 1
    return at


# A sentence end glued to the next sentence ("talks.The"), a full stop glued to
# a lowercase word ("time.unit"), or a comma glued to the next word. Two
# lowercase letters on each side keep initials (J.K.), abbreviations (e.g.)
# and decimals out; domains and file names ("news.cn", "index.html") are
# the rule's exceptions, and a token with two dots or more is one of them.
_MISSING_SPACE = regex.compile(r"(?<=\p{Ll}\p{Ll})(?:\.\.\.|…|[.!?])(?=\p{Lu}\p{Ll})"
                               r"|(?<=\p{Ll}\p{Ll})\.(?=\p{Ll}\p{Ll})"
                               r"|(?<=\p{Ll}\p{Ll})[,;](?=\p{Ll}\p{Ll})")
_TOKEN_EDGE = "\"'“”‘’«»()[]{}<>,;:!?"
_GLUED_MARK = re.compile(rf"[.!?…,;](?={_LETTERISH})(?<=(?:{_LOWERISH}|\.).)")  # (after a lowercase letter or dot)


def missing_space_after(text, rule, scans):
    signs, exceptions = scans.punctuation_signs, rule.settings.exceptions
    if signs is None:
        return ()
    resume, found = 0, []  # (resume: as finditer, matches do not overlap)
    judged = _TokenVerdicts(text, lambda token: _glued_token(token, exceptions))
    for pos in _glued_marks(text, signs):
        m = _MISSING_SPACE.match(text, pos) if pos >= resume else None
        if m:
            resume = m.end()
            excepted, domain_or_path = judged(m.start(), m.end())
            if excepted:
                continue
            if m.group() == "." and text[m.end()].islower() and domain_or_path:
                continue  # English.news.cn, example.com/news
            found.append(_change(rule, m.end(), m.end(), " "))
    return found


def _glued_token(token: str, exceptions: tuple) -> tuple[bool, bool]:
    """(Is the token, or its core without quotes and brackets, an exception? Is its core a domain or path?)"""
    core = token.strip(_TOKEN_EDGE)
    return _excepted(token, exceptions) or _excepted(core, exceptions), core.count(".") > 1 or "/" in core


def _glued_marks(text: str, signs) -> list[int]:
    """Where _MISSING_SPACE may match, in order: at a sign, or two before it (the sign is the last of "...")."""
    found = _signs_at(_GLUED_MARK, text, signs)
    return sorted({p for at in found for p in (at - 2, at) if p >= 0})


# Two of the same mark, or a comma/semicolon right before a full stop. An
# ellipsis and "?!" are deliberate; "U.S.," is an abbreviation before a comma.
_DOUBLED = regex.compile(r"(?<!\.)\.\.(?!\.)|([,;!?])\1+|[,;]\.(?!\.)")
_DOUBLE_MARK = re.compile(r"\.\.(?!\.)(?<!\.\.\.)|,[,.]|;[;.]|!!|\?\?")


def _doubled_matches(text, signs):
    """_DOUBLED's matches, as its finditer over the whole text finds them: each starts where
    _DOUBLE_MARK matches (tried at the signs only), and one starting inside an earlier one is none."""
    end = 0
    for at in _signs_at(_DOUBLE_MARK, text, signs):
        m = _DOUBLED.match(text, at) if at >= end else None
        if m:
            end = m.end()
            yield m


def doubled_punctuation(text, rule, scans):
    signs = scans.punctuation_signs
    if signs is None:
        return ()
    excepted, found = _excepted_tokens(text, rule.settings.exceptions), []
    for m in _doubled_matches(text, signs):
        if excepted and excepted(m.start(), m.end()):
            continue
        if m.group()[-1] == "." and m.group()[0] in ",;":
            found.append(_change(rule, m.start(), m.start() + 1, ""))  # keep the full stop
        else:
            found.append(_change(rule, m.start() + 1, m.end(), ""))
    return found


# -- quotation marks glued, doubled or typed as `` '' ---------------------------

# A quotation mark with a word right after it and no space on either side.
# After a colon it opens (said:"We): the space goes before it. After a
# sentence mark it closes ("backdrop,"says", "days."We": the space goes
# after it) when a quotation is open in its line or none follows; otherwise
# it opens one (she said,"and ..."). Curly marks say which they are. Figures
# ("12") and apostrophes are not quotes.
# One pattern per mark, the mark first: `re` finds a pattern's first character
# fast when it is one character (a class of them costs it several times more).
_GLUED_QUOTES = {'"': re.compile(r'"(?=[^\W\d_])(?:(?<=[^\W\d_][.,!?…]")|(?<=[^\W\d_]:"))'),
                 "“": re.compile(r"“(?=[^\W\d_])(?:(?<=[^\W\d_]:“)|(?<=[^\W\d_]“)|(?<=[^\W\d_][.,!?;]“))"),
                 "”": re.compile(r"”(?=[^\W\d_])(?:(?<=[^\W\d_][.,!?…]”)|(?<=[^\W\d_]”))")}


def _glued_quotes(text: str):
    """Where the glued quotation marks are, in order (a mark the text lacks is not scanned for: `in` finds it at memchr speed)."""
    patterns = [glued for mark, glued in _GLUED_QUOTES.items() if mark in text]
    return _starts_in_order(patterns, text) if patterns else ()


def glued_quote(text, rule, scans):
    glued = _glued_quotes(text)
    if not glued:
        return ()
    excepted, straight, found = _excepted_tokens(text, rule.settings.exceptions), _StraightQuotes(text), []
    for at in glued:
        if excepted and excepted(at, at + 1):
            continue
        space_at = at + 1 if _closes(text, at, straight) else at
        found.append(_change(rule, space_at, space_at, " "))
    return found


def _closes(text: str, at: int, straight: _StraightQuotes) -> bool:
    mark = text[at]
    if mark != '"':
        return mark == "”"
    if text[at - 1] == ":":
        return False
    return straight.open_before(at) or not straight.one_after(at)


class _StraightQuotes:
    """The straight quotes of the line of each glued quote, asked about in order.

    (Counted on from the last place asked about, so that a long line is read
    once, not once for each of its glued quotes.)
    """

    def __init__(self, text: str):
        self.text, self.counted_to, self.count, self.line_end = text, 0, 0, -1

    def open_before(self, at: int) -> bool:
        """Is a quotation open at `at` in its line (an odd number of straight quotes before it there)?"""
        text = self.text
        newline = text.rfind("\n", self.counted_to, at)
        if newline >= 0:  # a later line: its count starts at its start
            self.counted_to, self.count = newline + 1, 0
        self.count += text.count('"', self.counted_to, at)
        self.counted_to = at
        return self.count % 2 == 1

    def one_after(self, at: int) -> bool:
        """Does a straight quote follow `at` in its line?"""
        text = self.text
        if at > self.line_end:
            self.line_end = text.find("\n", at)
            self.line_end = len(text) if self.line_end < 0 else self.line_end
        return text.find('"', at + 1, self.line_end) >= 0


# The same straight quotation mark twice, at a word's edge: ""From now on" or "on!"".
_DOUBLED_QUOTE = re.compile(r'""(?:(?<!\S"")(?=[^\W_])|(?<=[^\W_][.,!?…]"")(?=\s|$))')


def doubled_quote(text, rule, scans):
    if '"' not in text:  # (at memchr speed: most short texts hold none)
        return ()
    return [_change(rule, m.start(), m.start() + 1, "") for m in _DOUBLED_QUOTE.finditer(text)]


# Tokeniser quotes: `` for an opening and '' for a closing quotation mark, often with spaces inside.
_TOKENIZED_QUOTES = re.compile(r"``[ \t]*([^`'\n]{1,200}?)[ \t]*''")


def tokenized_quotes(text, rule, scans):
    if "`" not in text:  # (found or not at memchr speed; the pattern's own scan is several times slower)
        return ()
    return [_change(rule, m.start(), m.end(), f'"{m.group(1)}"') for m in _TOKENIZED_QUOTES.finditer(text)]


# -- sentence starts ---------------------------------------------------------

# Within a line only a full stop counts as a sentence end: "Tora! Tora! Tora! was" and "Yahoo! said" are fine.
_LOWER_START = regex.compile(r"(?:^[ \t]*|(?<=\.)[ \t]+)(\p{Ll}[\p{L}\p{M}\p{N}'’-]*)", regex.MULTILINE)
# the sign: a start after a line end or a full stop, or the text's own
_AFTER_STOP, _LOWER_FIRST = re.compile(rf"[\n.][ \t]*+(?={_LOWERISH})"), re.compile(rf"[ \t]*+{_LOWERISH}")


def lowercase_start(text, rule, scans):
    """A sentence that starts with a lowercase letter.

    Exceptions ending in "." are abbreviations after which a lowercase word
    is normal ("e.g.", "etc."); other exceptions are words that keep their
    lowercase at a sentence start ("de", "al-*").
    """
    signs, exceptions = scans.punctuation_signs, rule.settings.exceptions
    if signs is None:
        return ()
    found = []
    for m in _lower_starts_at(text, _signs_at(_AFTER_STOP, text, signs)):
        word = m.group(1)
        if any(c.isupper() for c in word) or text[m.end(1):m.end(1) + 1] in (".", ")") \
                or _excepted(word, exceptions):
            continue  # iPhone, mRNA; "p.m.", "b)"; words that stay lowercase
        if m.start() == 0 or text[m.start() - 1] == "\n":
            starts_sentence = _follows_sentence_end(text, m.start())  # not a wrapped line, not after a headline
        else:
            starts_sentence = not _after_abbreviation(text, m.start(), exceptions)  # "e.g. the"
        if starts_sentence:
            found.append(_change(rule, m.start(1), m.end(1), word[0].upper() + word[1:]))
    return found


def _lower_starts_at(text: str, stops):
    """_LOWER_START.finditer(text), tried only at the text's start and after the `stops` (where the sign is).

    (No match holds a line end or a full stop, so none overlaps the next place.)
    """
    for pos in chain([0], (at + 1 for at in stops)):
        m = _LOWER_START.match(text, pos)
        if m:
            yield m


def _after_abbreviation(text: str, stop: int, exceptions) -> bool:
    """Does the token that ends at `stop` (with its full stop) look like an abbreviation?"""
    core = _token_around(text, stop - 1, stop).lstrip("(\"“‘'")
    if core.endswith(("..", "…")):
        return True  # an ellipsis may go on in lowercase
    inner = core[:-1]
    return len(inner) <= 1 or "." in inner or _excepted(core, exceptions)


def _follows_sentence_end(text: str, line_start: int) -> bool:
    """Is this line the first of the text or of a paragraph, or after a finished sentence?"""
    if line_start == 0:
        return True
    previous_start = text.rfind("\n", 0, line_start - 1) + 1  # (the previous line only: no copy of the text before)
    return not NOT_SPACE.search(text, previous_start, line_start - 1) or ends_sentence(text, line_start - 1)


# -- a / an ------------------------------------------------------------------

_ARTICLE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’.-])(an?|An?|AN?)[ \t]+([\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*)")
_OPENS_SENTENCE = regex.compile(r"(?:[.!?:][\"”’)]*[ \t]+|[\"“‘(\[][ \t]*)$")


def a_an(text, rule, scans):
    """'a' before a consonant sound, 'an' before a vowel sound.

    An exception "an hour*" or "a one-*" fixes the article a word takes; a
    bare pattern ("historic*") accepts either.
    """
    articles = _articles(rule.settings.exceptions)
    resume, found = 0, []  # (resume: as finditer, an article followed by "an apple" takes "an" as its word)
    signs = articles.signs + articles.tab_signs if "\t" in text else articles.signs
    for pos in _starts_in_order(signs, text):
        m = _ARTICLE.match(text, pos) if pos >= resume else None
        if not m:
            continue
        resume = m.end()
        article, word = m.group(1), m.group(2)
        if article[0] == "A" and not _opens_sentence(text, m.start()):
            continue  # "Vitamin A is", "Group A"
        wanted = articles.wanted_before(word)
        if wanted is not None and wanted != article.lower():
            found.append(_change(rule, m.start(1), m.end(1), _same_case(wanted, article)))
    return found


class _Articles:
    """An a-an rule's exceptions, ready: which article each pins, and where to look.

    The signs find the articles whose next word's first two letters do not
    settle them: 'a' before a lowercase consonant and a lowercase letter or
    digit is right, and so is 'an' before a, e, i or o so followed, unless
    an exception pinning the other article may start so (or the word is
    "an", and an article may follow it).
    """

    def __init__(self, exceptions: tuple):
        pinned = [_pin(e.casefold()) for e in exceptions]
        self.pinned_to = [article for article, _ in pinned]
        self.pins = _globs(tuple(pattern for _, pattern in pinned))
        after_a = _after_article("bcdfghjklmnpqrstvwxyz", [p for article, p in pinned if article == "an"])
        after_an = _after_article("aeio", [p for article, p in pinned if article == "a"], also=(r"an[ \t]",))
        # "a" or "A" not after a letter, digit or '’.- (the article's start is the match's)
        self.signs = (*_lowercase_signs(" ", after_a, after_an),
                      re.compile(rf"A(?<![^\W_]A)(?<!['’.-]A)(?:[ \t]{after_a}|[nN][ \t]{after_an})"))
        self.tab_signs = _lowercase_signs("\t", after_a, after_an)  # (needed only where a tab is)
        # word -> its article (the words after unsure articles recur, and judging one costs microseconds)
        self.wanted_before = Memo(self._wanted_before)

    def _wanted_before(self, word: str) -> str | None:
        return _article_for(word, self)

    def pinned(self, lower: str) -> tuple[bool, str | None]:
        """(whether an exception matches the casefolded word, the article it pins)"""
        found = self.pins.match(lower) if self.pins else None
        return (True, self.pinned_to[int(found.lastgroup[1:])]) if found else (False, None)


_articles = lru_cache(maxsize=64)(_Articles)


def _lowercase_signs(gap: str, after_a: str, after_an: str) -> tuple[re.Pattern, ...]:
    """"a" and "an" in one pattern, the letter a first: a pattern that starts with one character
    (not a class) is what `re` finds fastest, and one scan for "a" costs less than one for "a " and
    one for "an " (at most "a" the space or "n" after it is tried, and the lookbehinds only then)."""
    return re.compile("a(?:" + "|".join(rf"{rest}{gap}(?<![^\W_]a{rest}{gap})(?<!['’.-]a{rest}{gap}){after}"
                                         for rest, after in (("", after_a), ("n", after_an))) + ")"),


def _after_article(letters: str, others: list[str], also: tuple = ()) -> str:
    """After an article and its first space or tab: more of them, then a word that does not surely take it.

    A word starting with one of `letters` and a lowercase ASCII letter or
    digit does, unless one of the `others` (exceptions pinning the other
    article) may start so, or it is one of the `also` words.
    """
    if any(not "a" <= p[0] <= "z" for p in others):
        return ""  # an exception may start with anything: every article is a sign
    pairs = {p[:2] for p in others if p[0] in letters and len(p) > 1 and p[1] in _SURE_SECOND}
    letters = "".join(c for c in letters if not any(p[0] == c and p[:2] not in pairs for p in others))
    unsure = "|".join((*also, *sorted(pairs)))
    return rf"[ \t]*+(?:{f'(?={unsure})|' if unsure else ''}(?![{letters}][a-z0-9]))" if letters else ""


_SURE_SECOND = set("abcdefghijklmnopqrstuvwxyz0123456789")


def _pin(exception: str) -> tuple[str | None, str]:
    article, _, pattern = exception.partition(" ")
    return (article, pattern) if article in ("a", "an") and pattern else (None, exception)


def _opens_sentence(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n" or bool(_OPENS_SENTENCE.search(text[max(0, pos - 8):pos]))


def _article_for(word: str, articles: _Articles) -> str | None:
    """'a', 'an', or None when the spelling does not tell how the word is said (an exception pins it)."""
    pinned, article = articles.pinned(word.casefold())
    return article if pinned else indefinite_article(word)


def _same_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[0].upper() + word[1:] if like[0].isupper() else word


# -- quotes and brackets (the walk: grammar_pairs.py) ---------------------------

_QUOTES_IN_TURN, _BRACKETS_IN_TURN = in_turn(QUOTE_PAIRS), in_turn(BRACKET_PAIRS)
_ALL_IN_TURN = in_turn(QUOTE_PAIRS, BRACKET_PAIRS)


def unbalanced_quotes(text, rule, scans):
    return [_flag(rule, i, i + 1) for i in scans.unpaired[0]]


def unbalanced_brackets(text, rule, scans):
    return [_flag(rule, i, i + 1) for i in scans.unpaired[1]]


# the signs of the four detectors above after one class of marks (a class first is what `re` scans for fast)
_PUNCTUATION_SIGNS = re.compile(rf"[\n,;:.!?)\]…](?:(?<=[ \t\xa0\u202f].)|(?<=[\n.])(?=[ \t]*+{_LOWERISH})"
                                rf"|(?! )(?:(?<=(?:{_LOWERISH}|\.).)(?={_LETTERISH})|(?<=,)[,.]|(?<=;)[;.]|(?<=!)!"
                                r"|(?<=\?)\?|(?<=\.)\.(?!\.)(?<!\.\.\.)))")


# Where a match of _PUNCTUATION_SIGNS may start, one pattern per mark, the mark first (what `re` finds
# fast; a class first it tries at every character): a space before it, a letter or mark after it, or
# (a full stop, a line end) a lowercase letter after spaces. Each takes the mark alone: none hides another.
_SIGN_STARTS = {mark: re.compile(re.escape(mark) + rf"(?:(?<=[ \t\xa0\u202f].){after})")
                for marks, after in ((",;:!?)]…", rf"|(?={_LETTERISH}|[,.;!?])"),
                                     (".", rf"|(?=[ \t]*+{_LOWERISH}|{_LETTERISH}|\.)"),
                                     ("\n", rf"|(?=[ \t]*+{_LOWERISH})"))
                for mark in marks}


SEARCHED_WHOLE = 1000  # characters: a text up to this long is searched whole for the punctuation signs


def _punctuation_signs(text: str) -> list[int] | None:
    """Where the signs of the four detectors above may be; None when nowhere (and the text starts calm).

    On a long text _PUNCTUATION_SIGNS is tried where _SIGN_STARTS of the
    marks the text holds find a start, as its finditer would (no overlaps);
    a short one (up to SEARCHED_WHOLE characters) is searched as a whole, as that
    costs less than the marks' scans (most short texts hold no sign at all).
    Each detector then tries its own sign only there. A match of two marks
    (",,") may hide a sign at its second: every place a match takes is one.
    """
    found = []
    if len(text) <= SEARCHED_WHOLE:
        m = _PUNCTUATION_SIGNS.search(text)  # (a search, not finditer: its scanner costs more than a miss)
        while m:
            found += range(m.start(), m.end())
            m = _PUNCTUATION_SIGNS.search(text, m.end())
    else:
        resume = 0
        for at in _starts_in_order([sign for mark, sign in _SIGN_STARTS.items() if mark in text], text):
            m = _PUNCTUATION_SIGNS.match(text, at) if at >= resume else None
            if m:
                found.extend(range(at, m.end()))
                resume = m.end()
    return found if found or _LOWER_FIRST.match(text) else None


def _signs_at(sign: re.Pattern, text: str, signs: list[int]) -> list[int]:
    """Where `sign` is among the places `signs`.

    (As finditer finds it: no match of these signs takes a place where another may start.)
    """
    return [p for p in signs if sign.match(text, p)]


FINDERS = {  # detector -> the function that finds what it reports
    "unbalanced-quotes": unbalanced_quotes,
    "unbalanced-brackets": unbalanced_brackets,
    "space-before-punctuation": space_before_punctuation,
    "missing-space-after": missing_space_after,
    "doubled-punctuation": doubled_punctuation,
    "a-an": a_an,
    "lowercase-start": lowercase_start,
    "glued-quote": glued_quote,
    "doubled-quote": doubled_quote,
    "tokenized-quotes": tokenized_quotes,
}
