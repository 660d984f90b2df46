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
from functools import cached_property, lru_cache
from itertools import chain

import regex

from ..analysis.english import indefinite_article
from ..analysis.lines import line_at, lines_after
from ..core.edits import Level, Proposal


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

    def propose(self, text, ctx):
        scans = Scans(text)
        for rule, find in self.rules:
            yield from find(text, rule, scans)


class Scans:
    """What several detectors look for first in one text, each found once, when one asks."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def punctuation_signs(self) -> list[int] | None:
        """Where the signs of the punctuation detectors may be; None: nowhere (they have nothing to report)."""
        return _punctuation_signs(self.text)

    @cached_property
    def marks_in_turn(self) -> bool:
        """Do all quotes and brackets pair up in turn (so no detector of unpaired marks has anything to report)?"""
        return _marks_in_turn(self.text)


def _excepted(token: str, patterns: tuple) -> bool:
    globs = _globs(tuple(patterns))
    return bool(globs and globs.match(token.casefold()))


@lru_cache(maxsize=256)
def _globs(patterns: tuple) -> re.Pattern | None:
    """The globs (any case) as one pattern, fnmatchcase's translations in turn (the first that matches is named gN)."""
    return re.compile("|".join(f"(?P<g{n}>{translate(p.casefold())})" for n, p in enumerate(patterns))) \
        if patterns else None


def _token_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token that contains text[start:end]."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


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
        return
    resume = 0  # as finditer: matches do not overlap
    for at in _signs_at(_SPACED_MARK, text, signs):
        # every match is the run of spaces before a sign's mark, and the mark: tried only there
        start = _spaces_before(text, at)
        m = _SPACE_BEFORE.match(text, start) if start >= resume else None
        if not m:
            continue
        resume = m.end()
        if _excepted(_token_around(text, m.end() - 1, m.end()), rule.settings.exceptions):
            continue
        mark = m.group()[-1]
        if m.end() < len(text) and text[m.end()].isalpha():  # glued to the next word: the space moves after it
            yield _change(rule, m.start(), m.end(), mark + " ")
        else:
            yield _change(rule, m.start(), m.end() - 1, "")


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
        return
    resume = 0  # as finditer: matches do not overlap
    for pos in _glued_marks(text, signs):
        m = _MISSING_SPACE.match(text, pos) if pos >= resume else None
        if m:
            resume = m.end()
            token = _token_around(text, m.start(), m.end())
            core = token.strip(_TOKEN_EDGE)
            if _excepted(token, exceptions) or _excepted(core, exceptions):
                continue
            if m.group() == "." and text[m.end()].islower() and (core.count(".") > 1 or "/" in core):
                continue  # a domain or a path: English.news.cn, example.com/news
            yield _change(rule, m.end(), m.end(), " ")


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
        return
    for m in _doubled_matches(text, signs):
        if _excepted(_token_around(text, m.start(), m.end()), rule.settings.exceptions):
            continue
        if m.group()[-1] == "." and m.group()[0] in ",;":
            yield _change(rule, m.start(), m.start() + 1, "")  # keep the full stop
        else:
            yield _change(rule, m.start() + 1, m.end(), "")


# -- quotation marks glued, doubled or typed as `` '' ---------------------------

# A quotation mark with a word right after it and no space on either side.
# After a colon it opens (said:"We): the space goes before it. After a
# sentence mark it closes ("backdrop,"says", "days."We": the space goes
# after it) when a quotation is open in its line or none follows; otherwise
# it opens one (she said,"and ..."). Curly marks say which they are. Figures
# ("12") and apostrophes are not quotes.
# (the mark first in the pattern: re then jumps from quote to quote)
_GLUED_QUOTE = re.compile(r"[\"“”](?=[^\W\d_])(?:(?<=[^\W\d_][.,!?…][\"”])|(?<=[^\W\d_]”)"
                          r"|(?<=[^\W\d_]:[\"“])|(?<=[^\W\d_]“)|(?<=[^\W\d_][.,!?;]“))")


def glued_quote(text, rule, scans):
    for m in _GLUED_QUOTE.finditer(text):
        if _excepted(_token_around(text, m.start(), m.end()), rule.settings.exceptions):
            continue
        at = m.end() if _closes(text, m.start()) else m.start()
        yield _change(rule, at, at, " ")


def _closes(text: str, at: int) -> bool:
    mark = text[at]
    if mark != '"':
        return mark == "”"
    if text[at - 1] == ":":
        return False
    line_start, line_end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    open_before = text.count('"', line_start, at) % 2 == 1
    return open_before or '"' not in text[at + 1:len(text) if line_end < 0 else line_end]


# The same straight quotation mark twice, at a word's edge: ""From now on" or "on!"".
_DOUBLED_QUOTE = re.compile(r'""(?:(?<!\S"")(?=[^\W_])|(?<=[^\W_][.,!?…]"")(?=\s|$))')


def doubled_quote(text, rule, scans):
    for m in _DOUBLED_QUOTE.finditer(text):
        yield _change(rule, m.start(), m.start() + 1, "")


# Tokeniser quotes: `` for an opening and '' for a closing quotation mark, often with spaces inside.
_TOKENIZED_QUOTES = re.compile(r"``[ \t]*([^`'\n]{1,200}?)[ \t]*''")


def tokenized_quotes(text, rule, scans):
    for m in _TOKENIZED_QUOTES.finditer(text):
        yield _change(rule, m.start(), m.end(), f'"{m.group(1)}"')


# -- sentence starts ---------------------------------------------------------

# Within a line only a full stop counts as a sentence end: "Tora! Tora! Tora! was" and "Yahoo! said" are fine.
_LOWER_START = regex.compile(r"(?:^[ \t]*|(?<=\.)[ \t]+)(\p{Ll}[\p{L}\p{M}\p{N}'’-]*)", regex.MULTILINE)
_SENTENCE_END = regex.compile(r"[.!?…][\"”’)\]]*[ \t]*$")
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
        return
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
            yield _change(rule, m.start(1), m.end(1), word[0].upper() + word[1:])


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
    previous = text[:line_start - 1].rsplit("\n", 1)[-1]
    return not previous.strip() or bool(_SENTENCE_END.search(previous))


# -- a / an ------------------------------------------------------------------

_ARTICLE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’.-])(an?|An?|AN?)[ \t]+([\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*)")
_OPENS_SENTENCE = regex.compile(r"(?:[.!?:][\"”’)]*[ \t]+|[\"“‘(\[][ \t]*)$")


def a_an(text, rule, scans):
    """'a' before a consonant sound, 'an' before a vowel sound.

    An exception "an hour*" or "a one-*" fixes the article a word takes; a
    bare pattern ("historic*") accepts either.
    """
    articles = _articles(rule.settings.exceptions)
    resume = 0  # as finditer: an article followed by "an apple" takes "an" as its word
    for pos in sorted(m.start() for sign in articles.signs for m in sign.finditer(text)):
        m = _ARTICLE.match(text, pos) if pos >= resume else None
        if not m:
            continue
        resume = m.end()
        article, word = m.group(1), m.group(2)
        if article[0] == "A" and not _opens_sentence(text, m.start()):
            continue  # "Vitamin A is", "Group A"
        wanted = _article_for(word, articles)
        if wanted is not None and wanted != article.lower():
            yield _change(rule, m.start(1), m.end(1), _same_case(wanted, article))


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
        self.signs = (re.compile(rf"a(?<![^\W_]a)(?<!['’.-]a)(?:{after_a}|n{after_an})"),
                      re.compile(rf"A(?<![^\W_]A)(?<!['’.-]A)(?:{after_a}|[nN]{after_an})"))

    def pinned(self, lower: str) -> tuple[bool, str | None]:
        """(whether an exception matches the casefolded word, the article it pins)"""
        found = self.pins.match(lower) if self.pins else None
        return (True, self.pinned_to[int(found.lastgroup[1:])]) if found else (False, None)


_articles = lru_cache(maxsize=64)(_Articles)


def _after_article(letters: str, others: list[str], also: tuple = ()) -> str:
    """After an article: spaces, then a word that does not surely take it.

    A word starting with one of `letters` and a lowercase ASCII letter or
    digit does, unless one of the `others` (exceptions pinning the other
    article) may start so, or it is one of the `also` words.
    """
    if any(not "a" <= p[0] <= "z" for p in others):
        return r"[ \t]"  # an exception may start with anything: every article is a sign
    pairs = {p[:2] for p in others if p[0] in letters and len(p) > 1 and p[1] in _SURE_SECOND}
    letters = "".join(c for c in letters if not any(p[0] == c and p[:2] not in pairs for p in others))
    unsure = "|".join((*also, *sorted(pairs)))
    return rf"[ \t]++(?:{f'(?={unsure})|' if unsure else ''}(?![{letters}][a-z0-9]))" if letters else r"[ \t]"


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


# -- quotes and brackets -----------------------------------------------------

QUOTE_PAIRS = {"“": "”", "«": "»", '"': '"'}
BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}"}
_LIST_MARKER = regex.compile(r"[\p{L}\p{N}]{1,3}\)")  # "1)", "b)": not a bracket


def _in_turn(*kinds: dict) -> re.Pattern:
    """A text whose marks of each kind pair up in turn within lines (the common case): none is unpaired.

    A pair may hold pairs of the other kinds, not of its own; a straight
    quote opens one only where it cannot be inches (12").
    """
    marks = re.escape("".join(sorted({mark for pairs in kinds for pair in pairs.items() for mark in pair})))

    def pairs_of(pairs, inside=()):
        within = "|".join((f"[^{marks}\\n]++", *inside))
        return "|".join(("(?<![^\\W_])" if o == '"' else "") + f"{re.escape(o)}(?:{within})*+{re.escape(c)}"
                        for o, c in pairs.items())
    nested = [pairs_of(pairs, [pairs_of(other) for other in kinds if other is not pairs]) for pairs in kinds]
    return re.compile(f"(?:[^{marks}]++|{'|'.join(nested)})*+")


_QUOTES_IN_TURN, _BRACKETS_IN_TURN = _in_turn(QUOTE_PAIRS), _in_turn(BRACKET_PAIRS)
_ALL_IN_TURN = _in_turn(QUOTE_PAIRS, BRACKET_PAIRS)


def unbalanced_quotes(text, rule, scans):
    if not scans.marks_in_turn:
        yield from (_flag(rule, i, i + 1) for i in _unpaired(text, QUOTE_PAIRS, _QUOTES_IN_TURN))


def unbalanced_brackets(text, rule, scans):
    if not scans.marks_in_turn:
        yield from (_flag(rule, i, i + 1) for i in _unpaired(text, BRACKET_PAIRS, _BRACKETS_IN_TURN))


def _unpaired(text: str, pairs: dict, in_turn: re.Pattern) -> list[int]:
    """Offsets of opening marks never closed and closing marks never opened.

    Marks pair within a line. An open quotation may go on past a line break
    in mid-sentence (hard-wrapped text); one still open at a paragraph that
    opens with a quote mark again is a quotation over several paragraphs.
    Lines whose marks pair up `in_turn`, with none open before, need no look.
    """
    # `in_turn` matches as far as the marks pair up; pairs end within lines, so every
    # line before the one it stops in pairs up by itself, and it stops in no line that does
    in_turn_to = _pairs_up_to(in_turn, text, 0)
    if in_turn_to == len(text):
        return []
    closers = {c: o for o, c in pairs.items()}
    marks = _marks_of(tuple(pairs.items()))
    unpaired, stack = [], []
    start = text.rfind("\n", 0, in_turn_to) + 1
    while True:
        line = line_at(text, start)
        for m in marks.finditer(text, line.start, line.end):
            i = m.start()
            role = _role(text, i, pairs, stack)
            if role == "open":
                stack.append(i)
            elif role == "close":
                opener = next((k for k in reversed(range(len(stack))) if text[stack[k]] == closers[text[i]]), None)
                if opener is not None:
                    del stack[opener]
                else:
                    unpaired.append(i)
        if stack:
            resumed = next((ln.text.lstrip() for ln in lines_after(text, line) if not ln.blank), "")
            following = next(lines_after(text, line), None)
            if pairs is QUOTE_PAIRS and resumed[:1] in ("“", "«", '"'):
                stack.clear()  # the next paragraph goes on with the quotation
            elif following is None or following.blank or _SENTENCE_END.search(line.text):
                unpaired.extend(stack)
                stack.clear()
        if line.end == len(text):
            return sorted(unpaired)
        start = line.end + 1
        if not stack:  # on to the next line that does not pair up by itself
            in_turn_to = _pairs_up_to(in_turn, text, start)
            if in_turn_to == len(text):
                return sorted(unpaired)
            start = text.rfind("\n", start, in_turn_to) + 1 or start


def _pairs_up_to(in_turn: re.Pattern, text: str, start: int) -> int:
    """How far from `start` the marks pair up in turn."""
    m = in_turn.match(text, start)
    return m.end() if m else start


@lru_cache(maxsize=8)
def _marks_of(pairs: tuple) -> re.Pattern:
    return re.compile("[" + re.escape("".join(sorted({mark for pair in pairs for mark in pair}))) + "]")


def _role(text: str, i: int, pairs: dict, stack: list) -> str | None:
    """Does the mark at i open, close, or neither?"""
    ch = text[i]
    if ch == '"':  # straight quotes take turns: open, close, open...
        if stack and text[stack[-1]] == ch:
            return "close"
        return None if i and text[i - 1].isdigit() else "open"  # 12" is inches
    if ch in pairs:
        return "open"
    if ch == ")" and "(" not in (text[k] for k in stack) and _LIST_MARKER.fullmatch(_token_around(text, i, i + 1)):
        return None
    return "close"


def _marks_in_turn(text: str) -> bool:
    return bool(_ALL_IN_TURN.fullmatch(text))


# the signs of the four detectors above after one class of marks (a class first is what `re` scans for fast)
_PUNCTUATION_SIGNS = re.compile(rf"[\n,;:.!?)\]…](?:(?<=[ \t\xa0\u202f].)|(?<=[\n.])[ \t]*+(?={_LOWERISH})"
                                rf"|(?! )(?:(?<=(?:{_LOWERISH}|\.).)(?={_LETTERISH})|(?<=,)[,.]|(?<=;)[;.]|(?<=!)!"
                                r"|(?<=\?)\?|(?<=\.)\.(?!\.)(?<!\.\.\.)))")


def _punctuation_signs(text: str) -> list[int] | None:
    """Where the signs of the four detectors above may be; None when nowhere (and the text starts calm).

    Each detector then tries its own sign only there. A match of two marks
    (",,") may hide a sign at its second: every place a match takes is one.
    """
    found = [p for m in _PUNCTUATION_SIGNS.finditer(text) for p in range(m.start(), m.end())]
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
