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

from functools import lru_cache

import regex

from ...analysis.languages import language_name, most_common_in, unaccented, zipf_in
from ...analysis.lexicon import key
from ...analysis.scan import pieces
from ...analysis.wordlist import Sieve, zipf
from ...core.edits import Proposal
from ...analysis.english import inflected

# lowercase words, not inside a URL, an e-mail, a handle or a hashtag
_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.'’])\p{Ll}[\p{L}\p{M}]*+(?![\p{N}_@/'’]|\.\p{L})")
# capitalised words (German nouns), also the parts of a hyphenated name ("SC-Freiburg-Fantag")
_NOUN = regex.compile(r"(?<![\p{L}\p{M}\p{N}_@#/.'’])\p{Lu}\p{Ll}[\p{Ll}\p{M}]*+(?![\p{N}_@/'’]|\.\p{L})")
_LATIN_WORD = regex.compile(r"[\p{Latin}\p{M}]+")
_ANY_WORD = regex.compile(r"[\p{L}\p{M}]+")
NEIGHBOUR_MARGIN = 1.0  # a neighbour this much more common abroad than in English is foreign too


class _RuleJudge:
    """A judge of single tokens configured by one rule of `detector`; `language(token)` is cached."""

    detector = ""

    def __init__(self, rules, lexicon):
        self.rule = next((r for r in rules if r.data["detector"] == self.detector), None)
        self.data = self.rule.data if self.rule else {}
        self.lex = lexicon
        self.languages = self.data.get("languages", [])
        self.exceptions = {w.casefold() for w in self.data.get("exceptions", [])}
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
    """Which language a single token is probably in, if not English."""

    detector = "foreign-word"

    def __init__(self, rules, lexicon):
        super().__init__(rules, lexicon)
        self.min_length = self.data.get("min_length", 3)
        self.min_zipf = self.data.get("min_zipf", 3.5)
        self.max_english = self.data.get("max_english_zipf", 3.0)
        self.min_margin = self.data.get("min_margin", 3.0)
        self.letters = dict(pair.split("=", 1) for pair in self.data.get("letters", []))

    def _judge(self, w: str) -> tuple[str, float] | None:
        """(language code, Zipf there) when `w` is reported as a foreign word."""
        if not self.rule or len(w) < self.min_length or not w[:1].islower() or w.casefold() in self.exceptions:
            return None
        if not _LATIN_WORD.fullmatch(w) or key(w) in self.lex:
            return None
        english = max(zipf(w), zipf(unaccented(w)))
        if english >= self.max_english or inflected(w):
            return None
        best = most_common_in(w, self.languages)
        if best and best[1] >= max(self.min_zipf, english + self.min_margin):
            return best
        # a word too rare for the lists, written with a letter English does not use (straße, højre)
        lang = next((self.letters[ch] for ch in w if ch in self.letters), None)
        return (lang, 0.0) if lang and english == 0 else None


class NounJudge(_RuleJudge):
    """Which noun-capitalising language a capitalised token is in, if it is a noun left untranslated."""

    detector = "foreign-noun"

    def __init__(self, rules, lexicon):
        super().__init__(rules, lexicon)
        self.min_zipf = self.data.get("min_zipf", 3.0)
        self.max_english = self.data.get("max_english_zipf", 1.5)
        self.part_zipf = self.data.get("compound_min_zipf", 3.5)
        self.min_part = self.data.get("min_part_length", 3)
        self.min_compound = self.data.get("min_compound_length", 9)
        self.name_endings = tuple(e.casefold() for e in self.data.get("name_endings", []))

    def _judge(self, w: str) -> tuple[str, float, str] | None:
        """(language, Zipf there, how it was read) when `w` is reported."""
        folded = w.casefold()
        if not self.rule or folded in self.exceptions or folded.endswith(self.name_endings):
            return None
        if not _LATIN_WORD.fullmatch(w) or key(w) in self.lex or inflected(w):
            return None
        if max(zipf(w), zipf(unaccented(w))) >= self.max_english:
            return None
        best = most_common_in(w, self.languages)
        if best and best[1] >= self.min_zipf:
            return best[0], best[1], ""
        return self._compound(folded)

    def _compound(self, w: str) -> tuple[str, float, str] | None:
        """Two common words of the language (a linking s allowed), not both English words too."""
        if len(w) < self.min_compound:
            return None
        for lang in self.languages:
            for i in range(self.min_part, len(w) - self.min_part + 1):
                head = w[i:]
                for modifier in {w[:i], w[:i - 1] if w[i - 1] == "s" else w[:i]}:
                    if len(modifier) < self.min_part:
                        continue
                    parts = (zipf_in(modifier, lang), zipf_in(head, lang))
                    if min(parts) < self.part_zipf or min(zipf(modifier), zipf(head)) >= self.part_zipf:
                        continue
                    return lang, min(parts), f"{modifier} + {head}"
        return None


def build(rules, env):
    return [ForeignWordsStage(rules, env.lexicon)]


class Claims:
    """Does this detector report a token, as a word or as a noun? (The words stage then leaves it alone.)"""

    def __init__(self, rules, lexicon):
        self.judges = (Judge(rules, lexicon), NounJudge(rules, lexicon))

    def __call__(self, token: str) -> bool:
        return any(judge.language(token) is not None for judge in self.judges)


def claims_of(env) -> Claims | None:
    """What the foreign-words rules of a pipeline being built claim; None without such rules."""
    rules = env.rules("foreign-words")
    return env.shared("foreign-words claims", lambda: Claims(rules, env.lexicon)) if rules else None


class ForeignWordsStage:
    name = "foreign-words"

    def __init__(self, rules, lexicon):
        self.judge = Judge(rules, lexicon)
        self.nouns = NounJudge(rules, lexicon)
        self.holding_foreign = Sieve(self._holds_foreign_word)  # pieces between spaces: no word crosses one
        self.holding_noun = Sieve(self._holds_foreign_noun)

    def propose(self, text, ctx):
        yield from self._words(text)
        yield from self._nouns(text)

    def _nouns(self, text):
        rule = self.nouns.rule
        if not rule or not self.holding_noun(set(pieces(text))):
            return
        for m in _NOUN.finditer(text):
            found = self.nouns.language(m.group())
            if found and not self._in_foreign_phrase(text, m.start(), m.end(), lowercase_only=True):
                lang, z, parts = found
                reading = f"{parts}, both common there" if parts else f"Zipf {z:.1f} there"
                yield Proposal(m.start(), m.end(), None, rule.id,
                               f"{rule.message}: '{m.group()}' is {language_name(lang)} ({reading}; "
                               f"unknown in English)", rule.level)

    def _holds_foreign_noun(self, piece: str) -> bool:
        return any(self.nouns.language(m.group()) for m in _NOUN.finditer(piece))

    def _words(self, text):
        rule = self.judge.rule
        if not rule or not self.holding_foreign(set(pieces(text))):
            return
        for m in _WORD.finditer(text):
            found = self.judge.language(m.group())
            if found and not self._in_foreign_phrase(text, m.start(), m.end()):
                lang, z = found
                english = zipf(m.group())
                in_english = f"Zipf {english:.1f}" if english else "unknown"
                there = f"Zipf {z:.1f} there" if z else "a letter English does not use"
                yield Proposal(m.start(), m.end(), None, rule.id,
                               f"{rule.message}: '{m.group()}' is {language_name(lang)} "
                               f"({there}; {in_english} in English)", rule.level)

    def _holds_foreign_word(self, piece: str) -> bool:
        return any(self.judge.language(m.group()) for m in _WORD.finditer(piece))

    def _in_foreign_phrase(self, text, start, end, lowercase_only=False) -> bool:
        """A quotation or a title in the other language (“Ne pleure pas”, La notte) is cited, not left over.

        Beside a capitalised noun only lowercase words tell: a capitalised neighbour is a name
        ("Kripo Fürstenfeldbruck"), which German lists know as well as its nouns.
        """
        before = _ANY_WORD.findall(text[max(0, start - 30):start])[-1:]
        after = _ANY_WORD.findall(text[end:end + 30])[:1]
        return any(self._leans_foreign(w) for w in before + after if not lowercase_only or w.islower())

    def _leans_foreign(self, word: str) -> bool:
        w = word.lower()
        best = most_common_in(w, self.judge.languages)
        return bool(best) and best[1] >= max(zipf(w), zipf(unaccented(w))) + NEIGHBOUR_MARGIN
