"""Garbled names: known people's names as machine translation mangles them.

Runs of capitalised words are looked up in the lexicon by key (letters
only, lowercased), longest first, so spacing, hyphenation and gluing
variants of a name are caught from the one spelling in the rule file. A
token no word list knows may be a name glued to a common word
("Poutinsaid", "saidPutin"); it is split when one part is a known name.

A variant that is also an ordinary word ("Poutine", the dish) is fixed only
with evidence that the person is meant: their first name just before it, a
title (President, Mr, spokesman ...), or their name spelled right elsewhere
in the document. Without evidence it is left alone (see docs/names.md for
why not even a suggestion), and never when it is clearly part of another
name ("Miley Cyrus") or follows an article ("Lady and the Tramp"). Every
message says which evidence was used.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate, chain, islice
from typing import NamedTuple

import regex

from ..analysis.fast_regex import FastPattern, positions
from ..analysis.lexicon import Hit, Lexicon, key
from ..analysis.memo import Memo
from ..analysis.name_windows import name_windows
from ..analysis.wordlist import known, zipf
from ..core.edits import Proposal
from . import names_again

# A run's words are joined by exactly one space or hyphen (never two in a row); it
# starts with a capital not after a letter (matched first, so `re` skips to capitals).
_RUN = FastPattern(r"(\p{Lu}(?<![\p{L}\p{M}]\p{Lu})[\p{L}\p{M}]*(?:(?:[ ]\p{Lu}|-\p{L})[\p{L}\p{M}]*)*)")
_GLUED_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(\p{Ll}{2,})(\p{Lu}[\p{L}\p{M}]+)(?![\p{L}\p{M}])")
# _GLUED_BEFORE matches whole letter runs with a lowercase-to-capital step inside:
# find the rare steps first (at their capital, as above), then try the runs they sit in
_CASE_STEP = FastPattern(r"\p{Lu}(?<=\p{Ll}\p{Lu})")
_LETTERS_BEFORE = regex.compile(r"(?r)[\p{L}\p{M}]*")
_PREV_WORD = regex.compile(r"([\p{L}\p{M}]+)\.?[ \t]+$")
_NEXT_WORD = regex.compile(r"[ \t]+([\p{L}\p{M}]+)")
COMMON_ZIPF = 3.0  # a word glued to a name must be at least this common
READ_AGAIN_FROM = 1 << 16  # characters: a later call on a text this long reads only what changed
_RUNS_FIRST = 1 << 11  # characters: a text up to this long has its runs listed first, alone (few name
# anyone to decide; in a longer one more often, and listing them with their places once costs less)


@dataclass(frozen=True)
class Settings:
    """One person. The lexicon (analysis/lexicon.py) reads these fields when the pipeline is built."""

    name: str                           # the canonical full name
    short: tuple[str, ...]              # how the person is named alone (usually the surname)
    variants: tuple[str, ...]           # garbled forms of the short form or the full name
    needs_context: tuple[str, ...] = ()  # variants that are also ordinary words: fixed only with evidence
    alternatives: tuple[str, ...] = ()   # legitimate spellings, never changed


SETTINGS = Settings


class Found(NamedTuple):
    start: int
    end: int
    text: str
    hits: list
    glued: str = ""        # the common word glued to the name, if any
    glued_after: bool = True


def build(rules, env):
    return [NamesStage(env.lexicon)]


class NamesStage:
    name = "names"

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        self.window = min(2 * lexicon.max_words + 1, 8)
        self._runs = Memo(self._in_run)  # a run of capitalised words -> what it holds (see _in_run)
        self._naming = Memo(self._names_someone).passing

    def propose(self, text, ctx):
        # A text repeats its runs, and most name no one: look at each distinct
        # run once, and at positions only for runs with a name to decide. A long
        # line is read a window at a time (no run crosses a cut): its list of
        # runs would cost several times the text. A later call on a long text
        # reads only what is not a copy of the last call's (names_again).
        kept = ctx.kept(self)
        last = kept.pop("found", None) if kept else None  # (kept only by a call that ended, on a long text)
        runs = _RUN(text)
        steps = _CASE_STEP.like(runs)
        if len(text) < READ_AGAIN_FROM:  # (keeping where a short text's runs stand costs more than reading it)
            seen = set()  # people spelled right (evidence anywhere in the text)
            # (one window, the text: no run crosses a window's cut, so the windows find what it finds)
            found = self._scan(text, runs, seen)
            if steps.search(text):  # (a name glued after a word: most texts have no step from lowercase up)
                found += self._glued_before(text, steps, 0, len(text))
            return [p for p in (self._decide(text, f, seen) for f in found) if p] if found else []
        now = self._read(text, ctx.copied(self) if last is not None else None, last, runs, steps)
        if now.lost_track():
            now = self._read(text, None, None, runs, steps)
        (seen, found), glued = self._found(now), now.glued
        out = [p for p in (self._decide(text, f, seen) for f in chain(found, glued)) if p]
        kept["found"] = now
        return out

    # -- finding candidates --------------------------------------------------

    def _scan(self, text, runs, seen) -> list[Found]:
        """The names to decide in a short text; adds the people it spells right to `seen`."""
        # (where the runs are: of a text up to _RUNS_FIRST, only when one has a name to decide)
        pieces = runs.split(text) if len(text) > _RUNS_FIRST else None
        deciding = set()
        for run in self._naming(set(runs.findall(text) if pieces is None else pieces[1::2])):
            to_decide, right = self._runs(run)
            seen |= right
            if to_decide:
                deciding.add(run)
        if not deciding:
            return []
        if pieces is None:
            pieces = runs.split(text)
        return [Found(at + start, at + end, run[start:end], hits, *glued)
                for run, at in positions(pieces, deciding) for start, end, hits, glued in self._runs(run)[0]]

    def _read(self, text, copied, last, runs, steps) -> names_again.Found:
        """The runs naming someone in a long text, and its glued names: read where the text is not a
        copy of the last call's (`copied`, None: all of it), taken from `last` where it is."""
        now = names_again.Found(len(text), last)
        for start, end, by in names_again.areas(text, copied) if copied is not None else [(0, len(text), None)]:
            if by is None:
                area = text if end - start == len(text) else text[start:end]
                for offset, window in name_windows(area):
                    self._naming_runs(window, start + offset, runs, now)
                now.glued += self._glued_before(text, steps, start, end)
            else:
                now.take(last, start, end, by)
        return now

    def _naming_runs(self, window, offset, runs, now) -> None:
        """Adds to `now` the runs naming someone in a window of the text at `offset`, in order."""
        pieces = runs.split(window)  # (a window's list: gone when the next one is made)
        tokens = pieces[1::2]
        naming = self._naming(set(tokens))
        if naming:  # (where each run starts: the lengths of the pieces before it summed, at C speed)
            deciding = {run for run in naming if self._runs(run)[0]}
            offsets = islice(accumulate(map(len, pieces), initial=offset), 1, None, 2)
            now.add_runs(offsets, tokens, deciding, naming - deciding)

    def _found(self, now) -> tuple[set, list[Found]]:
        """The people the runs spell right, and the names to decide in them, in order."""
        seen, deciding = set(), set()
        for run in map(now.distinct.__getitem__, set(now.which)):
            to_decide, right = self._runs(run)
            seen |= right
            if to_decide:
                deciding.add(run)
        found = [Found(at + start, at + end, run[start:end], hits, *glued)
                 for at, run in now.runs() if run in deciding for start, end, hits, glued in self._runs(run)[0]]
        return seen, found

    def _names_someone(self, run: str) -> bool:
        to_decide, spelled_right = self._runs(run)
        return bool(to_decide or spelled_right)

    def _in_run(self, run: str) -> tuple:
        """What a run of capitalised words holds, the same wherever the run is.

        The names to decide, as (start, end, hits, glued), and the people it
        spells right (evidence for the rest of the text). A name spelled right
        for everyone it may be is never changed, so it is not one to decide.
        """
        decide, right = [], set()
        for start, end, hits, glued in self._names_in_run(run):
            people = {h.person for h in hits}
            spelled_right = set() if glued else {p for p in people if run[start:end] in p.exact}
            right |= spelled_right
            if spelled_right != people:  # garbled, or glued, for someone it may be
                decide.append((start, end, hits, glued))
        return tuple(decide), frozenset(right)

    def _names_in_run(self, run: str) -> list:
        words = run.replace("-", " ").split(" ")
        keys = [w.casefold() for w in words]  # a run's key is its words' keys joined
        starts = list(accumulate((len(w) + 1 for w in words[:-1]), initial=0))
        found, i = [], 0
        while i < len(words):
            step = self._longest(keys, i)
            if step:
                j, hits = step
                found.append((starts[i], starts[j - 1] + len(words[j - 1]), hits, ()))
                i = j
                continue
            glued = self._glued_after(words[i])
            if glued:
                found.append((starts[i], starts[i] + len(words[i]), glued[0], (glued[1],)))
            i += 1
        return found

    def _longest(self, keys, i):
        for j in range(min(len(keys), i + self.window), i, -1):
            hits = self.lex.lookup("".join(keys[i:j]))
            if hits:
                return j, hits
        return None

    def _glued_after(self, token):
        if len(token) < 5 or known(token):
            return ()
        for cut in range(len(token) - 2, 1, -1):
            name, word = token[:cut], token[cut:]
            if word.islower() and zipf(word) >= COMMON_ZIPF:
                hits = self.lex.lookup(key(name))
                if hits:
                    return hits, word
        return ()

    def _glued_before(self, text, steps, pos, endpos) -> list[Found]:
        """The names glued after a common word in text[pos:endpos] (no letter run crosses its ends)."""
        found, tried = [], -1
        for step in steps.finditer(text, pos, endpos):  # step.start() is at the capital, in the run
            start = _LETTERS_BEFORE.match(text, 0, step.start()).start()
            if start == tried:
                continue  # another step in a run already tried
            tried = start
            m = _GLUED_BEFORE.match(text, start)
            if not m:
                continue
            word, name = m.group(1), m.group(2)
            hits = self.lex.lookup(key(name))
            if hits and zipf(word) >= COMMON_ZIPF and not known(m.group()):
                found.append(Found(m.start(), m.end(), m.group(), hits, word, glued_after=False))
        return found

    # -- deciding --------------------------------------------------------------

    def _decide(self, text, f: Found, seen) -> Proposal | None:
        persons = {h.person for h in f.hits}
        if len(persons) > 1:
            targets = {self._target(h, f) for h in f.hits}
            if len(targets) > 1:
                return None  # two people share this form: not ours to choose
        hit = min(f.hits, key=lambda h: ("name", "short", "alternative", "variant").index(h.role))
        person = hit.person
        name_part = f.text[:-len(f.glued)] if f.glued and f.glued_after else (
            f.text[len(f.glued):] if f.glued else f.text)
        if not f.glued and f.text in person.exact:
            return None
        if hit.role != "variant" and name_part.casefold() == hit.form.casefold() and not f.glued:
            return None  # only the case differs (an all-caps headline): not a garble
        target = self._target(hit, f)
        replacement = (f"{target} {f.glued}" if f.glued_after else f"{f.glued} {target}") if f.glued else target
        if replacement == f.text:
            return None
        level = person.rule.level
        if hit.role == "variant":
            what = f"a garbled form of {person.name}"
            if hit.needs_context:
                if self._someone_else(text, f, person):
                    return None
                evidence = self._evidence(text, f.start, person, seen)
                if not evidence:
                    # in translated news the person is named properly somewhere; a lone
                    # "Poutine" with no first name, title or full name is the dish
                    return None
            else:
                evidence = self._evidence(text, f.start, person, seen) or "a known garbled form"
        elif f.glued:
            what, evidence = f"the name {hit.form}", "the name's own spelling"
        else:
            what, evidence = f"a misspaced form of {hit.form}", "the same letters as the name"
        if f.glued:
            what += f", glued to '{f.glued}'"
        message = f"{f.text} → {replacement}: {what} (evidence: {evidence})"
        return Proposal(f.start, f.end, replacement, person.rule.id, message, level)

    @staticmethod
    def _someone_else(text, f: Found, person) -> bool:
        """'Miley Cyrus', 'Lady and the Tramp': the word names something else here."""
        after = _NEXT_WORD.match(text, f.end)
        if after and after.group(1)[0].isupper() and after.group(1) not in person.name.split():
            return True
        before = _PREV_WORD.search(text[max(0, f.start - 20):f.start])
        return bool(before and before.group(1).lower() in ("the", "a", "an", "this", "that", "my", "our"))

    @staticmethod
    def _target(hit: Hit, f: Found) -> str:
        return hit.person.target(hit.form) if hit.role == "variant" else hit.form

    def _evidence(self, text, start, person, seen) -> str:
        before = text[max(0, start - 80):start]
        m = _PREV_WORD.search(before)
        if m and m.group(1) in person.given:
            return f"first name '{m.group(1)}' before it"
        window = before.lower().rstrip()
        for title in self.lex.titles:
            if window.endswith(title) and (len(window) == len(title) or not window[-len(title) - 1].isalpha()):
                return f"title '{title}' before it"
            if window.endswith(title + ".") and (len(window) == len(title) + 1 or
                                                 not window[-len(title) - 2].isalpha()):
                return f"title '{title}.' before it"
        if person in seen:
            return f"'{person.name}' or '{'/'.join(person.short)}' spelled right elsewhere in the text"
        return ""
