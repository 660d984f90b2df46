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
from functools import lru_cache

import langcodes
import regex

from ...analysis.lexicon import key
from ...analysis.wordlist import zipf
from ...core.edits import Proposal

_AFTER_MARK = regex.compile(r"(?<=[,;] )(\p{Lu}\p{Ll}+)(?= \p{Ll})")
_IN_NAME = regex.compile(r"\b(?:the |(?:\p{Lu}[\p{Ll}\p{M}]+ )+)(\p{Lu}\p{Ll}+) of ((?:\p{Ll}+(?: |(?=\W|$))){1,4})")
_QUOTE_START = regex.compile(r"(?<=\b(\p{Ll}+)[:,] )[\"“](\p{Ll}+)")
_LOWER_PAIR = regex.compile(r"(?<![\p{L}\p{M}-])(\p{Ll}{2,}) (\p{Ll}{2,})(?![\p{L}\p{M}-])")
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}\p{Ll}{4,}(?![\p{L}\p{M}\p{N}])")
_TOKEN = regex.compile(r"(?<![\p{L}\p{M}\p{N}-])[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*(?![\p{L}\p{M}\p{N}-])")
_LINE = regex.compile(r"[^\n]+")
# a capitalised word after a lowercase word or a comma: a name, not a sentence's first word
_MID_SENTENCE_NAME = regex.compile(r"(?<=[\p{Ll},] )(\p{Lu}\p{Ll}+)(?![\p{L}\p{M}\p{N}])")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}@#/.-])\p{Ll}{4,}(?![\p{L}\p{M}\p{N}@/-]|\.\p{L})")


def build(rules, env):
    return [CasingStage(rules, env.lexicon)]


class CasingStage:
    name = "casing"

    def __init__(self, rules, lexicon):
        self.lex = lexicon
        self.rules = {}
        for r in rules:
            self.rules.setdefault(r.data["detector"], r)
        fixed = self.rules.get("fixed-case")
        self.fixed = {f.casefold(): f for f in fixed.data.get("forms", [])} if fixed else {}

    def propose(self, text, ctx):
        for detector, find in (("capital-after-comma", self._after_mark), ("lowercase-in-name", self._in_name),
                               ("lowercase-quote-start", self._quote_start), ("fixed-case", self._fixed_case),
                               ("lowercase-before-place", self._before_place),
                               ("lowercase-split-name", self._split_name),
                               ("lowercase-name", self._lowercase_name),
                               ("lowercase-language", self._language)):
            rule = self.rules.get(detector)
            if rule is not None:
                yield from find(text, rule)

    # -- a capital after a comma or semicolon ----------------------------------------
    def _after_mark(self, text, rule):
        d = rule.data
        words = _folded(d.get("words", []))  # after a semicolon only: verse capitalises its lines after commas
        verbs = _folded(d.get("verbs", []))
        for line in _LINE.finditer(text):
            if _title_case(line.group()):
                continue  # a headline capitalises every word
            for m in _AFTER_MARK.finditer(text, line.start(), line.end()):
                word = m.group(1)
                function_word = word.casefold() in words and text[m.start() - 2] == ";"
                verb = word.casefold() in verbs or _verb_or_adverb(word, d)
                if key(word) in self.lex or not (function_word or verb):
                    continue
                lower = word[0].lower() + word[1:]
                yield Proposal(m.start(1), m.end(1), lower, rule.id,
                               f"{rule.message}: '{word}' → '{lower}'", rule.level)

    # -- a name with a lowercase word -------------------------------------------------
    def _in_name(self, text, rule):
        d = rule.data
        heads, stops = _folded(d.get("heads", [])), _folded(d.get("words", []))
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
    def _quote_start(self, text, rule):
        d = rule.data
        verbs, fewest = _folded(d.get("words", [])), d.get("min_words", 4)
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
    def _fixed_case(self, text, rule):
        if not self.fixed:
            return
        for m in _TOKEN.finditer(text):
            token = m.group()
            form = self.fixed.get(token.casefold())
            if form and token.islower() and token != form:
                yield Proposal(m.start(), m.end(), form, rule.id, f"{rule.message}: '{token}' → '{form}'",
                               rule.level)

    # -- a name lowercased before a place word -------------------------------------------
    def _before_place(self, text, rule):
        d = rule.data
        heads, rare = d.get("heads", []), d.get("max_zipf", 3.0)
        if not heads:
            return
        pattern = _before_place_pattern(tuple(heads))
        for m in pattern.finditer(text):
            word = m.group(1)
            if zipf(word) >= rare or len(word) < d.get("min_length", 4):
                continue
            yield Proposal(m.start(1), m.end(1), None, rule.id,
                           f"{rule.message}: '{word} {m.group(2)}' (→ '{word.capitalize()}'?)", rule.level)

    # -- a document's name written in lowercase words ---------------------------------------
    def _split_name(self, text, rule):
        shortest = rule.data.get("min_length", 6)
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
    def _lowercase_name(self, text, rule):
        d = rule.data
        rare, fewest, shortest = d.get("max_zipf", 2.5), d.get("min_count", 2), d.get("min_length", 4)
        capitalised = Counter(m.group(1) for m in _MID_SENTENCE_NAME.finditer(text))
        names = {form.casefold(): form for form, n in capitalised.items()
                 if n >= fewest and len(form) >= shortest and zipf(form) < rare}
        if not names:
            return
        for m in _LOWER_WORD.finditer(text):
            name = names.get(m.group())
            if name:
                yield Proposal(m.start(), m.end(), None, rule.id,
                               f"{rule.message}: '{m.group()}' (→ '{name}', as this document writes it "
                               f"{capitalised[name]} times?)", rule.level)

    # -- a language's name in lowercase --------------------------------------------------------
    def _language(self, text, rule):
        d = rule.data
        exceptions, speakers = _folded(d.get("exceptions", [])), d.get("min_speakers", 1_000_000)
        peoples = _folded(d.get("peoples", []))
        for m in _LOWER_WORD.finditer(text):
            word = m.group()
            if word in exceptions or not (word in peoples or _widely_spoken(word, speakers)):
                continue
            upper = word.capitalize()
            yield Proposal(m.start(), m.end(), upper, rule.id, f"{rule.message}: '{word}' → '{upper}'", rule.level)


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


def _verb_or_adverb(word: str, d) -> bool:
    """Calmly, Summarize: an ending of verbs or adverbs on a stem English knows (not Kelly, not Denize)."""
    w, common = word.casefold(), d.get("min_zipf", 3.0)
    for ending in d.get("suffixes", []):
        stem = w[:-len(ending)]
        if not w.endswith(ending) or len(stem) < 3 or zipf(w) < common:
            continue
        # -ize makes verbs of stems that are no words; -ly needs a common one (calm-ly, not Sal-ly)
        if ending.startswith("iz") or zipf(stem) >= d.get("min_stem_zipf", 4.0):
            return True
    return False


def _title_case(line: str) -> bool:
    words = regex.findall(r"\p{L}+", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 2 > len(words)


_PATTERNS: dict = {}


def _before_place_pattern(heads: tuple) -> regex.Pattern:
    if heads not in _PATTERNS:
        _PATTERNS[heads] = regex.compile(
            r"\bthe (\p{Ll}+) (" + "|".join(regex.escape(h) for h in heads) + r")\b")
    return _PATTERNS[heads]
