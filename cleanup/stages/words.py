"""Run-on words and unknown words, judged by wordfreq's English word list.

A token is left alone when it is a known word, a name in the lexicon, part
of a URL, e-mail, hashtag or handle, a code with digits (Tu-95MS, COVID-19),
an acronym, or a mixed-case brand (iPhone, YouTube). A lowercase token no
list knows that splits into two or three common words is a run-on
("fourhours" -> "four hours"); "theUnited" splits at the case change. What
is left unknown is flagged for a human, with the closest lexicon name when
one is close; a capitalised unknown word (a name, most often) only when a
lexicon name is close: the names no list knows are too many to flag.

Every rule runs with its own settings and exceptions. A word gets one
verdict: the first run-on rule (in rule-file order) that splits it, else the
first unknown-word rule that does not list it among its exceptions.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import regex

from ..analysis.english import in_latin_letters, inflected
from ..analysis.lexicon import key
from ..analysis.memo import Memo
from ..analysis.piece_starts import found_in_pieces
from ..analysis.tokens import WORD
from ..analysis.wordlist import known, zipf
from ..core.edits import Level, Proposal


@dataclass(frozen=True)
class RunOnSettings:
    min_zipf: float = 3.0              # how common (wordfreq Zipf) each part of a split must be
    max_parts: int = 3                 # split into at most this many words (2 or 3)
    glued_tails: tuple[str, ...] = ()  # words glued onto a capitalised name: Sobyaninhas -> Sobyanin has
    exceptions: tuple[str, ...] = ()   # tokens (any case) this rule never splits


@dataclass(frozen=True)
class UnknownWordSettings:
    exceptions: tuple[str, ...] = ()   # tokens (any case) this rule never flags


SETTINGS = {"run-on": RunOnSettings, "unknown-word": UnknownWordSettings}

_SKIP_ZONES = regex.compile(
    r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|[#@][\w.]+|\b[\w-]+(?:\.[a-z]{2,})+(?:/\S*)?", regex.IGNORECASE)
_CASE_SPLIT = regex.compile(r"^(\p{Ll}{2,})(\p{Lu}\p{Ll}+)$")
_POSSESSIVE = regex.compile(r"['’]s$")
_SPACE = regex.compile(r"\s")
_SPACE_BEFORE = regex.compile(r"(?r)\s")  # searches backwards from its end position


FEW = 16  # tokens looked for by string search; for more, the text is tokenised once


class _Occurrences:
    """How often a token occurs in the document: searched for when first asked, or counted
    among all tokens once more than FEW were asked (a count per question made the stage
    quadratic in the document's size)."""

    def __init__(self, view):
        self.view, self.counts, self.all = view, {}, None

    def __call__(self, token: str) -> int:
        if self.all is not None:
            return self.all[token]
        if len(self.counts) >= FEW:
            self.all = Counter(self.view.words)
            return self.all[token]
        if token not in self.counts:
            self.counts[token] = len(_token_starts(self.view.text, token))
        return self.counts[token]


def _tokens(piece: str) -> list[str]:
    return WORD(piece).findall(piece)


# What stands around the one word of most pieces between spaces: quotes and brackets before it, those
# and punctuation after it. None is part of a token, or keeps the word's first letter from starting one.
_BEFORE_WORD, _AFTER_WORD = "\"'“‘([«", ",.;:!?\"'”’)]»…"


def _plain_word(piece: str) -> str | None:
    """The piece's one token when it is a word of ASCII letters, told at C speed (most pieces); else None."""
    word = piece.lstrip(_BEFORE_WORD).rstrip(_AFTER_WORD)
    return word if word.isalpha() and word.isascii() else None


def _starts_among(text: str, pieces: Iterable[str], holding: set[str], tokens: set[str]):
    """(offset, token) for each of `tokens` in the text, in order, read from the pieces between
    spaces that hold one (`holding`), found where they stand (not by tokenising the whole text)."""
    return found_in_pieces(text, pieces, holding, lambda piece: [(m.start(), m.group()) for m in
                                                                 WORD(piece).finditer(piece) if m.group() in tokens])


def _token_starts(text: str, token: str) -> list[int]:
    """Where `token` stands in `text` as one of its tokens (TextView.words), in order.

    Each occurrence of the string is checked against the tokens of the piece
    between spaces it is in: a text's tokens are its pieces' tokens (no token
    holds a space, and a space before a token is no letter that would join it).
    """
    starts, at = [], text.find(token)
    while at >= 0:
        left, right = _SPACE_BEFORE.search(text, 0, at), _SPACE.search(text, at + len(token))
        piece_start = left.end() if left else 0
        piece = text[piece_start:right.start() if right else len(text)]
        offset = at - piece_start
        if any(m.start() == offset and m.group() == token for m in WORD(piece).finditer(piece)):
            starts.append(at)
        at = text.find(token, at + 1)
    return starts


class _RunOn:
    """One run-on rule: the split its own settings find for a word not among its exceptions."""

    def __init__(self, rule):
        settings = rule.settings
        self.rule, self.min_zipf, self.max_parts = rule, settings.min_zipf, settings.max_parts
        self.exceptions = {w.lower() for w in settings.exceptions}
        tails = sorted(settings.glued_tails, key=len, reverse=True)
        # "Sobyaninhas": a capitalised name of five letters or more, then a tail word glued on
        self.glued_tail = (regex.compile(rf"(\p{{Lu}}\p{{Ll}}{{4,}}?)({'|'.join(map(regex.escape, tails))})")
                           if tails else None)

    def split(self, word: str) -> str | None:
        if word.lower() in self.exceptions:
            return None
        m = _CASE_SPLIT.match(word)
        if m:  # "theUnited": a common word glued to a capitalised one
            if zipf(m.group(1)) >= 5.0 and zipf(m.group(2)) >= self.min_zipf:
                return f"{m.group(1)} {m.group(2)}"
            return None
        if self.glued_tail and word[0].isupper():
            m = self.glued_tail.fullmatch(word)
            if m:
                return f"{m.group(1)} {m.group(2)}"
        if not word.islower() or len(word) < 6:
            return None
        return best_split(word, self.min_zipf, self.max_parts)


def build(rules, env):
    from .mt.foreign_words import claims_of

    return [WordsStage(rules, env.lexicon, claims_of(env))]


class WordsStage:
    name = "words"

    def __init__(self, rules, lexicon, claimed=None):
        self.lex = lexicon
        self.claimed = claimed  # tokens the foreign-words detector reports (it names the language)
        self.runons = [_RunOn(r) for r in rules if r.data["detector"] == "run-on"]
        self.unknowns = [(r, {w.lower() for w in r.settings.exceptions})
                         for r in rules if r.data["detector"] == "unknown-word"]
        self._names = None
        # what a word alone says, and whether a token needs a look: a corpus repeats its vocabulary
        self._verdicts = Memo(self._judge_word)
        self._suspect_token = Memo(self._suspect)
        self._suspects_among = self._suspect_token.passing
        self._suspect_pieces = Memo(self._holds_suspect).passing
        self._closest = Memo(self._search_names)

    def propose(self, text, ctx):
        # Most tokens are known words: judge each distinct token once, and
        # look at positions only for the tokens that need a look.
        # The tokens to look at are found in the pieces between spaces that hold them (set
        # operations over the text's distinct pieces), then where those pieces stand: the
        # text is never tokenised whole (on a big text that cost most of the stage).
        view = ctx.view(text)
        pieces = self._suspect_pieces(view.distinct_pieces)
        if not pieces:
            return
        suspects = self._suspects_among({t for piece in pieces for t in _tokens(piece)})
        occurrences = _Occurrences(view)
        for start, token in _starts_among(text, view.iter_pieces(), pieces, suspects):
            if _in_skip_zone(text, start, start + len(token)):
                continue
            for part, offset in _parts(token):
                p = self._judge(part, start + offset, occurrences)
                if p:
                    yield p

    def _holds_suspect(self, piece: str) -> bool:
        """Does a piece between spaces hold a token that needs a look? A text's tokens are its
        pieces' tokens: none holds a space, and the character before a piece is one."""
        word = _plain_word(piece)
        if word is not None:  # a known word with no possessive is fine (_judge_word): no memo of its token needed
            return not known(word) and self._suspect_token(word)
        return any(map(self._suspect_token, _tokens(piece)))  # (a piece holds a token or two: no set needed)

    def _suspect(self, token: str) -> bool:
        """Could this token lead to a proposal anywhere? (Codes with digits never do.)"""
        if _has_digit(token):
            return False
        return any(self._may_report(part) for part, _ in _parts(token))

    def _may_report(self, word: str) -> bool:
        """Can the word's verdict lead to a proposal anywhere? A capitalised unknown word only can
        when it is ASCII and close to a lexicon name (see _judge): most names no list knows are
        then never searched for in the text (the closest name is looked for once per word)."""
        verdict = self._verdicts(word)
        if verdict and verdict[0] == "unknown" and verdict[1][0].isupper():
            return verdict[1].isascii() and self._closest_name(verdict[1]) is not None
        return bool(verdict)

    def _judge_word(self, word: str) -> tuple:
        """What the word alone says: () fine, ("run-on", bare, rule, split) or ("unknown", bare, rule)."""
        bare = _POSSESSIVE.sub("", word)
        if len(bare) < 2 or known(bare) or known(word) or inflected(bare):
            return ()
        if key(bare) in self.lex or self._claimed(bare):
            return ()
        for runon in self.runons:
            split = runon.split(bare)
            if split:
                return ("run-on", bare, runon.rule, split)
        if bare.isupper() or _mixed_case(bare) or not in_latin_letters(bare):
            return ()  # acronyms, brands, other scripts
        for rule, exceptions in self.unknowns:
            if bare.lower() not in exceptions:
                return ("unknown", bare, rule)
        return ()

    def _claimed(self, word: str) -> bool:
        """The foreign-words detector reports it, naming the language: one flag is enough."""
        return self.claimed is not None and self.claimed(word)

    def _judge(self, word, start, occurrences):
        verdict = self._verdicts(word)
        if not verdict:
            return None
        what, bare, rule = verdict[:3]
        end = start + len(bare)
        if what == "run-on":
            split = verdict[3]
            return Proposal(start, end, split, rule.id, f"{rule.message}: '{bare}' → '{split}'", rule.level)
        capitalised = bare[0].isupper()
        if capitalised and (occurrences(bare) > 1 or not bare.isascii()):
            return None  # the document's own name (spelled alike each time), or a foreign one
        near = self._closest_name(bare)
        if capitalised and not near:
            # an unknown name is no fault by itself: flagged only when it looks like a
            # lexicon name misspelt (the consistency stage groups a document's spellings)
            return None
        hint = f"; did you mean '{near}'?" if near else ""
        return Proposal(start, end, None, rule.id, f"{rule.message}{hint}", Level.FLAG)

    def _closest_name(self, word: str) -> str | None:
        if self._names is None:
            self._names = sorted({h.form for hits in self.lex.forms.values() for h in hits
                                  if h.role in ("name", "short")})
        return self._closest(word)

    def _search_names(self, word: str) -> str | None:
        from rapidfuzz import fuzz, process  # (imported when first needed: start-up)

        best = process.extractOne(word, self._names, scorer=fuzz.ratio, score_cutoff=80) if self._names else None
        return best[0] if best else None


def _has_digit(token: str) -> bool:
    # (letters are never digits: a word of letters, most tokens, needs no look at each character)
    return not token.isalpha() and any(ch.isdigit() for ch in token)


def _in_skip_zone(text: str, start: int, end: int) -> bool:
    """Is text[start:end] inside a URL, e-mail, hashtag or handle?

    No zone holds whitespace, so scanning the token's whitespace-delimited
    chunk finds the same zones as scanning the whole text, at a fraction of
    the cost (the e-mail pattern backtracks at every character).
    """
    left = _SPACE_BEFORE.search(text, 0, start)
    right = _SPACE.search(text, end)
    chunk_start, chunk_end = (left.end() if left else 0), (right.start() if right else len(text))
    return any(zs < end and ze > start for zs, ze in
               (m.span() for m in _SKIP_ZONES.finditer(text, chunk_start, chunk_end)))


def _part_ok(part: str, min_zipf: float) -> float:
    """The part's frequency if it can stand as a word of a split, else 0."""
    z = zipf(part)
    if len(part) < 2 or (len(part) == 2 and z < 6.0):  # "an im os": two letters must be very common
        return 0.0
    return z if z >= min_zipf else 0.0


def _parts(token: str):
    """Hyphenated compounds are judged part by part."""
    pos = 0
    for part in token.split("-"):
        yield part, pos
        pos += len(part) + 1


def _mixed_case(word: str) -> bool:
    return any(ch.isupper() for ch in word[1:]) and not word.isupper()


@lru_cache(maxsize=65536)
def best_split(word: str, min_zipf: float, max_parts: int) -> str | None:
    """The split into 2..max_parts common words whose rarest part is most common."""
    best, best_score = None, 0.0
    if inflected(word):
        return None
    for i in range(2, len(word) - 1):
        a, b = word[:i], word[i:]
        za = _part_ok(a, min_zipf)
        if not za:
            continue
        zb = _part_ok(b, min_zipf)
        if zb and min(za, zb) > best_score:
            best, best_score = f"{a} {b}", min(za, zb)
        if max_parts >= 3:
            for j in range(2, len(b) - 1):
                c, d = b[:j], b[j:]
                zc, zd = _part_ok(c, min_zipf + 1), _part_ok(d, min_zipf + 1)
                # three short parts fit too many strings: ask more of each
                if zc and zd and min(za, zc, zd) - 0.5 > best_score:
                    best, best_score = f"{a} {c} {d}", min(za, zc, zd) - 0.5
    return best
