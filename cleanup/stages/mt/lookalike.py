"""Look-alike letters: Cyrillic or Greek letters hiding inside a Latin word.

"Mоscow" with a Cyrillic о reads as Moscow but no search, spell check or
name rule finds it. Which letters look alike is Unicode's own confusables
data (confusables.txt, shipped by the confusable-homoglyphs package); only
an ASCII letter of the same case is a fix. A word with no Latin letter is
another language, not a disguise (the script detector reports it), and a
word with a foreign letter that has no ASCII twin is left alone too. A
token with a figure in it is a model, a unit or a code ("Т-90", "А4",
"5 кm"): there even letters all of another script are a disguise.

A second detector reads the other way round: an acronym written in
Cyrillic look-alikes and then transliterated letter by letter (ВВС, the
BBC, becomes "VVS"). Transliterating back to the Latin letters those
Cyrillic ones look like gives a known acronym (the rule's list).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

import regex

from ...analysis.scan import rare_chars
from ...analysis.unusual_chars import unusual_chars
from ...core.edits import Level, Proposal


@dataclass(frozen=True)
class LookalikeLettersSettings:
    exceptions: tuple[str, ...] = ()  # words (any case) whose look-alike letters are left alone


@dataclass(frozen=True)
class TransliteratedAcronymSettings:
    acronyms: tuple[str, ...] = ()  # Latin acronyms (BBC ...) a source may write in Cyrillic look-alikes


SETTINGS = {"lookalike-letters": LookalikeLettersSettings, "transliterated-acronym": TransliteratedAcronymSettings}

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*")
# Cyrillic capitals drawn like a Latin letter, as transliteration spells them: В (B) is written V
_TRANSLITERATED = {"V": "B", "N": "H", "R": "P", "S": "C", "U": "Y", "A": "A", "E": "E", "K": "K", "M": "M",
                   "O": "O", "T": "T"}
# (stdlib re: a leading class of capitals is scanned at C speed)
_ACRONYM = re.compile(rf"[{''.join(_TRANSLITERATED)}]{{2,6}}(?!\w)")  # (what comes before: looked at in Python)
_LATIN_OF = {b: a for a, b in _TRANSLITERATED.items()}  # (one letter per letter: a reading has one spelling)
_LATIN = regex.compile(r"\p{Latin}")
_SPACE = regex.compile(r"\s")
_SPACE_BEFORE = regex.compile(r"(?r)\s")  # searches backwards from its end position


def _foreign_letter(ch: str) -> bool:
    return ch.isalpha() and not _LATIN.match(ch)


@cache
def _maybe_foreign():
    return rare_chars(_foreign_letter)  # (built when first needed: it sorts the usual blocks' characters)


def _homoglyphs(ch: str) -> set[str]:
    # (imported here: loading the confusables data costs start-up, and only non-Latin letters need it)
    from confusable_homoglyphs.confusables import is_confusable

    found = is_confusable(ch, greedy=True) or []
    return {h["c"] for f in found for h in f["homoglyphs"]}


@cache
def latin_twin(ch: str) -> str | None:
    """The ASCII letter `ch` is drawn like, in the same case; None when there is none (or several)."""
    group = _homoglyphs(ch)
    # confusables.txt maps each character to one prototype (Greek Ι -> l); one more
    # step reaches the prototype's other look-alikes (l -> I), where the same case is
    group |= {g for member in list(group) for g in _homoglyphs(member)}
    twins = {c for c in group if c.isascii() and c.isalpha() and c.isupper() == ch.isupper()}
    return twins.pop() if len(twins) == 1 else None


def describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}"


def build(rules, env):
    return [LookalikeStage(rules)]


class LookalikeStage:
    """Every lookalike rule; a disguised word is reported by the first letters rule not excepting it."""

    name = "lookalike"

    def __init__(self, rules):
        self.letter_rules = [(r, {w.casefold() for w in r.settings.exceptions}) for r in rules
                             if r.data["detector"] == "lookalike-letters"]
        self.acronyms = [(r, set(r.settings.acronyms), _any_of(_spellings(r.settings.acronyms))) for r in rules
                         if r.data["detector"] == "transliterated-acronym"]
        self.pairs = [_pairs_in(_spellings(r.settings.acronyms)) for r, _, _ in self.acronyms]

    def propose(self, text, ctx):
        found = []
        for (rule, known, spelled), pairs in zip(self.acronyms, self.pairs):
            if any(pair.search(text) for pair in pairs) and spelled.search(text):  # (else no token reads back)
                found += _transliterated_acronyms(text, rule, known)
        if not self.letter_rules or text.isascii():  # (str.isascii: at once, without the text's view)
            return found
        unusual = unusual_chars(ctx.view(text))
        if not _maybe_foreign().search(text if unusual is None else unusual):
            return found  # no foreign letter (the characters beyond plain ASCII tell): nothing can be disguised
        for m in _words_with_rare_chars(text):
            word = m.group()
            if word.isascii():
                continue
            rule = self._rule_for(word)
            fixed = self._unmask(word) if rule else None
            if fixed:
                swapped = sorted({ch for ch, twin in zip(word, fixed) if ch != twin})
                what = ", ".join(f"{describe(ch)} → {latin_twin(ch)}" for ch in swapped)
                found.append(Proposal(m.start(), m.end(), fixed, rule.id,
                                      f"{word} → {fixed}: {rule.message} ({what})", rule.level))
        return found

    def _rule_for(self, word: str):
        """The first letters rule that does not list `word` among its exceptions, if any."""
        folded = word.casefold()
        for rule, exceptions in self.letter_rules:
            if folded not in exceptions:
                return rule
        return None

    @staticmethod
    def _unmask(word: str) -> str | None:
        foreign = [ch for ch in word if _foreign_letter(ch)]
        if not foreign:
            return None  # all Latin
        if len(foreign) == sum(ch.isalpha() for ch in word) and not any(ch.isdigit() for ch in word):
            return None  # a word wholly in another script: no disguise (with a figure, a model or a unit)
        if any(latin_twin(ch) is None for ch in foreign):
            return None
        return "".join(latin_twin(ch) if ch in foreign else ch for ch in word)


def _words_with_rare_chars(text: str):
    """_WORD's matches in the pieces between spaces that hold a possibly foreign letter, in order.

    Only a word with a foreign letter can be disguised, and no word crosses a space: the rest
    of the text is skipped at C speed, not read word by word.
    """
    rare, pos, pieces = _maybe_foreign(), 0, 0
    while pos < len(text) and (found := rare.search(text, pos)):  # (an empty match at the end would loop)
        space_before = _SPACE_BEFORE.search(text, pos, found.start())
        start = space_before.end() if space_before else pos  # (pos is 0 or just after a space)
        space_after = _SPACE.search(text, found.end())
        end = space_after.start() if space_after else len(text)
        yield from _WORD.finditer(text, start, end)
        pos, pieces = end + 1, pieces + 1
        if pieces > DENSE_PIECES and pieces * 40 > pos and pos < len(text):
            # such pieces everywhere (another script, emoji): the look for each costs more than
            # reading the rest word by word
            yield from _WORD.finditer(text, pos)
            return


DENSE_PIECES = 64  # pieces read one by one before their density is judged


def _spellings(acronyms) -> tuple[str, ...]:
    """The tokens _transliterated_acronyms reports: each acronym spelt in the letters that read
    back as its own, where two letters or more differ (BBC: VVS), and that is no acronym itself."""
    out = {"".join(map(_LATIN_OF.get, a)) for a in acronyms if all(ch in _LATIN_OF for ch in a)}
    return tuple(sorted(t for t in out if t not in acronyms and sum(
        a != _TRANSLITERATED[a] for a in t) >= 2))


def _any_of(spellings) -> re.Pattern | None:
    """Where one of the spellings stands (one scan of a text, not one per spelling); None for none."""
    return re.compile("|".join(map(re.escape, spellings))) if spellings else None


def _pairs_in(spellings) -> tuple[re.Pattern, ...]:
    """Two letters of each spelling (the pairs chosen greedily, shared where they can be): a text without
    any of them holds no spelling, and `re` finds a literal several times faster than one of the
    spellings' alternation."""
    pairs, left = [], set(spellings)
    while left:
        counts = Counter(pair for spelling in left for pair in {spelling[i:i + 2] for i in range(len(spelling) - 1)})
        pair = min(counts, key=lambda p: (-counts[p], p))
        pairs.append(re.compile(re.escape(pair)))
        left = {spelling for spelling in left if pair not in spelling}
    return tuple(pairs)


def _transliterated_acronyms(text, rule, known):
    """'VVS' where the source's ВВС meant the BBC: read back as look-alikes, a known acronym."""
    for m in _ACRONYM.finditer(text):
        token = m.group()
        if token in known or (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".-")):
            continue
        read = "".join(_TRANSLITERATED[ch] for ch in token)
        if read in known and sum(a != b for a, b in zip(token, read)) >= 2:
            yield Proposal(m.start(), m.end(), None, rule.id,
                           f"{rule.message}: '{token}' is probably {read}, its Cyrillic look-alike letters "
                           "transliterated one by one", Level.FLAG)
