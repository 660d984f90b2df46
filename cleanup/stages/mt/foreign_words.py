"""Words left in the source language: "toutefois", "desarrollo", "aber".

A lowercase Latin-script word that English lists barely know but another
language's list (wordfreq) knows far better is flagged as probably
untranslated, naming the language, when it stands among English words (a
phrase in the other language is a cited title or quotation); so is a word
too rare for the other language's list of common words when English lists
do not know it at all and it has a letter English never uses (ß, ø, ł, ő,
þ: "hauptstraße"). English loanwords stay: a word, or its unaccented spelling, that English lists know
well enough is English (café, naïve, rôle → role), and one only moderately
more common abroad is a loanword (brûlée, entrée, déjà); untranslated words
are the other language's everyday words (aber, toutefois, también).
Capitalised words are left to the names stages (a foreign-looking
capitalised word is most often a name), and so are words of the names
lexicon, with one exception: a language that capitalises its nouns
(German) leaves its nouns capitalised when a system fails to translate
them ("Landkreis", "Kripo"), so the `foreign-noun` rule judges capitalised
words in those languages: common there and all but unknown in English, or
a compound of two common words there ("Nikolaus|tag"), unless the word
ends like a name (-mann, -berg, -burg: people and places). Other scripts
are the script detector's.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ...analysis.english import in_latin_letters, inflected
from ...analysis.languages import language_name, most_common_in, unaccented, zipf_in
from ...analysis.lexicon import key
from ...analysis.memo import Memo
from ...analysis.piece_starts import found_in_pieces
from ...analysis.tokens import LETTERS
from ...analysis.wordlist import zipf
from ...core.edits import Proposal


@dataclass(frozen=True)
class ForeignWordSettings:
    languages: tuple[str, ...] = ()   # wordfreq language codes whose lists are asked (fr, de ...)
    exceptions: tuple[str, ...] = ()  # words (any case) never reported
    min_length: int = 3               # shortest word judged
    min_zipf: float = 3.5             # how common (Zipf) the word must be in the other language
    max_english_zipf: float = 3.0     # a word (or its unaccented spelling) this common in English is English
    min_margin: float = 3.0           # how much more common abroad than in English (loanwords are common in both)
    letters: tuple[str, ...] = ()     # "ß=de": letters English never uses, each naming its language


@dataclass(frozen=True)
class ForeignNounSettings:
    languages: tuple[str, ...] = ()    # noun-capitalising languages whose lists are asked (de)
    exceptions: tuple[str, ...] = ()   # words (any case) never reported
    min_zipf: float = 3.0              # how common (Zipf) the noun must be in the other language
    max_english_zipf: float = 1.5      # a word this common in English is left alone (names English writes about)
    compound_min_zipf: float = 3.5     # how common each part of a compound must be in the other language
    min_part_length: int = 3           # shortest part of a compound, in letters
    min_compound_length: int = 9       # shortest word read as a compound (short ones split by chance)
    name_endings: tuple[str, ...] = ()  # endings of people's and places' names (-mann, -berg): not nouns


SETTINGS = {"foreign-word": ForeignWordSettings, "foreign-noun": ForeignNounSettings}

# lowercase words, not inside a URL, an e-mail, a handle or a hashtag
_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.'’])\p{Ll}[\p{L}\p{M}]*+(?![\p{N}_@/'’]|\.\p{L})")
# capitalised words (German nouns), also the parts of a hyphenated name ("SC-Freiburg-Fantag")
_NOUN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.'’])\p{Lu}\p{Ll}[\p{Ll}\p{M}]*+(?![\p{N}_@/'’]|\.\p{L})")
NEIGHBOUR_MARGIN = 1.0  # a neighbour this much more common abroad than in English is foreign too


class _RuleJudge:
    """A judge of single tokens configured by one rule; `language(token)` is cached."""

    def __init__(self, rule, lexicon):
        self.rule, self.lex, self.settings = rule, lexicon, rule.settings
        self.languages = rule.settings.languages
        self.exceptions = {w.casefold() for w in rule.settings.exceptions}
        # bounded: the words stage asks about every unknown token of every document
        self.language = lru_cache(maxsize=65536)(self._judge)

    def __getstate__(self):  # the cache is per process: pipelines travel to workers without it
        return {k: v for k, v in self.__dict__.items() if k != "language"}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.language = lru_cache(maxsize=65536)(self._judge)

    def _judge(self, w: str):
        raise NotImplementedError


class Judge(_RuleJudge):
    """Which language a single token is probably in, if not English (one foreign-word rule)."""

    def __init__(self, rule, lexicon):
        super().__init__(rule, lexicon)
        self.letters = dict(pair.split("=", 1) for pair in rule.settings.letters)

    def _judge(self, w: str) -> tuple[str, float] | None:
        """(language code, Zipf there) when `w` is reported as a foreign word."""
        s = self.settings
        if len(w) < s.min_length or not w[:1].islower() or w.casefold() in self.exceptions:
            return None
        if not in_latin_letters(w):
            return None
        english = _english_zipf(w)  # (before the rest: most words are English, told by one look-up)
        if english >= s.max_english_zipf or key(w) in self.lex or inflected(w):
            return None
        best = most_common_in(w, self.languages)
        if best and best[1] >= max(s.min_zipf, english + s.min_margin):
            return best
        # a word too rare for the lists, written with a letter English does not use (straße, højre)
        lang = next((self.letters[ch] for ch in w if ch in self.letters), None)
        return (lang, 0.0) if lang and english == 0 else None


class NounJudge(_RuleJudge):
    """Which noun-capitalising language a capitalised token is in, if it is a noun left untranslated
    (one foreign-noun rule)."""

    def __init__(self, rule, lexicon):
        super().__init__(rule, lexicon)
        self.name_endings = tuple(e.casefold() for e in rule.settings.name_endings)

    def _judge(self, w: str) -> tuple[str, float, str] | None:
        """(language, Zipf there, how it was read) when `w` is reported."""
        folded = w.casefold()
        if folded in self.exceptions or folded.endswith(self.name_endings):
            return None
        if not in_latin_letters(w) or _english_zipf(w) >= self.settings.max_english_zipf:
            return None  # (the look-up before the rest: most capitalised words are English)
        if key(w) in self.lex or inflected(w):
            return None
        best = most_common_in(w, self.languages)
        if best and best[1] >= self.settings.min_zipf:
            return best[0], best[1], ""
        return self._compound(folded)

    def _compound(self, w: str) -> tuple[str, float, str] | None:
        """Two common words of the language (a linking s allowed), not both English words too."""
        s = self.settings
        if len(w) < s.min_compound_length:
            return None
        for lang in self.languages:
            for i in range(s.min_part_length, len(w) - s.min_part_length + 1):
                head = w[i:]
                # the modifier as written, then without a linking s (in this order: the reading is reported)
                for modifier in dict.fromkeys((w[:i], w[:i - 1] if w[i - 1] == "s" else w[:i])):
                    if len(modifier) < s.min_part_length:
                        continue
                    parts = (zipf_in(modifier, lang), zipf_in(head, lang))
                    if min(parts) < s.compound_min_zipf or min(zipf(modifier), zipf(head)) >= s.compound_min_zipf:
                        continue
                    return lang, min(parts), f"{modifier} + {head}"
        return None


def _judges(rules, lexicon) -> tuple[list[Judge], list[NounJudge]]:
    """A judge for each rule, in the rule files' order."""
    return ([Judge(r, lexicon) for r in rules if r.data["detector"] == "foreign-word"],
            [NounJudge(r, lexicon) for r in rules if r.data["detector"] == "foreign-noun"])


def _first_report(judges, token):
    """(judge, what it found) for the first judge that reports `token`, else None."""
    for judge in judges:
        found = judge.language(token)
        if found:
            return judge, found
    return None


def build(rules, env):
    return [ForeignWordsStage(rules, env.lexicon)]


class Claims:
    """Does any foreign-words rule report a token, as a word or as a noun? (The words stage then leaves it alone.)"""

    def __init__(self, rules, lexicon):
        words, nouns = _judges(rules, lexicon)
        self.judges = words + nouns

    def __call__(self, token: str) -> bool:
        return any(judge.language(token) is not None for judge in self.judges)


def claims_of(env) -> Claims | None:
    """What the foreign-words rules of a pipeline being built claim; None without such rules."""
    rules = env.rules("foreign-words")
    return env.shared("foreign-words claims", lambda: Claims(rules, env.lexicon)) if rules else None


class ForeignWordsStage:
    """Every foreign-word and foreign-noun rule; a word is reported by the first rule that reports it."""

    name = "foreign-words"

    def __init__(self, rules, lexicon):
        self.words, self.nouns = _judges(rules, lexicon)
        # a capitalised noun's neighbours may be in any language the rules know ("Tagebuch eines ...")
        self.neighbour_languages = tuple(dict.fromkeys(
            lang for judge in self.words + self.nouns for lang in judge.languages))
        self.holding_foreign = Memo(self._holds_foreign_word).passing  # pieces between spaces: no word crosses one
        self.holding_noun = Memo(self._holds_foreign_noun).passing
        self.holding_either = Memo(self._holds_either).passing

    def propose(self, text, ctx):
        # one look over the text's distinct pieces for both kinds (most texts hold neither); each
        # kind then asks about the few pieces that hold one or the other
        view = ctx.view(text)
        pieces = self.holding_either(view.distinct_pieces)
        if not pieces:
            return
        # (each kind walks the pieces once: a big text's are streamed a chunk at a time, not listed)
        yield from self._words(text, view.iter_pieces, pieces)
        yield from self._nouns(text, view.iter_pieces, pieces)

    def _nouns(self, text, all_pieces, pieces):
        holding = self.holding_noun(pieces) if self.nouns else None
        if not holding:
            return
        for start, end, noun, report in _reported(_NOUN, self.nouns, text, all_pieces(), holding):
            if not self._in_foreign_phrase(text, start, end, self.neighbour_languages, lowercase_only=True):
                rule, (lang, z, parts) = report[0].rule, report[1]
                reading = f"{parts}, both common there" if parts else f"Zipf {z:.1f} there"
                yield Proposal(start, end, None, rule.id,
                               f"{rule.message}: '{noun}' is {language_name(lang)} ({reading}; "
                               f"unknown in English)", rule.level)

    def _holds_either(self, piece: str) -> bool:
        return self._holds_foreign_word(piece) or self._holds_foreign_noun(piece)

    def _holds_foreign_noun(self, piece: str) -> bool:
        return any(_first_report(self.nouns, m.group()) for m in _NOUN.finditer(piece))

    def _words(self, text, all_pieces, pieces):
        holding = self.holding_foreign(pieces) if self.words else None
        if not holding:
            return
        for start, end, word, report in _reported(_WORD, self.words, text, all_pieces(), holding):
            if not self._in_foreign_phrase(text, start, end, report[0].languages):
                rule, (lang, z) = report[0].rule, report[1]
                english = zipf(word)
                in_english = f"Zipf {english:.1f}" if english else "unknown"
                there = f"Zipf {z:.1f} there" if z else "a letter English does not use"
                yield Proposal(start, end, None, rule.id,
                               f"{rule.message}: '{word}' is {language_name(lang)} "
                               f"({there}; {in_english} in English)", rule.level)

    def _holds_foreign_word(self, piece: str) -> bool:
        return any(_first_report(self.words, m.group()) for m in _WORD.finditer(piece))

    @staticmethod
    def _in_foreign_phrase(text, start, end, languages, lowercase_only=False) -> bool:
        """A quotation or a title in the other language (“Ne pleure pas”, La notte) is cited, not left over.

        Beside a capitalised noun only lowercase words tell: a capitalised neighbour is a name
        ("Kripo Fürstenfeldbruck"), which German lists know as well as its nouns.
        """
        before = LETTERS.findall(text[max(0, start - 30):start])[-1:]
        after = LETTERS.findall(text[end:end + 30])[:1]
        return any(_leans_foreign(w, languages) for w in before + after if not lowercase_only or w.islower())


def _reported(pattern, judges, text, pieces, holding):
    """(start, end, match, report) for each match of `pattern` in the text that a judge reports, in
    order: read in the pieces between spaces that hold one (`holding`; pieces = text.split(), a list
    or a stream), found where they stand. A match in a piece is one in the text: none holds a space,
    and a space before or after one is none of the characters its lookbehind and lookahead refuse."""
    def find(piece):
        return [(m.start(), m.group(), report) for m in pattern.finditer(piece)
                for report in [_first_report(judges, m.group())] if report]
    for start, match, report in found_in_pieces(text, pieces, holding, find):
        yield start, start + len(match), match, report


def _english_zipf(w: str) -> float:
    """How common `w` or its unaccented spelling is in English (plain ASCII has no accents to take off)."""
    return zipf(w) if w.isascii() else max(zipf(w), zipf(unaccented(w)))


@lru_cache(maxsize=16384)  # a reported word's neighbours are asked about at each of its mentions
def _leans_foreign(word: str, languages: tuple) -> bool:
    w = word.lower()
    best = most_common_in(w, languages)
    return bool(best) and best[1] >= _english_zipf(w) + NEIGHBOUR_MARGIN
