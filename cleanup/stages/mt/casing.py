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
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import langcodes
import regex

from ...analysis.lexicon import key
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
_LOWER_PAIR = regex.compile(r"(?<![\p{L}\p{M}-])(\p{Ll}{2,}) (\p{Ll}{2,})(?![\p{L}\p{M}-])")
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}\p{Ll}{4,}(?![\p{L}\p{M}\p{N}])")
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}-])[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*(?![\p{L}\p{M}\p{N}-])")
# a capitalised word after a lowercase word or a comma: a name, not a sentence's first word
_MID_SENTENCE_NAME = regex.compile(r"(?<=[\p{Ll},] )(\p{Lu}\p{Ll}+)(?![\p{L}\p{M}\p{N}])")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}@#/.-])\p{Ll}{4,}(?![\p{L}\p{M}\p{N}@/-]|\.\p{L})")


def build(rules, env):
    return [CasingStage(rules, env.lexicon)]


class CasingStage:
    """Every casing rule, each with its own settings, in the order of the rule files."""

    name = "casing"

    def __init__(self, rules, lexicon):
        self.lex = lexicon
        self.rules = [(r, FINDERS[r.data["detector"]]) for r in rules]
        # what a rule's settings make once, not per text: fixed forms by their lowercase, place-word patterns
        self.fixed = {r.settings.forms: {f.casefold(): f for f in r.settings.forms}
                      for r in rules if r.data["detector"] == "fixed-case"}
        self.before_place = {r.settings.heads: _before_place_pattern(r.settings.heads)
                             for r in rules if r.data["detector"] == "lowercase-before-place" and r.settings.heads}

    def propose(self, text, ctx):
        view = ctx.view(text)
        for rule, find in self.rules:
            yield from find(self, view, rule)

    # -- a capital after a comma or semicolon ----------------------------------------
    def _after_mark(self, view, rule):
        text, s = view.text, rule.settings
        words = _folded(s.words)  # after a semicolon only: verse capitalises its lines after commas
        verbs = _folded(s.verbs)
        for line in view.lines:
            if _title_case(line.text):
                continue  # a headline capitalises every word
            for m in _AFTER_MARK.finditer(text, line.start, line.end):
                word = m.group(1)
                function_word = word.casefold() in words and text[m.start() - 2] == ";"
                verb = word.casefold() in verbs or _verb_or_adverb(word, s)
                if key(word) in self.lex or not (function_word or verb):
                    continue
                lower = word[0].lower() + word[1:]
                yield Proposal(m.start(1), m.end(1), lower, rule.id,
                               f"{rule.message}: '{word}' → '{lower}'", rule.level)

    # -- a name with a lowercase word -------------------------------------------------
    def _in_name(self, view, rule):
        text = view.text
        heads, stops = _folded(rule.settings.heads), _folded(rule.settings.words)
        reported = set()  # "Hunan Provincial Department of health" is found from Hunan and from Provincial
        for m in _IN_NAME.finditer(text, overlapped=True):
            if m.group(1).casefold() not in heads:
                continue
            lower = []
            for w in m.group(2).split():
                if w in stops or w.endswith("ed"):  # a function word or a verb ends the name
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
            yield Proposal(start, end, None, rule.id,
                           f"{rule.message}: '{' '.join(lower)}' in '{text[start:end]}' (→ '{proposed}'?)",
                           rule.level)

    # -- a quoted sentence in lowercase -------------------------------------------------
    def _quote_start(self, view, rule):
        text = view.text
        verbs, fewest = _folded(rule.settings.words), rule.settings.min_words
        for m in _QUOTE_START.finditer(text):
            if m.group(1) not in verbs:
                continue
            quoted = regex.match(r"[^\"”\n]*", text[m.start(2):]).group()
            if len(quoted.split()) < fewest:
                continue  # a fragment ("a disgrace") keeps its lowercase
            word = m.group(2)
            upper = word[0].upper() + word[1:]
            yield Proposal(m.start(2), m.end(2), upper, rule.id, f"{rule.message}: '{word}' → '{upper}'",
                           rule.level)

    # -- terms written one way only --------------------------------------------------------
    def _fixed_case(self, view, rule):
        fixed = self.fixed[rule.settings.forms]
        if not fixed:
            return
        for m in _TOKEN.finditer(view.text):
            token = m.group()
            form = fixed.get(token.casefold())
            if form and token.islower() and token != form:
                yield Proposal(m.start(), m.end(), form, rule.id, f"{rule.message}: '{token}' → '{form}'",
                               rule.level)

    # -- a name lowercased before a place word -------------------------------------------
    def _before_place(self, view, rule):
        s = rule.settings
        if not s.heads:
            return
        for m in self.before_place[s.heads].finditer(view.text):
            word = m.group(1)
            if zipf(word) >= s.max_zipf or len(word) < s.min_length:
                continue
            yield Proposal(m.start(1), m.end(1), None, rule.id,
                           f"{rule.message}: '{word} {m.group(2)}' (→ '{word.capitalize()}'?)", rule.level)

    # -- a document's name written in lowercase words ---------------------------------------
    def _split_name(self, view, rule):
        text, shortest = view.text, rule.settings.min_length
        names = {m.group().casefold(): m.group() for m in _CAPITALISED.finditer(text) if len(m.group()) >= shortest}
        if not names:
            return
        for m in _LOWER_PAIR.finditer(text, overlapped=True):
            name = names.get(m.group(1) + m.group(2))
            if name:
                yield Proposal(m.start(), m.end(), None, rule.id,
                               f"{rule.message}: '{m.group()}' (→ '{name}', as this document writes it?)",
                               rule.level)

    # -- a document's name in lowercase ---------------------------------------------------------
    def _lowercase_name(self, view, rule):
        text, s = view.text, rule.settings
        capitalised = Counter(m.group(1) for m in _MID_SENTENCE_NAME.finditer(text))
        names = {form.casefold(): form for form, n in capitalised.items()
                 if n >= s.min_count and len(form) >= s.min_length and zipf(form) < s.max_zipf}
        if not names:
            return
        for m in _LOWER_WORD.finditer(text):
            name = names.get(m.group())
            if name:
                yield Proposal(m.start(), m.end(), None, rule.id,
                               f"{rule.message}: '{m.group()}' (→ '{name}', as this document writes it "
                               f"{capitalised[name]} times?)", rule.level)

    # -- a language's name in lowercase --------------------------------------------------------
    def _language(self, view, rule):
        s = rule.settings
        exceptions, peoples = _folded(s.exceptions), _folded(s.peoples)
        for m in _LOWER_WORD.finditer(view.text):
            word = m.group()
            if word in exceptions or not (word in peoples or _widely_spoken(word, s.min_speakers)):
                continue
            upper = word.capitalize()
            yield Proposal(m.start(), m.end(), upper, rule.id, f"{rule.message}: '{word}' → '{upper}'", rule.level)


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


@lru_cache(maxsize=65536)
def _widely_spoken(word: str, speakers: int) -> bool:
    """'russian' -> True: the English name of a language with at least `speakers` speakers."""
    try:
        found = langcodes.find(word)
    except (LookupError, ValueError):
        return False
    return found.display_name().casefold() == word and (found.speaking_population() or 0) >= speakers


def _folded(words) -> set[str]:
    return {w.casefold() for w in words}


def _verb_or_adverb(word: str, s: CapitalAfterComma) -> bool:
    """Calmly, Summarize: an ending of verbs or adverbs on a stem English knows (not Kelly, not Denize)."""
    w = word.casefold()
    for ending in s.suffixes:
        stem = w[:-len(ending)]
        if not w.endswith(ending) or len(stem) < 3 or zipf(w) < s.min_zipf:
            continue
        # -ize makes verbs of stems that are no words; -ly needs a common one (calm-ly, not Sal-ly)
        if ending.startswith("iz") or zipf(stem) >= s.min_stem_zipf:
            return True
    return False


def _title_case(line: str) -> bool:
    words = regex.findall(r"\p{L}+", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 2 > len(words)


def _before_place_pattern(heads: tuple) -> regex.Pattern:
    return regex.compile(r"\bthe (\p{Ll}+) (" + "|".join(regex.escape(h) for h in heads) + r")\b")
