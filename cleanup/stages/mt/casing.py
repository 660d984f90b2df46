"""Letter case machine translation gets wrong.

Chinese and Japanese have no letter case, so a system decides it afresh
for every clause, and it shows:

- `capital-after-comma`: a clause boundary rendered as a sentence start
  ("the Central Committee, Summarize the experience"; "; The national
  strategy"): a verb of the rule's list or a word shaped like a verb or
  adverb (-ize, -ly on a common stem) after a comma or semicolon, or a capitalised function word after a
  semicolon (verse capitalises its lines after commas), followed by a
  lowercase word (so not a name in title case: ", The Hague").
- `lowercase-in-name`: a proper name half lowercased ("National Institute
  of infectious diseases"): an institution word (Institute, Ministry ...)
  capitalised mid-sentence, then "of" and lowercase words up to a
  function word or a mark.
- `lowercase-quote-start`: a quoted sentence that starts in lowercase
  after a speech verb and a colon or comma (`as saying: "at present,
  ...`); a quoted fragment of a few words may start in lowercase, and so
  may a quotation run into a sentence of one's own ("the study showed:
  "the effect is ...").
- `fixed-case`: a term written one way only (COVID-19, SARS-CoV-2)
  written all in lowercase.
- `lowercase-before-place`: "the antonov airport": a word English lists
  barely know, lowercased between "the" and a place word.
- `lowercase-split-name`: "the ramen man" where the document calls him
  Ramenman: a lowercase pair of words that joins into a capitalised name
  of the same document.
- `lowercase-name`: "the omicron strain" in an article that writes
  Omicron elsewhere: a word English lists barely know, in lowercase, whose
  capitalised form the same document uses mid-sentence.
- `lowercase-language`: "the russian army", "in english": the name of a
  language millions speak (langcodes' population figures; not Even or
  Bats, languages whose names are English words) written in lowercase.

Most text holds none of these faults, so each detector first asks what
the text must contain for it to report anything, with a question answered
at C speed (issue 15): a capitalised word of its kind (`_Scan.capitalised`),
a lowercase word of its list standing alone (`_Scan.runs`), a quotation
mark after a colon or comma. Only where the answer is yes does it look
closer, with the same patterns and tests as always, at those places only;
what it reports, and in which order, is what a scan of every word reports
(tests/test_speed_casing.py holds each detector to that scan). Where the
answer is no (most texts, most detectors) the detector returns at once, with
no setup: each gives a list, not a generator (on a short text a call's
Python is most of its cost: tests/test_speed_casing_short.py).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache, partial
from typing import NamedTuple

import regex

from ...analysis.fast_regex import FastPattern, positions
from ...analysis.languages import language_names
from ...analysis.lexicon import key
from ...analysis.memo import Memo
from ...analysis.once import once
from ...analysis.space_windows import window_bounds
from ...analysis.wordlist import zipf
from ...core.edits import Proposal


@dataclass(frozen=True)
class CapitalAfterComma:
    words: tuple[str, ...] = ()     # function words reported after a semicolon (never a name's start)
    verbs: tuple[str, ...] = ()     # verbs and adverbs that start a clause, reported after a comma or semicolon
    suffixes: tuple[str, ...] = ()  # endings of verbs and adverbs (-ly on a known stem, -ize)
    min_zipf: float = 3.0           # how common a word with such an ending must be
    min_stem_zipf: float = 4.0      # how common the stem of an -ly word must be (calm-ly, not Sal-ly)


@dataclass(frozen=True)
class LowercaseInName:
    heads: tuple[str, ...] = ()  # institution words (Institute, Ministry ...)
    words: tuple[str, ...] = ()  # words that end the lowercase part of a name (function words, verbs)


@dataclass(frozen=True)
class LowercaseQuoteStart:
    words: tuple[str, ...] = ()  # speech verbs that introduce a quotation
    min_words: int = 4           # fewest words that make a quotation a sentence


@dataclass(frozen=True)
class FixedCase:
    forms: tuple[str, ...] = ()  # terms written one way only (COVID-19); the same letters in lowercase are rewritten


@dataclass(frozen=True)
class LowercaseBeforePlace:
    heads: tuple[str, ...] = ()  # place words (airport, river ...)
    max_zipf: float = 3.0        # a word at least this common in English is no name ("the local airport")
    min_length: int = 4          # shortest word reported


@dataclass(frozen=True)
class LowercaseSplitName:
    min_length: int = 6  # shortest capitalised name looked for in two lowercase words


@dataclass(frozen=True)
class LowercaseName:
    max_zipf: float = 2.5  # only words English lists barely know ("the tsar" beside "Tsar Peter" is fine)
    min_count: int = 2     # how often the document writes the word capitalised mid-sentence
    min_length: int = 4    # shortest word reported


@dataclass(frozen=True)
class LowercaseLanguage:
    min_speakers: int = 1_000_000     # fewest speakers of a language whose lowercase name is reported
    exceptions: tuple[str, ...] = ()  # lowercase words left alone (polish)
    peoples: tuple[str, ...] = ()     # nationalities and peoples English capitalises, beside languages


SETTINGS = {
    "capital-after-comma": CapitalAfterComma,
    "lowercase-in-name": LowercaseInName,
    "lowercase-quote-start": LowercaseQuoteStart,
    "fixed-case": FixedCase,
    "lowercase-before-place": LowercaseBeforePlace,
    "lowercase-split-name": LowercaseSplitName,
    "lowercase-name": LowercaseName,
    "lowercase-language": LowercaseLanguage,
}

_AFTER_MARK = regex.compile(r"(?<=[,;] )(\p{Lu}\p{Ll}+)(?= \p{Ll})")
_IN_NAME = regex.compile(r"\b(?:the |(?:\p{Lu}[\p{Ll}\p{M}]+ )+)(\p{Lu}\p{Ll}+) of ((?:\p{Ll}+(?: |(?=\W|$))){1,4})")
_QUOTE_START = regex.compile(r"(?<=\b(\p{Ll}+)[:,] )[\"“](\p{Ll}+)")
_QUOTED = regex.compile(r"[^\"”\n]*")  # the rest of a quotation's line
_LOWER_PAIR = regex.compile(r"(?<![\p{L}\p{M}-])(\p{Ll}{2,}) (\p{Ll}{2,})(?![\p{L}\p{M}-])")
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}\p{Ll}{4,}(?![\p{L}\p{M}\p{N}])")
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}-])[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*(?![\p{L}\p{M}\p{N}-])")
# a capitalised word after a lowercase word or a comma: a name, not a sentence's first word
_MID_SENTENCE_NAME = regex.compile(r"(?<=[\p{Ll},] )(\p{Lu}\p{Ll}+)(?![\p{L}\p{M}\p{N}])")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}@#/.-])\p{Ll}{4,}(?![\p{L}\p{M}\p{N}@/-]|\.\p{L})")
_LOWER_WORD_SHAPE = regex.compile(r"\p{Ll}{4,}")  # what a word _LOWER_WORD finds is made of
_LOWERCASE = regex.compile(r"\p{Ll}")

# What the pre-checks look for (see _Scan). A capitalised word between non-letters: the words
# _AFTER_MARK, _CAPITALISED and _MID_SENTENCE_NAME find, and _IN_NAME's institution word, are such words.
# (The capital first, then the lookbehind that looks at it and the character before: `re` skips to capitals.)
_CAPITAL = FastPattern(r"\p{Lu}(?<![\p{L}\p{M}\p{N}]\p{Lu})\p{Ll}+(?![\p{L}\p{M}\p{N}])")
# where _QUOTE_START can match: a quotation mark after a colon or comma, before a lowercase letter
# (one pattern per mark: `re` skips to a literal first character fastest)
_QUOTE_MARKS = [FastPattern(q + r"(?<=[:,] " + q + r")(?=\p{Ll})") for q in "\"“"]
# bytes.translate: ASCII letters kept, every other byte a space
_ASCII_LETTER_RUNS = bytes(c if 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A else 0x20 for c in range(256))
_LETTER_MARK_OR_DIGIT = regex.compile(r"[\p{L}\p{M}\p{N}]")
_ASCII_BYTES = bytes(range(0x80))
_LONG_TEXT = 100_000  # characters: a longer text is read in other ways (see _Scan, _words_at)
_CHUNK = 1 << 16  # characters of a long text split at a time (see _lowercase_runs_at)
_LOWERCASE_RUN = FastPattern(r"(\p{Ll}+)")
_LETTERS = regex.compile(r"\p{L}+")


def build(rules, env):
    return [CasingStage(rules, env.lexicon)]


class CasingStage:
    """Every casing rule, each with its own settings, in the order of the rule files."""

    name = "casing"

    def __init__(self, rules, lexicon):
        self.lex = lexicon
        self.rules = [(r, FINDERS[r.data["detector"]]) for r in rules]
        self.prepared = [_Prepared(r, i) for i, r in enumerate(rules)]
        # verdicts made once per word: what a capitalised word may be to the rules, how a name splits in two
        self.capital_roles = Memo(self._capital_roles)
        self.judging = [(rule, prep) for (rule, _), prep in zip(self.rules, self.prepared)
                        if rule.data["detector"] in _CAPITAL_ROLES]  # (only these are asked: see _may_matter)
        self.splits = Memo(_splits)
        self.finders = [(find, rule, prep) for (rule, find), prep in zip(self.rules, self.prepared)]

    def propose(self, text, ctx):
        scan = _Scan(text, self, ctx.view(text) if len(text) > _LONG_TEXT else None)
        found = []
        for find, rule, prep in self.finders:  # each gives a list or a tuple, most often empty ()
            found += find(self, scan, rule, prep)
        return found

    def _capital_roles(self, word: str) -> frozenset:
        """The rules (their numbers) to which the capitalised `word` may matter (see _may_matter)."""
        folded = word.casefold()
        return frozenset(prep.number for rule, prep in self.judging if self._may_matter(word, folded, rule, prep))

    def _may_matter(self, word: str, folded: str, rule, prep: _Prepared) -> bool:
        """As a verb or adverb starting a clause after a comma (capital-after-comma), as an
        institution word (lowercase-in-name), as a name rare in English whose lowercase form is
        a word _LOWER_WORD finds (lowercase-name)."""
        s, detector = rule.settings, rule.data["detector"]
        if detector == "capital-after-comma":
            return (folded in prep.verbs or _verb_or_adverb(word, s)) and key(word) not in self.lex
        if detector == "lowercase-in-name":
            return folded in prep.heads
        # lowercase-name (the only other detector in _CAPITAL_ROLES)
        return len(word) >= s.min_length and zipf(word) < s.max_zipf and bool(_LOWER_WORD_SHAPE.fullmatch(folded))

    # -- a capital after a comma or semicolon ----------------------------------------
    def _after_mark(self, scan, rule, prep):
        text, s = scan.text, rule.settings
        # after a comma a verb of the rule's (a capitalised word); after a semicolon any word
        verbs = scan.roles.get(prep.number)
        if not verbs and "; " not in text:
            return ()  # (most texts)
        starts = {at + 2 for word in verbs or () for at in _occurrences(text, ", " + word)}
        starts.update(at + 2 for at in _occurrences(text, "; "))
        found = []
        line, headline = (0, -1), False  # (start, end) of the line of the last `at` asked about, and whether
        for at in sorted(starts):      # it is a headline (each line's found once: a long line is read once)
            m = _AFTER_MARK.match(text, at)
            if not m:
                continue
            word = m.group(1)
            # a function word after a semicolon only: verse capitalises its lines after commas
            function_word = word.casefold() in prep.words and text[m.start() - 2] == ";"
            verb = word.casefold() in prep.verbs or _verb_or_adverb(word, s)
            if key(word) in self.lex or not (function_word or verb):
                continue
            if at > line[1]:
                line = _line_around(text, at)
                headline = _title_case(text, *line)
            if headline:
                continue  # a headline capitalises every word
            lower = word[0].lower() + word[1:]
            found.append(Proposal(m.start(1), m.end(1), lower, rule.id,
                                  f"{rule.message}: '{word}' → '{lower}'", rule.level))
        return found

    # -- a name with a lowercase word -------------------------------------------------
    def _in_name(self, scan, rule, prep):
        text, heads = scan.text, scan.roles.get(prep.number)
        if not heads:
            return ()
        # the institution word is a capitalised word before " of " and a lowercase letter: only lines with one
        lines = _lines_holding(text, [at for form in heads
                                      for at in _occurrences(text, form + " of ")
                                      if _LOWERCASE.match(text, at + len(form) + 4)])
        found = []
        reported = set()  # "Hunan Provincial Department of health" is found from Hunan and from Provincial
        for line_start, line_end in lines:  # a match never reaches past its line
            for m in _IN_NAME.finditer(text, line_start, line_end, overlapped=True):
                if m.group(1).casefold() not in prep.heads:
                    continue
                lower = []
                for w in m.group(2).split():
                    if w in prep.stops or w.endswith("ed"):  # a function word or a verb ends the name
                        break
                    lower.append(w)
                if not lower:
                    continue
                start = m.start() + (4 if m.group().startswith("the ") else 0)
                end = m.start(2) + len(" ".join(lower))
                if end in reported:
                    continue
                reported.add(end)
                proposed = f"{text[start:m.start(2)]}{' '.join(w.capitalize() for w in lower)}"
                message = f"{rule.message}: '{' '.join(lower)}' in '{text[start:end]}' (→ '{proposed}'?)"
                found.append(Proposal(start, end, None, rule.id, message, rule.level))
        return found

    # -- a quoted sentence in lowercase -------------------------------------------------
    def _quote_start(self, scan, rule, prep):
        text, fewest, found = scan.text, rule.settings.min_words, []
        if '"' not in text and "“" not in text:
            return found  # (most texts)
        for at in sorted(mark.start() for quote in _QUOTE_MARKS for mark in scan.pattern(quote).finditer(text)):
            m = _QUOTE_START.match(text, at)
            if not m or m.group(1) not in prep.verbs:
                continue
            if not _holds_pieces(text, m.start(2), _QUOTED.match(text, m.start(2)).end(), fewest):
                continue  # a fragment ("a disgrace") keeps its lowercase
            word = m.group(2)
            upper = word[0].upper() + word[1:]
            found.append(Proposal(m.start(2), m.end(2), upper, rule.id, f"{rule.message}: '{word}' → '{upper}'",
                                  rule.level))
        return found

    # -- terms written one way only --------------------------------------------------------
    def _fixed_case(self, scan, rule, prep):
        text, fixed, found = scan.text, prep.fixed, []
        if not fixed:
            return found
        if not scan.ascii and prep.folding.passing(scan.non_ascii):
            tokens = _TOKEN.finditer(text)  # a letter casefold() changes into part of a term (ſ, ﬁ): every token
        else:  # a lowercase token is its own casefold(): a term, letter for letter
            terms = scan.present(prep.terms)
            if not terms:
                return found  # (most texts)
            at = {i for term in terms for i in _occurrences(text, term)}
            tokens = filter(None, map(partial(_TOKEN.match, text), sorted(at)))
        for m in tokens:
            token = m.group()
            form = fixed.get(token.casefold())
            if form and token.islower() and token != form:
                found.append(Proposal(m.start(), m.end(), form, rule.id, f"{rule.message}: '{token}' → '{form}'",
                                      rule.level))
        return found

    # -- a name lowercased before a place word -------------------------------------------
    def _before_place(self, scan, rule, prep):
        s, found = rule.settings, []
        if not s.heads:
            return found
        runs = scan.runs  # "the", and a place word's first letters, stand alone
        if prep.first_runs is not None and ("the" not in runs or runs.isdisjoint(prep.first_runs)):
            return found
        for m in prep.pattern.finditer(scan.text):
            word = m.group(1)
            if zipf(word) >= s.max_zipf or len(word) < s.min_length:
                continue
            found.append(Proposal(m.start(1), m.end(1), None, rule.id,
                                  f"{rule.message}: '{word} {m.group(2)}' (→ '{word.capitalize()}'?)", rule.level))
        return found

    # -- a document's name written in lowercase words ---------------------------------------
    def _split_name(self, scan, rule, prep):
        text, shortest = scan.text, rule.settings.min_length
        fewest, runs, at = max(5, shortest), scan.runs, set()  # _CAPITALISED finds five letters or more
        for form in self.splits.passing(scan.capitalised):  # those of five letters or more, lowercase letters
            if len(form) < fewest:
                continue
            name, plain, firsts, seconds = self.splits(form)  # the lowercase words its lowercase joins from
            if plain:  # all a-z: both words are runs of a-z
                if runs.isdisjoint(seconds) or runs.isdisjoint(firsts):  # (a name's endings are seldom words)
                    continue
                has = runs.__contains__
            else:
                has = scan.has
            at.update(i for cut in range(2, len(name) - 1) if has(name[:cut]) and has(name[cut:])
                      for i in _occurrences(text, f"{name[:cut]} {name[cut:]}"))
        if not at:
            return ()
        names = {name.casefold(): name for start, end in window_bounds(text)
                 for name in _CAPITALISED.findall(text, start, end) if len(name) >= shortest}
        found = []
        for m in filter(None, map(partial(_LOWER_PAIR.match, text), sorted(at))):
            name = names.get(m.group(1) + m.group(2))
            if name:
                found.append(Proposal(m.start(), m.end(), None, rule.id,
                                      f"{rule.message}: '{m.group()}' (→ '{name}', as this document writes it?)",
                                      rule.level))
        return found

    # -- a document's name in lowercase ---------------------------------------------------------
    def _lowercase_name(self, scan, rule, prep):
        text, s, forms = scan.text, rule.settings, scan.roles.get(prep.number)
        # a name is a capitalised word rare in English, and its lowercase form must stand in the text
        if not forms or not any(scan.has(form.casefold()) for form in forms):
            return ()
        capitalised = Counter()
        for start, end in window_bounds(text):  # (a long line's list of names never made whole)
            capitalised.update(_MID_SENTENCE_NAME.findall(text, start, end))
        names = {form.casefold(): form for form, n in capitalised.items()
                 if n >= s.min_count and len(form) >= s.min_length and zipf(form) < s.max_zipf}
        found = []
        for m in _words_at(text, names):
            name = names.get(m.group())
            if name:
                found.append(Proposal(m.start(), m.end(), None, rule.id,
                                      f"{rule.message}: '{m.group()}' (→ '{name}', as this document writes it "
                                      f"{capitalised[name]} times?)", rule.level))
        return found

    # -- a language's name in lowercase --------------------------------------------------------
    def _language(self, scan, rule, prep):
        s, listed, found = rule.settings, prep.language_words, []
        if listed is None:  # no minimum of speakers: any word may name a language
            words = _LOWER_WORD.finditer(scan.text)
        else:
            present = scan.present(listed)
            if not present:
                return found  # (most texts)
            words = _words_at(scan.text, present)
        for m in words:
            word = m.group()
            if word in prep.exceptions or not (word in prep.peoples or _widely_spoken(word, s.min_speakers)):
                continue
            upper = word.capitalize()
            found.append(Proposal(m.start(), m.end(), upper, rule.id, f"{rule.message}: '{word}' → '{upper}'",
                                  rule.level))
        return found


# the detectors to which a capitalised word may matter (CasingStage._may_matter)
_CAPITAL_ROLES = ("capital-after-comma", "lowercase-in-name", "lowercase-name")

FINDERS = {  # detector -> the method that finds what it reports
    "capital-after-comma": CasingStage._after_mark,
    "lowercase-in-name": CasingStage._in_name,
    "lowercase-quote-start": CasingStage._quote_start,
    "fixed-case": CasingStage._fixed_case,
    "lowercase-before-place": CasingStage._before_place,
    "lowercase-split-name": CasingStage._split_name,
    "lowercase-name": CasingStage._lowercase_name,
    "lowercase-language": CasingStage._language,
}


class _Prepared:
    """What a rule's settings make once, not per text: the words it compares folded, its patterns,
    the words its first look searches for."""

    def __init__(self, rule, number: int):
        s, detector = rule.settings, rule.data["detector"]
        self.number, self.settings = number, s  # the rule's number in the stage names it in capital_roles
        if detector == "capital-after-comma":
            self.words, self.verbs = _folded(s.words), _folded(s.verbs)
        elif detector == "lowercase-in-name":
            self.heads, self.stops = _folded(s.heads), _folded(s.words)
        elif detector == "lowercase-quote-start":
            self.verbs = _folded(s.words)
        elif detector == "fixed-case":
            self.fixed = {f.casefold(): f for f in s.forms}  # fixed forms by their lowercase
            # a lowercase token equal to one of these terms is reported, and (see _fixed_case) no other
            self.terms = _Words.of([term for term, form in self.fixed.items() if term.islower() and term != form])
            self.folding = Memo(partial(_folds_into_term, tuple(self.fixed)))
        elif detector == "lowercase-before-place":
            self.pattern = _before_place_pattern(s.heads) if s.heads else None
            self.first_runs = _first_runs(tuple(s.heads))
        elif detector == "lowercase-language":
            self.exceptions, self.peoples = _folded(s.exceptions), _folded(s.peoples)

    @cached_property
    def language_words(self) -> _Words | None:
        """The lowercase words lowercase-language may report: its peoples and the English names of
        languages with `min_speakers` at least, but not its exceptions (None: any word may be one).
        Made when first needed: it reads langcodes' tables."""
        names = _language_names(self.settings.min_speakers)
        if names is None:
            return None
        return _Words.of([w for w in (self.peoples | names) - self.exceptions if _LOWER_WORD_SHAPE.fullmatch(w)])


class _Scan:
    """What the first looks ask of one text, each made once at C speed."""

    def __init__(self, text: str, stage: CasingStage, view=None):
        self.text = text
        self.ascii = text.isascii()
        self.form = None  # the form (`re` or `regex`) the first pattern asked chose (see pattern)
        # a long text (given its view) repeats its words: its words are those of its distinct pieces,
        # joined by spaces (whitespace is no letter, mark or digit: no word below crosses it)
        self.words = words = text if view is None else " ".join(view.distinct_pieces)
        utf8 = words.encode("utf-8", "surrogatepass")
        # the characters beyond ASCII (of a long text, those of its pieces: whitespace beyond ASCII is
        # in the BMP, no letter, mark or digit, and its own casefold(), so nothing below misses it);
        # texts with none beyond the BMP may run FastPattern's `re` patterns
        self.non_ascii = non_ascii = (frozenset() if self.ascii else
                                      set(utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")))
        self.bmp = self.ascii or max(non_ascii, default="") <= "\uffff"
        # the runs of ASCII letters between other characters (see has)
        self.runs = runs = set(utf8.translate(_ASCII_LETTER_RUNS).decode("ascii").split())
        # the capitalised words (a capital, then lowercase letters) between non-letters, and maybe a few
        # more: with no letter, mark or digit beyond ASCII in the text, each is a run of ASCII letters
        if non_ascii and any(map(_LETTER_MARK_OR_DIGIT.match, non_ascii)):
            self.capitalised = set(self.pattern(_CAPITAL).findall(words))
        else:
            self.capitalised = set(filter(str.istitle, runs))
        # rule number -> the capitalised words that may matter to it (see CasingStage._capital_roles)
        self.roles = roles = {}
        judged = stage.capital_roles
        for word in judged.passing(self.capitalised):
            for number in judged(word):
                roles.setdefault(number, []).append(word)

    def pattern(self, fast: FastPattern):
        """The pattern to run on this text: the `regex` one if something is beyond the BMP, else
        as FastPattern chooses (its `re` one once enough text has come to pay for compiling it).
        The first pattern asked chooses, the others follow it: one look at a long text serves all."""
        if not self.bmp:
            return fast.full
        if self.form is None:
            self.form = fast(self.text)
        return fast.like(self.form)

    def has(self, word: str) -> bool:
        """False if `word` does not stand in the text between characters that are no letters.

        Each run of ASCII letters of such a word is one of `runs`: a letter beside the run is a
        letter beside the word or a letter of the word beyond ASCII.
        """
        runs = _letter_runs(word)
        if runs == (word,):
            return word in self.runs
        if not all(r in self.runs for r in runs):
            return False
        if self.words is self.text or word.split() != [word]:
            return word in self.text
        # a long text: a word without whitespace stands in one of its distinct pieces
        return word in self.letter_runs if _LETTERS.fullmatch(word) else word in self.words

    @once
    def letter_runs(self) -> set[str]:
        """The runs of letters of a long text: a word of letters between no letters is one of them
        (one pass, where a search per word reads the text again)."""
        return set(_LETTERS.findall(self.words))

    def present(self, words: _Words) -> set[str]:
        """Those of `words` the text has (see has), and maybe a few more."""
        found = self.runs & words.plain
        if words.bare or not self.runs.isdisjoint(words.first_runs):
            found.update(w for w, runs in words.other if all(r in self.runs for r in runs) and w in self.text)
        return found


class _Words(NamedTuple):
    """Lowercase words to look for: those all a-z; the others with their runs of ASCII letters, the first
    of which (if they have any: else `bare`) is a run of a text that has the word (see _Scan.has)."""
    plain: frozenset
    other: tuple
    first_runs: frozenset
    bare: bool

    @classmethod
    def of(cls, words) -> _Words:
        runs = {w: _letter_runs(w) for w in words}
        other = tuple(sorted((w, runs[w]) for w in words if runs[w] != (w,)))
        return cls(frozenset(w for w in words if runs[w] == (w,)), other,
                   frozenset(r[0] for _, r in other if r), any(not r for _, r in other))


def _occurrences(text: str, needle: str):
    """Where `needle` starts in `text`, overlapping occurrences too."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _line_around(text: str, at: int) -> tuple[int, int]:
    """(start, end) of the line holding offset `at`, as split_lines makes it."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def _lines_holding(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the lines holding the offsets, in order, each once (each found once: linear
    in a long line holding many)."""
    lines = [(0, -1)]
    for at in sorted(offsets):
        if at > lines[-1][1]:
            lines.append(_line_around(text, at))
    return lines[1:]


def _holds_pieces(text: str, start: int, end: int, fewest: int) -> bool:
    """Whether text[start:end] holds `fewest` pieces between spaces or more (read a window at a time
    until it is known: a quotation left open on a long line runs to its end)."""
    pieces = 0
    for a, b in window_bounds(text, start, end):
        pieces += len(text[a:b].split())
        if pieces >= fewest:
            return True
    return fewest <= 0


def _words_at(text: str, words) -> list:
    """The matches of _LOWER_WORD that are one of `words`, in order: each found where the word
    stands (_LOWER_WORD matches a whole run of lowercase letters, so a match starting there is it).
    A long text is read once for all the words, not once per word (see _lowercase_runs_at)."""
    if len(text) > _LONG_TEXT:
        matches = ((word, _LOWER_WORD.match(text, i)) for word, i in _lowercase_runs_at(text, set(words)))
        return [m for word, m in matches if m and len(m.group()) == len(word)]
    at = {}
    for word in words:
        for i in _occurrences(text, word):
            m = _LOWER_WORD.match(text, i)
            if m and m.end() == i + len(word):
                at[i] = m
    return [at[i] for i in sorted(at)]


def _lowercase_runs_at(text: str, wanted: set):
    """(run, offset) of the runs of lowercase letters of `text` that are in `wanted`, in order, from one
    split of the text a chunk at a time (cut after a space, which no run crosses: the split of a big
    text never stands whole in memory)."""
    start = 0
    while start < len(text) and wanted:
        cut = text.find(" ", start + _CHUNK) + 1 or len(text)
        part = text[start:cut]
        for run, at in positions(_LOWERCASE_RUN(part).split(part), wanted):
            yield run, start + at
        start = cut


def _splits(form: str) -> tuple:
    """How the lowercase of `form` (of five letters or more, as _CAPITALISED finds them) splits into two
    lowercase words (two letters or more, as _LOWER_PAIR finds them): (that lowercase, whether it is all
    a-z, its first words, its second words); () if it cannot."""
    name = form.casefold()
    if len(form) < 5 or not _LOWER_WORD_SHAPE.fullmatch(name):
        return ()
    cuts = range(2, len(name) - 1)
    return (name, name.isascii() and name.isalpha(), frozenset(name[:i] for i in cuts),
            frozenset(name[i:] for i in cuts))


def _folds_into_term(terms: tuple, char: str) -> bool:
    """Can `char` stand in a lowercase token whose casefold() is a term without being its own casefold?"""
    folded = char.casefold()
    return folded != char and not char.isupper() and not char.istitle() and any(folded in t for t in terms)


@lru_cache(maxsize=4096)
def _letter_runs(word: str) -> tuple[str, ...]:
    return tuple(word.encode("utf-8", "surrogatepass").translate(_ASCII_LETTER_RUNS).decode("ascii").split())


@cache
def _first_runs(heads: tuple) -> frozenset | None:
    """The first run of ASCII letters of each place word (a run of a text the word stands in), or None
    if one starts with another character."""
    if not all(h[:1].isascii() and h[:1].isalpha() for h in heads):
        return None
    return frozenset(_letter_runs(h)[0] for h in heads)


@cache
def _language_names(speakers: int) -> frozenset | None:
    """Every word _widely_spoken(word, speakers) is true of, and a few more: the English names of
    the languages with `speakers` at least (None for no minimum: every language then counts).

    A language whose English name is one word has no script or territory in its name
    (display_name() adds those in brackets), so its name and its speakers are those of its
    language subtag alone: one of the subtags langcodes counts speakers of.
    """
    if speakers <= 0:
        return None
    return language_names(speakers)  # (kept in the cache folder: reading langcodes' tables costs ~0.05 s)


@lru_cache(maxsize=65536)
def _widely_spoken(word: str, speakers: int) -> bool:
    """'russian' -> True: the English name of a language with at least `speakers` speakers."""
    import langcodes  # (imported when first needed: start-up)

    try:
        found = langcodes.find(word)
    except (LookupError, ValueError):
        return False
    return found.display_name().casefold() == word and (found.speaking_population() or 0) >= speakers


def _folded(words) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


def _verb_or_adverb(word: str, s: CapitalAfterComma) -> bool:
    """Calmly, Summarize: an ending of verbs or adverbs on a stem English knows (not Kelly, not Denize)."""
    w = word.casefold()
    for ending in s.suffixes:
        if not w.endswith(ending):
            continue
        stem = w[:-len(ending)]
        if len(stem) < 3 or zipf(w) < s.min_zipf:
            continue
        # -ize makes verbs of stems that are no words; -ly needs a common one (calm-ly, not Sal-ly)
        if ending.startswith("iz") or zipf(stem) >= s.min_stem_zipf:
            return True
    return False


def _title_case(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether the line text[start:end] is a headline, most of its words (three or more) capitalised."""
    words = capitals = 0
    for window in window_bounds(text, start, end):  # (a long line's words never listed whole)
        found = _LETTERS.findall(text, *window)
        words += len(found)
        capitals += sum(w[0].isupper() for w in found)
    return words >= 3 and capitals * 2 > words


def _before_place_pattern(heads: tuple) -> regex.Pattern:
    return regex.compile(r"\bthe (\p{Ll}+) (" + "|".join(regex.escape(h) for h in heads) + r")\b")
