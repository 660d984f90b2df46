"""The names lexicon: every form of every known person, compiled into one dict.

A form is looked up by its key: its letters, lowercased, with spaces,
hyphens and apostrophes removed. So one entry "Xi Jinping" also knows
"Xi Jin Ping", "Xi Jin-ping", "XiJinping" and "Xijinping" without anyone
writing them down; whether a span is the canonical spelling or a garbled
one is then decided by comparing the exact text. The lexicon is one hash
lookup per candidate, whatever its size.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .wordlist import zipf

AMBIGUOUS_ZIPF = 2.0  # a variant at least this common as an English word needs context


_SEPARATORS = regex.compile(r"[\s\-'’.]+")
_WORD_GAPS = regex.compile(r"[\s\-]+")


def key(form: str) -> str:
    return _SEPARATORS.sub("", form).casefold()


@dataclass(frozen=True, eq=False)  # one object per person: identity is equality
class Person:
    rule: object               # the Rule it came from (id, message, level)
    name: str                  # canonical full name
    short: tuple[str, ...]
    given: tuple[str, ...]     # words of the name other than the short form(s)
    exact: frozenset           # spellings that are right as they stand

    def target(self, variant: str) -> str:
        """What a garbled form becomes: a one-word garble the short form, a longer one the full name."""
        if len(variant.split()) > 1 or not self.short:
            return self.name
        return self.short[0]


@dataclass(frozen=True)
class Hit:
    person: Person
    role: str                  # "name", "short", "alternative", "variant"
    form: str                  # the form as the rule file writes it
    needs_context: bool = False


@dataclass
class Lexicon:
    forms: dict = field(default_factory=dict)   # key -> list[Hit]
    titles: tuple[str, ...] = ()
    max_words: int = 1

    @classmethod
    def from_rules(cls, rules, titles=()) -> "Lexicon":
        lex = cls(titles=tuple(sorted({t.lower() for t in titles}, key=len, reverse=True)))
        for rule in rules:
            d = rule.data
            name, short = d["name"], tuple(d["short"])
            short_words = {w for s in short for w in s.split()}
            given = tuple(w for w in name.split() if w not in short_words)
            exact = frozenset([name, *short, *d.get("alternatives", [])])
            person = Person(rule, name, short, given, exact)
            lex._add(name, Hit(person, "name", name))
            for s in short:
                lex._add(s, Hit(person, "short", s))
            for a in d.get("alternatives", []):
                lex._add(a, Hit(person, "alternative", a))
            context = set(d.get("needs_context", []))
            for v in d["variants"]:
                ambiguous = v in context or zipf(v) >= AMBIGUOUS_ZIPF
                lex._add(v, Hit(person, "variant", v, ambiguous))
        return lex

    def _add(self, form: str, hit: Hit) -> None:
        hits = self.forms.setdefault(key(form), [])
        if all(h.person is not hit.person or h.role != hit.role for h in hits):
            hits.append(hit)
        self.max_words = max(self.max_words, len(_WORD_GAPS.findall(form)) + 1)

    def lookup(self, form_key: str) -> list[Hit]:
        return self.forms.get(form_key, [])

    def __contains__(self, form_key: str) -> bool:
        return form_key in self.forms
