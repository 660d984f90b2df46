"""Word salad: lines whose words barely form English.

A translation system that fails outright writes "From do on minuteoro walk
station au Ni Linesac On minutes Gkaa - walk al a 5 theseA in to minutes":
real words among made-up ones, function words in orders English never
uses. Nothing can repair that; a reader has to be pointed at it. Each line
gets a score, its signs per word:

- a lowercase word no word list knows ("usefulser", "timelets"), a word
  with a capital inside ("theseA"), a stray lowercase letter ("b", "z");
  a word another language knows is not made up (a French quotation is
  French, not salad);
- letters glued across a mark ("candy.nish", "is,ar");
- broken function-word patterns, counted twice: an article before a word
  that cannot follow one ("the who", "the in", "a the"), two conjunctions
  ("but but"), a comma before another mark (",,", ",.").

A line that scores `start_score` (with at least `min_signs` signs) starts a
stretch; neighbouring lines that score `extend_score` join it; one flag
covers the stretch.

Speed: most lines hold too few signs for their length to join a stretch,
and that is known without tokenising them in Python. What a line scores is
made of what its pieces between spaces hold (no token crosses a space),
remembered per piece as a short code: a letter per word, per sign, and a
class for its first and last token (a broken pattern may pair the last
token of one piece with the first of the next). A text costs a memo lookup
per piece; a line's code, its pieces' codes joined, gives its exact number
of words and an upper bound of its signs (stray letters and glued letters
are counted without the exceptions their context makes). Most lines hold
no sign at all, and most texts no broken pattern across pieces: that is
told at C speed from the text's codes joined once (a line's code is a
stretch of them), and only lines holding a sign are counted. Only lines the
bound cannot rule out are looked at further: among them, those where a
text-wide scan finds a sign are scored (the made-up words of the text are
known from one set of its words, judged once each).

Memory: a line is read a window at a time (analysis/space_windows.py: cut
after a space, which no piece or token crosses), so that on one long line
its pieces, codes, tokens and lowercase form never stand whole in memory; a
window's counts add up to the line's, with what a broken pattern pairs
across a cut carried to the next window.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, chain, repeat
from operator import add, itemgetter

from ...analysis.memo import Memo
from ...analysis.space_windows import window_bounds, windows
from ...analysis.unusual_chars import unusual_chars
from ...analysis.wordlist import known, zipf
from ...core.edits import Level, Proposal


@dataclass(frozen=True)
class WordSalad:
    min_words: int = 8                       # shortest line judged, in words
    min_signs: int = 3                       # fewest signs in a line that starts a stretch
    start_score: float = 0.25                # signs per word from which a line starts a stretch
    extend_score: float = 0.1                # signs per word from which a neighbouring line joins it
    min_zipf: float = 2.0                    # how common in English a lowercase word must be to count as English
    languages: tuple[str, ...] = ()          # wordfreq codes of languages whose words are not made up
    articles: tuple[str, ...] = ()           # articles (lowercase)
    conjunctions: tuple[str, ...] = ()       # conjunctions: two in a row are a broken pattern
    not_after_article: tuple[str, ...] = ()  # words that cannot follow an article (of, in, is ...)


SETTINGS = {"word-salad": WordSalad}

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+|\.\.\.|[^\s\w]")
_GLUED = re.compile(r"[a-z][.,;][a-z]")
_DOMAIN = re.compile(r"[a-z]\.(?:com|org|net|gov|edu|cn|ru|ua|jp|uk|de|io)\b")
_MARK_AFTER_COMMA = frozenset(",.;:")
_STRAY_LETTERS = frozenset("bcdefghjklmnopqrstuvwxyz")  # a lowercase ASCII letter alone may be a sign (not a, i)
_TRAILING_MARKS = frozenset(",.;:!?)]}\"'’”")  # each a token of its own after a word (and its own lowercase)
_MARK_AFTER_ARTICLE = frozenset(",;:")  # (not ".": "10 a.m.")
_COMMA_MARK = re.compile(r"[,;]\s*[,.;:]")
_NON_SPACE = re.compile(r"\S")
_WHOLE = 1 << 21  # characters: a text up to this long has its pieces' codes listed whole (from TextView.pieces)
_CLASS_BITS = bytes.maketrans(b"01234567ABCDEFGH", bytes(range(8)) * 2)  # a class in a code -> its roles
_LONGER_LOWERCASE = "\u0130"  # the one character str.lower() makes longer ("İ": two); none makes shorter
# A piece's code: WORD_MARK per word, SIGN_MARK per sign at most, then the classes of its first
# and last token (a bit per role in a broken pattern; first tokens as digits, last as capitals).
WORD_MARK, SIGN_MARK = "w", "s"
_ARTICLE, _CONJUNCTION, _COMMA = 1, 2, 4  # the last token's roles; the first token's are those it may follow


def build(rules, env):
    return [WordSaladStage(rules)]


class WordSaladStage:
    name = "word-salad"

    def __init__(self, rules):
        self.rules = [Salad(r) for r in rules]

    def propose(self, text, ctx):
        view = ctx.view(text)
        return [p for salad in self.rules for p in salad.propose(view)]


class Salad:
    """One word-salad rule: its word lists and thresholds, and the verdicts on words met so far."""

    def __init__(self, rule):
        s = rule.settings
        self.rule = rule
        self.min_words, self.min_signs = s.min_words, s.min_signs
        self.start, self.extend = s.start_score, s.extend_score
        self.min_zipf = s.min_zipf
        self.languages = s.languages
        self.articles = frozenset(s.articles)
        self.conjunctions = frozenset(s.conjunctions)
        self.not_after_article = frozenset(s.not_after_article) | self.articles | self.conjunctions
        self.verdicts = Memo(self._junk)
        self.junk_pieces = Memo(self._junk_piece).passing
        words = lambda ws: "|".join(sorted(map(re.escape, ws), key=len, reverse=True))  # noqa: E731
        # where a broken pattern may be, in the lowercased text (no \b first: re then scans for the first letters)
        self.broken = re.compile(rf"(?:{words(self.articles)})\s*(?:(?:{words(self.not_after_article)})\b|[,;:])"
                                 rf"|(?:{words(self.conjunctions)})\s+(?:{words(self.conjunctions)})\b")
        self.longest = max(map(len, self.not_after_article), default=0)  # of the words in `broken`
        self.codes = Memo(self._shared_code)
        # a broken pattern across two pieces: a last token, then a first token with a role in common
        self.broken_across = re.compile("|".join(
            f"{_last(role)}[{WORD_MARK}{SIGN_MARK}]*[{''.join(_first(r) for r in range(1, 8) if r & role)}]"
            for role in range(1, 8)))

    def propose(self, view):
        may_join = self._may_join(view)
        if not may_join:
            return  # no line scores enough to join a stretch, let alone start one
        text, lines = view.text, view.lines
        signed = self._signed_lines(view, may_join)
        stretch = []  # (start, end) of the lines in the stretch being built
        started = False
        for i, line in enumerate(lines):
            score = self.score(line.text) if i in signed else None
            if score is not None and score[0] >= self.extend:
                stretch.append((line.start, line.end))
                started = started or (score[0] >= self.start and score[1] >= self.min_signs)
                continue
            if started:
                yield self._flag(text, stretch)
            stretch, started = [], False
        if started:
            yield self._flag(text, stretch)

    def _flag(self, text, stretch) -> Proposal:
        start, end = stretch[0][0], stretch[-1][1]
        lines = len(stretch)
        where = "this line" if lines == 1 else f"these {lines} lines"
        return Proposal(start, end, None, self.rule.id, f"{self.rule.message} ({where})", Level.FLAG)

    def _may_join(self, view) -> set[int]:
        """The lines whose score may reach extend_score (the others' does not: their signs are
        at most the bound from their code, and they have exactly the code's number of words)."""
        counts = self._line_counts(view) if len(view.text) <= _WHOLE else \
            ((i, *self._code_counts(line.text)) for i, line in enumerate(view.lines))
        return {i for i, words, signs in counts
                if signs is not None and words >= self.min_words and signs / words >= self.extend}

    def _line_counts(self, view):
        """(line, words, signs at most) of the lines whose code holds a sign (most hold none), each
        line's code a stretch of the text's pieces' codes; first, at C speed, whether the text holds
        a sign, or a broken pattern across two pieces, at all (most texts hold none of the latter)."""
        codes = self.codes.values(view.pieces)
        code = "".join(codes)
        across = _pairs_across(code)
        if not across and SIGN_MARK not in code:
            return
        # (a text of one line: all its pieces)
        ends = [0, len(codes)] if "\n" not in view.text else list(accumulate(_pieces_per_line(view), initial=0))
        for i, line_code in enumerate(map("".join, map(codes.__getitem__, map(slice, ends, ends[1:])))):
            if SIGN_MARK in line_code or across and self.broken_across.search(line_code):
                pairs = len(self.broken_across.findall(line_code)) if across else 0
                yield i, line_code.count(WORD_MARK), line_code.count(SIGN_MARK) + 2 * pairs

    def _code_counts(self, line: str) -> tuple[int, int | None]:
        """(words, signs at most) of a line, from its pieces' codes, a window at a time: its code
        is never joined whole; signs None if the code holds no sign at all."""
        words = marks = across = 0
        last = ""  # the last class before the window: a broken pattern may pair it with the window's first
        for window in windows(line):
            code = last + "".join(self.codes.values(window.split()))
            words += code.count(WORD_MARK)
            if SIGN_MARK in code or self.broken_across.search(code):
                marks += code.count(SIGN_MARK)
                across += len(self.broken_across.findall(code))
            last = code[-1:]
        return words, (marks + 2 * across if marks or across else None)

    def _shared_code(self, piece: str) -> str:
        """_code, one string object for all pieces with that code (a few dozen codes in all): a text's
        codes joined are then read from a few objects, not from one in memory per piece."""
        return sys.intern(self._code(piece))

    def _code(self, piece: str) -> str:
        """What a piece adds to its line's score: WORD_MARK per word, SIGN_MARK per sign it may
        hold, and its first and last token's classes (see score; no token crosses a space)."""
        # a word of ASCII letters alone or before a mark (most pieces): its tokens without a search
        word, mark = (piece, "") if piece[-1] not in _TRAILING_MARKS else (piece[:-1], piece[-1])
        if word.isascii() and word.isalpha():
            lowered = word.lower()
            signs = (word[0].islower() and self.verdicts(word)) + (word in _STRAY_LETTERS)
            signs += 2 * self._broken_patterns([lowered, mark]) if mark else 0  # (no glue: no letter after the mark)
            return WORD_MARK + SIGN_MARK * signs + self._classes(lowered, mark or lowered)
        tokens = _TOKEN.findall(piece)
        if not tokens:
            return ""  # ("_"): its neighbours' tokens meet across it
        words = [t for t in tokens if t.isascii() and t[0].isalpha()]
        lowered = [t.lower() for t in tokens]
        signs = (sum(map(self.verdicts, [w for w in words if w[0].islower()]))
                 + sum(map(_STRAY_LETTERS.__contains__, tokens))
                 + len(_GLUED.findall(piece)) + 2 * self._broken_patterns(lowered))
        return WORD_MARK * len(words) + SIGN_MARK * signs + self._classes(lowered[0], lowered[-1])

    def _classes(self, first: str, last: str) -> str:
        """The classes of a piece's first and last token (lowercased): the roles in a broken pattern
        of the token before that the first may follow, and those of the last."""
        follows = ((first in self.not_after_article or first in _MARK_AFTER_ARTICLE) * _ARTICLE
                   + (first in self.conjunctions) * _CONJUNCTION + (first in _MARK_AFTER_COMMA) * _COMMA)
        role = (last in self.articles) * _ARTICLE + (last in self.conjunctions) * _CONJUNCTION + (last in ",;") * _COMMA
        return _first(follows) + _last(role)

    def _signed_lines(self, view, may_join: set[int]) -> set[int]:
        """Those of the lines `may_join` that hold at least one sign (some may hold none: scoring decides)."""
        text, lines = view.text, view.lines
        if _LONGER_LOWERCASE in text:  # offsets in the lowercased text would shift
            return may_join
        found = chain(self._broken_starts(text), *((m.start() for m in pattern.finditer(text))
                                                   for pattern in (_GLUED, _COMMA_MARK)))
        starts = [line.start for line in lines]
        signed = {bisect_right(starts, at) - 1 for at in found} & may_join
        # the pieces between spaces that hold a made-up word or a stray letter
        junk = self.junk_pieces(view.distinct_pieces)
        if junk:
            signed.update(i for i in may_join - signed
                          if any(not junk.isdisjoint(window.split()) for window in windows(lines[i].text)))
        return signed

    def _broken_starts(self, text: str):
        """Where `broken` matches the lowercased text (as finditer finds them), not after a letter or
        digit. The text is lowercased a window at a time, and a little more: a match starting in the
        window may read on past it (its first word, the whitespace after it, a word and one character)."""
        at = 0  # where finditer goes on
        for start, stop in window_bounds(text):
            more = _NON_SPACE.search(text, stop + self.longest)
            reach = (more.start() if more else len(text)) + self.longest + 1
            lowered = text[start:text.find(" ", reach) + 1 or len(text)].lower()
            for m in self.broken.finditer(lowered, at - start):
                if m.start() >= stop - start:
                    break  # (the next window's)
                at = start + m.end()
                if not lowered[m.start() - 1:m.start()].isalnum():
                    yield start + m.start()
            at = max(at, stop)

    def _junk_piece(self, piece: str) -> bool:
        return any((len(t) == 1 and t.islower() and t.isascii() and t not in "ai")
                   or (t[0].islower() and t.isascii() and self.verdicts(t))
                   for t in _TOKEN.findall(piece) if t[0].isalpha())

    def score(self, line: str) -> tuple[float, int] | None:
        """(signs per word, signs) for a line of at least min_words words, else None."""
        words = junk = glued = broken = 0
        for window, tokens, before, after in _token_windows(line):
            listed = [t for t in tokens if t.isascii() and t[0].isalpha()]
            words += len(listed)
            junk += sum(self.verdicts(w) for w in listed if w[0].islower()) + _stray_letters(tokens, before, after)
            glued += len(_GLUED.findall(window)) - len(_DOMAIN.findall(window))
            broken += self._broken_patterns([t.lower() for t in (tokens + [after] if after else tokens)])
        if words < self.min_words:
            return None
        signs = junk + max(glued, 0) + 2 * broken
        return signs / words, signs

    def _junk(self, word: str) -> bool:
        """A made-up word: lowercase, with a capital inside, or known to no list (English or `languages`)."""
        if not word[0].islower() or len(word) == 1:
            return False  # names are capitalised; single letters are judged in their line
        if any(c.isupper() for c in word[1:]):
            return True
        return zipf(word) < self.min_zipf and not any(known(word, lang) for lang in self.languages)

    def _broken_patterns(self, lowered: list[str]) -> int:
        found = 0
        for a, b in zip(lowered, lowered[1:]):
            if a in self.articles and (b in self.not_after_article or b in _MARK_AFTER_ARTICLE):
                found += 1
            elif a in self.conjunctions and b in self.conjunctions:
                found += 1
            elif a in ",;" and b in _MARK_AFTER_COMMA:
                found += 1
        return found



def _pairs_across(code: str) -> bool:
    """Whether broken_across finds a broken pattern across two pieces in `code` (pieces' codes
    joined), at C speed: of the classes alone (two a piece: first, last) as numbers of a byte a
    class, each last token's roles beside the next first token's, and AND of the two."""
    classes = ("A" + code).encode("ascii").translate(_CLASS_BITS, b"ws")  # ("A": no role before the first)
    return bool(int.from_bytes(classes[:-1:2], "big") & int.from_bytes(classes[1::2], "big"))


def _pieces_per_line(view) -> list[int]:
    """_count_pieces of each line, at C speed where the only whitespace is spaces and newlines (the
    characters beyond printable ASCII, tab and newline are listed once for every stage: unusual_chars).
    A line then has as many pieces as spaces and one at most (no more than one a run of non-spaces),
    exactly as many if every line has: if the text has as many pieces as that makes in all."""
    texts = list(map(itemgetter(2), view.lines))
    unusual = unusual_chars(view)
    if unusual is not None and not any(map(str.isspace, unusual)) and "\t" not in view.text:
        counts = list(map(add, map(str.count, texts, repeat(" ")), map(bool, texts)))
        if sum(counts) == len(view.pieces):
            return counts
    return list(map(_count_pieces, texts))


def _count_pieces(line: str) -> int:
    """len(line.split()), without making the pieces."""
    if line.isprintable() and "  " not in line:  # single spaces (the only space isprintable() lets through)
        return line.count(" ") + 1 - (line[:1] == " ") - (line[-1:] == " ") if line else 0
    return len(line.split())


def _token_windows(line: str):
    """(window, its tokens, the token before them, the token after them) for each window of a line
    that holds a token ("" before the first, after the last)."""
    before = ""
    for start, end in window_bounds(line):
        window = line[start:end]
        tokens = _TOKEN.findall(window)
        if tokens:  # (a window without one holds no word, sign or pattern)
            after = _TOKEN.search(line, end)  # (no token crosses a space: the next window's first)
            yield window, tokens, before, after.group() if after else ""
            before = tokens[-1]


def _first(roles: int) -> str:
    return chr(ord("0") + roles)


def _last(roles: int) -> str:
    return chr(ord("A") + roles)


def _stray_letters(tokens: list[str], before: str = "", after: str = "") -> int:
    """Lowercase letters standing alone as words ("in z"), not initials (m.), list marks (b)) or "(s)";
    `before` and `after` the tokens around the list."""
    count = 0
    for i, t in enumerate(tokens):
        if len(t) == 1 and t.islower() and t.isascii() and t not in "ai":
            follows = tokens[i + 1] if i + 1 < len(tokens) else after
            precedes = tokens[i - 1] if i else before
            count += follows not in (".", ")", "'", "’") and precedes != "("
    return count
