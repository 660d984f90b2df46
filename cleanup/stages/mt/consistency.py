"""In-document name consistency: one name, several spellings.

A translation system guesses a foreign name afresh in every sentence, and
in real output the wrong spelling is often the majority: "Omiquelon" twice,
"Omikron", "Omikejon" and "Omik Jong" once each for Omicron. So the
spellings of one name are grouped, and the count alone never says which is
right. Two capitalised spellings are the same name when, compared in plain
letters after the rule's transliteration equivalences (w = v, sch = sh,
y = i ...):

- they are equal (Kvešić, Kwešić and Kvesic; Maryna and Marina);
- one is the other plus a case ending an inflecting source language left
  on it (Omicronom: Russian instrumental);
- they share their first letters and differ by at most one letter per
  `letters_per_edit` letters, or by one per `loose_letters_per_edit` when
  the first `loose_prefix` letters agree (Omiquelon / Omikejon);
- they share a long ending and differ by one letter (Yatsuri / Matsuri).

A name written in two words (Omik Jong, Terry Man, Kin-nikuman) counts as
one spelling when, joined, it is close to a one-word spelling in the
document or equal to another split. Neither merely extending the other
(Russia / Russian) nor differing only in accents (Zurich / Zürich: a
convention) makes a group.

A canonical form is proposed only on evidence: the names lexicon knows
exactly one spelling, or exactly one stands in a full name and clearly
dominates (a suggestion); or exactly one is a word English lists know
(a flag naming it). Without evidence every spelling is flagged, with all
spellings and their counts.

Distinct people must not merge: a spelling that is a common word or name in
its own right (Marco beside Mario) stays out unless it equals another
spelling letter for letter after transliteration; two spellings standing in
different full names ("Sergei Lavrov", "Sergey Shoigu") are two people; and
short names (Xi, Li) differ in too few letters to judge.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain, compress, repeat
from operator import itemgetter, not_
from typing import NamedTuple

from ...analysis.english import inflected
from ...analysis.fast_regex import FastPattern
from ...analysis.languages import most_common_in, unaccented
from ...analysis.lexicon import key
from ...analysis.memo import Memo
from ...analysis.name_windows import name_windows
from ...analysis.wordlist import zipf
from ...core.edits import Level, Proposal


@cache  # (one pattern a length, compiled once for every pipeline made)
def _names_of(length: int) -> FastPattern:
    """The one-word names of at least `length` letters (2 or more)."""
    # (the capital first, then the lookbehind that looks at it and the letter before: `re` skips to capitals)
    return FastPattern(r"\p{Lu}(?<![\p{L}\p{M}\p{N}]\p{Lu})[\p{Ll}\p{M}]{" + str(length - 1) + r",}(?![\p{L}\p{M}\p{N}])")


_NAME = _names_of(2)
# A name in two pieces: "Omik Jong", "Terry Man", "Kin-nikuman"; overlapping ones too. Each match
# takes only the capital and looks ahead for the rest (findall gives both), so the next search
# starts at the next character, as the `regex` module's overlapped search does.
_SPLIT = FastPattern(r"(\p{Lu})(?<![\p{L}\p{M}\p{N}-]\p{Lu})(?=([\p{Ll}\p{M}]+(?: (?=\p{Lu})|-(?=\p{Ll}))"
                     r"[\p{L}][\p{Ll}\p{M}]+(?![\p{L}\p{M}\p{N}]|-\p{L})))")
_SCAN_UP_TO = 100_000  # characters: a longer text's names are found from its distinct pieces (see _names_in)
CONTEXT_ZIPF = 5.0  # words this common (The, President, China) say nothing about who is meant
FEW_TO_SEARCH = 6  # spellings compared with one pair by pair, not by a rapidfuzz search of them


class Mention(NamedTuple):
    start: int
    end: int
    form: str
    context: tuple  # the words next to it in the full name it stands in


@dataclass(frozen=True)
class NameConsistency:
    # which spellings are one name (see the module docstring)
    min_length: int = 5                         # shortest name compared (Xi, Li: too few letters to judge)
    shared_prefix: int = 2                      # first letters two spellings must share
    letters_per_edit: int = 5                   # one differing letter allowed per this many letters
    loose_prefix: int = 0                       # sharing this many first letters, they may differ more (0: never)
    loose_letters_per_edit: int | None = None   # ... one letter per this many (None: letters_per_edit)
    shared_suffix: int = 0                      # ending in this many same letters, one letter apart (0: never)
    suffix_max_zipf: float = 0.0                # ... only for spellings rarer than this in English
    transliterations: tuple[str, ...] = ()      # 'w=v', 'sch=sh', '^h=g': letter groups written for one sound
    case_endings: tuple[str, ...] = ()          # endings an inflecting source leaves on a name (Omicronom)
    # which spellings are slips, not other names or words
    max_zipf: float = 3.0                       # a spelling this common in English is a word or name of its own
    max_foreign_zipf: float | None = None       # ... this common in one of `languages` (None: max_zipf)
    languages: tuple[str, ...] = ()             # wordfreq codes of those languages
    dominance: float = 2                        # two listed spellings (Kermit, Kermie): one name only if one
                                                # is this many times as frequent as the other
    strong_dominance: float = 3                 # the only spelling in a full name is proposed when this dominant
    exceptions: tuple[str, ...] = ()            # spellings (any case) left alone


SETTINGS = {"name-consistency": NameConsistency}


class Closeness:
    """A rule's closeness settings, with its transliterations parsed."""

    def __init__(self, s: NameConsistency):
        self.min_length = s.min_length
        self.prefix = s.shared_prefix
        self.per_edit = s.letters_per_edit
        self.loose_prefix = s.loose_prefix
        self.loose_per_edit = s.letters_per_edit if s.loose_letters_per_edit is None else s.loose_letters_per_edit
        self.suffix = s.shared_suffix
        self.suffix_max_zipf = s.suffix_max_zipf
        self.max_zipf = s.max_zipf
        pairs = [t.split("=", 1) for t in s.transliterations]
        self.initial = tuple((a[1:], b) for a, b in pairs if a.startswith("^"))
        self.anywhere = tuple((a, b) for a, b in pairs if not a.startswith("^"))
        self.endings = tuple(sorted({self.skeleton(e) for e in s.case_endings}, key=len, reverse=True))
        # what close() says of a pair, and the buckets a form goes in: both depend on the forms alone
        self.close = Memo(self._close)
        self.buckets = Memo(self._buckets)
        self.skeletons = Memo(self.skeleton)
        self.is_open = Memo(self._open)
        self.open = self.is_open.passing
        self.unknown = Memo(self._unknown).passing
        # what _none_close reads of a form: its keys, and an unknown one's skeleton with each case ending
        self.keys = Memo(self._keys)
        self.longer = Memo(self._longer)
        # (_none_close compares a common word with an unknown spelling by skeletons alone: not when the
        # shared-ending test, on plain spellings, accepts words this common)
        self.certain = not (self.suffix and self.suffix_max_zipf > self.max_zipf)

    def _close(self, pair: tuple) -> bool:
        return close(*pair, self)

    def long_enough(self, forms) -> set:
        """The forms of `forms` long enough to be compared (at C speed: no look-up)."""
        return set(compress(forms, map(self.min_length.__le__, map(len, forms))))

    def _open(self, form: str) -> bool:
        """May `form` group with a spelling of another skeleton? Not a common word (two never group:
        _two_words), nor a two-word spelling that starts with a word (close() says no)."""
        return self._standing(form)[0]

    def _standing(self, form: str) -> tuple:
        """Is `form` open (see _open), and if so, how common is it?"""
        if _split(form):
            return (True, zipf(form)) if zipf(_first_part(form)) == 0 else (False, None)
        frequency = zipf(form)
        return not (frequency > 0 and frequency >= self.max_zipf), frequency

    def _unknown(self, form: str) -> bool:
        """Is `form` open and no word the lists know? (A known one and a common word never group.)"""
        return self.is_open(form) and zipf(form) == 0

    def _buckets(self, form: str) -> tuple:
        """The beginning and the ending a close spelling must share with `form` (see _candidate_pairs)."""
        if len(form) < self.min_length:
            return ()
        start = "^" + self.skeleton(form)[:self.prefix]
        return (start, "$" + _plain(form)[-self.suffix:]) if self.suffix else (start,)

    def skeleton(self, form: str) -> str:
        """The spelling in plain lowercase letters with one letter group per sound."""
        return _skeleton(form, self.initial, self.anywhere)

    def _keys(self, form: str) -> tuple:
        """What _none_close reads of `form`: a string no other form has (a short form), or its
        skeleton, then for an open spelling keys any open spelling close to it shares (for one
        no list knows, as _UnknownKeys):

        - its skeleton without a case ending (the other's skeleton);
        - one edit apart (the letter test, up to twice `letters_per_edit` letters): for the
          length m of the other (its own, or one more), the first or the last half of m letters
          (one edit leaves one of them whole), with the first `shared_prefix` letters;
        - more edits: the first letters and the other's length, within the edits;
        - the shared-ending test (for rarer spellings): the ending and the other's length;
        - the looser test (for spellings no list knows): its first letters and the other's length.
        """
        if len(form) < self.min_length:
            return ("\0" + form,)
        x = self.skeleton(form)
        is_open, frequency = self._standing(form)
        if not is_open:
            return (x,)
        plain, n, p = _plain(form), len(x), self.prefix
        halves = [m for m in (n, n + 1) if self.per_edit <= m <= 2 * self.per_edit]
        keys = {*self._shorter(x), *(f"<{m}:{x[:max(m - m // 2, p)]}" for m in halves),
                *(f">{m}:{x[:p]}:{x[n - m // 2:]}" for m in halves),
                *(f"#{m}:{x[:p]}" for m in range(n, n + n // self.per_edit + 1) if n >= 2 * self.per_edit)}
        if self.suffix and len(plain) >= self.suffix and frequency < self.suffix_max_zipf:
            keys.update(f"${m}:{plain[-self.suffix:]}" for m in (len(plain), len(plain) + 1))
        if self.loose_prefix and n >= max(self.loose_prefix, self.loose_per_edit) and frequency == 0:
            keys.update(f"%{m}:{x[:self.loose_prefix]}" for m in range(n, n + n // self.loose_per_edit + 1))
        return (_UnknownKeys if frequency == 0 else tuple)((x, *keys))

    def _longer(self, form: str) -> tuple:
        """The skeleton of `form` with each case ending."""
        return tuple(self.skeleton(form) + e for e in self.endings)

    def _shorter(self, x: str) -> list:
        """Skeleton x without each case ending it ends with."""
        return [x[:-len(e)] for e in self.endings if x.endswith(e)]


class _UnknownKeys(tuple):
    """The keys of an open spelling no list knows (Closeness._unknown): told from others at C speed."""


@lru_cache(maxsize=16384)
def _skeleton(form: str, initial: tuple, anywhere: tuple) -> str:
    s = _plain(form).replace("-", "").replace(" ", "")
    for a, b in initial:
        if s.startswith(a):
            s = b + s[len(a):]
    for a, b in anywhere:
        s = s.replace(a, b)
    return s


def close(a: str, b: str, st: Closeness) -> bool:
    """Are `a` and `b` spellings of one name? (See the module docstring.)"""
    if a == b or min(len(a), len(b)) < st.min_length:
        return False
    x, y = st.skeleton(a), st.skeleton(b)
    if x == y:
        if _split(a) and _split(b) and st.skeleton(_first_part(a)) == st.skeleton(_first_part(b)):
            return False  # "President Kvešić" / "President Kwešić": the one-word spellings tell
        return _plain(a) != _plain(b)  # Zurich / Zürich: a convention
    if _split(a) or _split(b):
        # a two-word spelling beside another is alike only letter for letter (Kim Jong Un /
        # Kim Jong Il), and so is one that starts with a word (Xinhua News / Xinhuanet)
        if (_split(a) and _split(b)) or any(zipf(_first_part(f)) > 0 for f in (a, b) if _split(f)):
            return False
    short, long_ = sorted((x, y), key=len)
    if long_.startswith(short):
        return long_[len(short):] in st.endings  # Omicronom; never Russia / Russian
    shared = _common_prefix(x, y)
    distance = _levenshtein()(x, y)
    if shared >= st.prefix and distance <= len(short) // st.per_edit:
        return True
    if st.suffix and _one_letter_before_same_ending(_plain(a), _plain(b), st.suffix):
        # a first letter misheard (Yatsuri / Matsuri): only for names the lists barely know
        return max(zipf(a), zipf(b)) < st.suffix_max_zipf
    if not (st.loose_prefix and shared >= st.loose_prefix and distance <= len(short) // st.loose_per_edit):
        return False
    return not (zipf(a) > 0 or zipf(b) > 0)  # the looser test is for spellings no list knows (Omiquelon / Omikron)


def _one_letter_before_same_ending(x: str, y: str, ending: int) -> bool:
    return _common_prefix(x[::-1], y[::-1]) >= ending and _levenshtein()(x, y, score_cutoff=1) == 1


@cache
def _extract():
    """rapidfuzz's search of a list by edit distance, imported when first needed (start-up)."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    return extract, Levenshtein.distance


@cache
def _levenshtein():
    """rapidfuzz's edit distance, imported when first needed (start-up)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance


def _split(form: str) -> bool:
    return " " in form or "-" in form


def _first_part(form: str) -> str:
    return form.replace("-", " ").split(" ", 1)[0]


@lru_cache(maxsize=16384)
def _plain(form: str) -> str:
    s = form.casefold()
    return s if s.isascii() else unaccented(s)  # (plain ASCII has no accents to take off)


def _common_prefix(x: str, y: str) -> int:
    n = 0
    for p, q in zip(x, y):
        if p != q:
            break
        n += 1
    return n


def build(rules, env):
    return [ConsistencyStage(rules, env.lexicon)]


class ConsistencyStage:
    name = "consistency"

    def __init__(self, rules, lexicon):
        self.rules = [(r, Closeness(r.settings)) for r in rules]
        self.lex = lexicon
        self.names = Memo(_names)  # no one-word name crosses a space
        # the names long enough to pair with another (a shorter one pairs with none: see close)
        self.least = max(2, min((st.min_length for _, st in self.rules), default=2))
        self.scans = (None,)  # _NAME's form for the last short text, and both scans in that form
        self.known = Memo(self._known).passing  # the forms of a set the names lexicon knows

    def __getstate__(self):  # (a pipeline travels to batch workers pickled: its scans are found again)
        return {**self.__dict__, "scans": (None,)}

    def _known(self, form: str) -> bool:
        return key(form) in self.lex

    def propose(self, text, ctx) -> list:
        # only two close spellings make a group: most texts have none, and need no more. The forms
        # long enough to pair (a shorter one pairs with none: see close), and the two-piece ones:
        names = _NAME(text)  # `re` or `regex`, as chosen for this text (one look at it: the others follow)
        if len(text) <= _SCAN_UP_TO:  # one window: one C scan of each kind (no text view, no generator)
            scans = self.scans  # (read once: another thread may set it)
            if scans[0] is not names:
                scans = self.scans = (names, _names_of(self.least).like(names), _SPLIT.like(names))
            forms = set(scans[1].findall(text))
            forms.update(map("".join, scans[2].findall(text)))
            two_piece = None  # (_Found finds them again: seldom asked)
        else:
            forms = self._names_in(text, ctx.view(text))
            two_piece = _two_piece_spellings(text, _SPLIT.like(names))
            forms.update(two_piece)
        out, found = [], None
        for rule, st in self.rules:  # (a loop: a list comprehension is one more call on 3.11)
            if _any_close(forms, st, self.lex, self.known):
                found = found or _Found(text, two_piece)
                out += self._inconsistencies(found, rule, st)
        return out

    def _names_in(self, text, view) -> set[str]:
        """The one-word names of a long text long enough to pair (as propose scans a short one): a
        long text repeats its words, each judged once (a memo lookup per piece costs as much as the
        scan of a short text, and a new word's verdict more)."""
        found = set().union(*self.names.values(list(view.distinct_pieces)))
        return set(compress(found, map(self.least.__le__, map(len, found))))

    def _inconsistencies(self, found, rule, st):
        s = rule.settings
        exceptions = {w.casefold() for w in s.exceptions}
        counts = found.counts()
        for form in [f for f in counts if f.casefold() in exceptions]:
            del counts[form]
        # only a spelling in a close pair may join a group: the mentions and contexts of those alone
        paired = {form for pair in _candidate_pairs(_may_pair(set(counts), st), st) if st.close(pair) for form in pair}
        if not paired:
            return
        yield from self._proposals(found.mentions(paired), counts, rule, st)

    def _proposals(self, mentions, counts, rule, st):
        """The spellings' groups among `mentions`, and a proposal at each mention of a spelling
        its group's target replaces (counts: every spelling's, exceptions aside)."""
        s = rule.settings
        contexts = defaultdict(set)
        for m in mentions:
            contexts[m.form].add(m.context)
        for group in self._groups(counts, contexts, s, st):
            target, evidence = self._target(group, counts, contexts, s)
            level = rule.level if evidence in ("lexicon", "full name") else Level.FLAG
            tally = ", ".join(f"{counts[f]}× {f}" for f in sorted(group, key=lambda f: (-counts[f], f)))
            for form in group:
                if form == target or not self._reported(form, group, s, st):
                    continue
                message = self._message(form, target, evidence, tally, rule)
                replacement = target if level is not Level.FLAG else None
                others = [contexts[g] for g in group if g != form]
                for m in mentions:
                    if m.form == form and any(_same_person(m.context, c) for c in others):
                        yield Proposal(m.start, m.end, replacement, rule.id, message, level)

    @staticmethod
    def _message(form, target, evidence, tally, rule) -> str:
        if target is None:
            return f"{form}: {rule.message} ({tally} in this document); which is right is not known"
        why = {"lexicon": f"{target} is the names lexicon's spelling",
               "full name": f"{target} stands in the full name",
               "word list": f"{target} is the spelling word lists know"}[evidence]
        return f"{form} → {target}? {rule.message} ({tally} in this document; {why})"

    def _groups(self, counts, contexts, s, st) -> list[list[str]]:
        """Spellings joined when close (transitively), without words in their own right."""
        forms = sorted(counts, key=lambda f: (-counts[f], f))
        parent = {f: f for f in forms}

        def root(f):
            while parent[f] != f:
                f = parent[f]
            return f

        may_pair = _may_pair(set(forms), st)  # (two words of their own never join: see _distinct_enough)
        for a, b in _candidate_pairs([f for f in forms if f in may_pair], st):
            if st.close((a, b)) and self._may_join(a, b, contexts) and _distinct_enough(a, b, counts, s, st):
                parent[root(b)] = root(a)
        groups = defaultdict(list)
        for f in forms:
            groups[root(f)].append(f)
        return [g for g in groups.values() if len(g) > 1]

    @staticmethod
    def _may_join(a, b, contexts) -> bool:
        """Not two people: spellings that stand only in different full names."""
        return any(_same_person(c, contexts[b]) for c in contexts[a])

    def _reported(self, form, group, s, st) -> bool:
        """Not a spelling the lexicon knows (the names stage judges those), nor a word in its own
        right (Marco beside Mario) unless another spelling equals it after transliteration."""
        if key(form) in self.lex:
            return False
        if not _word_in_own_right(form, s):
            return True
        return any(g != form and st.skeleton(g) == st.skeleton(form) for g in group)

    def _target(self, group, counts, contexts, s) -> tuple[str | None, str]:
        """The spelling the evidence points to, and which evidence; (None, "") without any."""
        known = [f for f in group if any(h.form == f and h.role != "variant" for h in self.lex.lookup(key(f)))]
        if len(known) == 1:
            return known[0], "lexicon"
        in_full_name = [f for f in group if any(contexts[f] - {()})]
        strong = s.strong_dominance
        if len(in_full_name) == 1:
            top = in_full_name[0]
            if counts[top] >= strong and all(counts[top] >= strong * counts[f] for f in group if f != top):
                return top, "full name"
        listed = [f for f in group if zipf(f) > 0]
        if len(listed) == 1:
            return listed[0], "word list"
        return None, ""


def _distinct_enough(a: str, b: str, counts, s: NameConsistency, st: Closeness) -> bool:
    """Two spellings the word lists both know (Kermit / Kermie, Anneliese / Annelise) may be two
    names: one only counts as a slip when the other is `dominance` times as frequent, and
    never beside a common word (Kanata is a town, not a slip for Canada)."""
    if st.skeleton(a) == st.skeleton(b) or not (zipf(a) > 0 and zipf(b) > 0):
        return True
    if max(zipf(a), zipf(b)) >= s.max_zipf:
        return False
    few, many = sorted((counts[a], counts[b]))
    return many >= few * s.dominance


def _word_in_own_right(form: str, s: NameConsistency) -> bool:
    """A common word or name (Marco, Linguists, Repubblica) is someone or something else, not a slip."""
    foreign = most_common_in(form, s.languages)
    foreign_zipf = s.max_zipf if s.max_foreign_zipf is None else s.max_foreign_zipf
    return zipf(form) >= s.max_zipf or inflected(form) or bool(foreign and foreign[1] >= foreign_zipf)


class _Found:
    """The names of a text, counted; mentions are made of them only for the forms asked for (on a long
    text most never join a group). A long text is read a window at a time (name_windows: no name,
    nor two joined in a full name, crosses a cut), so nothing is listed for every name it holds."""

    def __init__(self, text: str, two_piece: list | Counter | None = None):
        self.text = text
        self.pattern = _NAME(text)
        words = Counter()
        for _, window in name_windows(text):
            words.update(self.pattern.findall(window))
        # the Kennedys count with Kennedy (when the text has Kennedy)
        self.singular = {w: w[:-1] for w in words if w.endswith("s") and w[:-1] in words}
        self._counts = Counter()
        for word, n in words.items():
            self._counts[self.singular.get(word, word)] += n
        # the forms _joined finds (`two_piece`, listed or counted, if the caller has them)
        self._counts.update(_two_piece_spellings(text, _SPLIT.like(self.pattern)) if two_piece is None else two_piece)

    def counts(self) -> Counter:
        """How often each form is mentioned (in the mentions mentions() makes of all forms)."""
        return Counter(self._counts)

    def mentions(self, keep=None) -> list[Mention]:
        """The mentions of the forms in `keep` (None: of all), in order: the names, then the
        two-piece spellings."""
        out = []
        for offset, window in name_windows(self.text):
            out += self._names_mentioned(window, offset, keep)
        if keep is None or any(map(_split, keep)):
            for offset, window in name_windows(self.text):
                out += _joined(window, keep, offset)
        return out

    def _names_mentioned(self, window: str, offset: int, keep) -> list[Mention]:
        spans = [m.span() for m in self.pattern.finditer(window)]
        names = [self.singular.get(w, w) for w in (window[a:b] for a, b in spans)]
        wanted = range(len(names)) if keep is None else compress(range(len(names)), map(keep.__contains__, names))
        return [Mention(offset + spans[i][0], offset + spans[i][0] + len(names[i]), names[i],
                        _context(window, spans, names, i)) for i in wanted]


def _context(window: str, spans: list, names: list, i: int) -> tuple:
    """The neighbours of name i in the full name it stands in: "Sergei Lavrov" and "Sergey Shoigu"
    are two people, while "Olympic Committee President Kvešić" says nothing beyond "President Kwešić".
    (Names i and i + 1 are one full name when only one space or hyphen stands between them.)"""
    def joined(j):
        return window[spans[j][1]:spans[j + 1][0]] in (" ", "-")
    before = names[i - 1] if i and joined(i - 1) and _telling(names[i - 1]) else None
    after = names[i + 1] if i + 1 < len(names) and joined(i) and _telling(names[i + 1]) else None
    return (before, after) if before and after else (before,) if before else (after,) if after else ()


@lru_cache(maxsize=16384)
def _telling(name: str) -> bool:
    return zipf(name) < CONTEXT_ZIPF


def _two_piece_spellings(text: str, pattern) -> list | Counter:
    """The two-piece spellings _joined finds (`pattern`: _SPLIT's form for the text), what a set or a
    Counter is updated with: a list of them, or of a long text, read a window at a time, their counts
    (its list would cost more than the text)."""
    windows = name_windows(text)
    spellings = list(map("".join, pattern.findall(next(windows)[1])))
    for _, window in windows:
        if type(spellings) is list:
            spellings = Counter(spellings)
        spellings.update(map("".join, pattern.findall(window)))
    return spellings


def _joined(text: str, keep=None, offset: int = 0) -> list[Mention]:
    """Two-piece names as written ("Omik Jong", "Kin-nikuman"), overlapping pairs too (of the forms
    in `keep` only, unless None), in a text at `offset`.

    Compared in plain letters, where the space or hyphen is gone.
    """
    mentions = (Mention(offset + m.start(), offset + m.end(2), text[m.start():m.end(2)], ())
                for m in _SPLIT(text).finditer(text))
    return list(mentions) if keep is None else [m for m in mentions if m.form in keep]


def _names(piece: str) -> frozenset:
    return frozenset(_NAME(piece).findall(piece))


def _any_close(forms: set, st: Closeness, lexicon=(), known=None) -> bool:
    """Are two of `forms` close, and not two words in their own right that never group
    (There / These: see _distinct_enough), nor both spellings the names lexicon knows?

    Each spelling of a group joined it with a pair of this kind, and only one the
    lexicon does not know is reported (_reported): without such a pair, nothing is.
    (`known`: the forms of a set `lexicon` knows, if the caller has them by a memo.)
    """
    if len(forms) < 2 or _none_close(forms, st, known or (lambda forms: {f for f in forms if key(f) in lexicon})):
        return False
    # the close pairs by set operations on the memo (most texts have none): no Python call per pair
    pairs = st.close.passing(set(_candidate_pairs(_may_pair(forms, st), st)))
    return any(not _two_words(a, b, st) and not (key(a) in lexicon and key(b) in lexicon) for a, b in pairs)


def _none_close(forms: set, st: Closeness, known) -> bool:
    """Is it certain that _any_close finds no pair in `forms`? (Most texts have none.) Of a pair
    close() accepts, either both have one skeleton, or one is open and then (see Closeness._keys):

    - both open: they share a key, as their skeletons or one with a case ending does;
    - one is a common word, and the other no list knows (a known one beside a common word never
      pairs: _two_words): the common word's skeleton is the other's with a case ending or
      without, or within the letter test's edits of it (by the shorter one's length).

    `known(forms)`: the forms the names lexicon knows. Two of them never count, so a key may repeat
    among them: the keys repeat no more often in all the forms than in those alone.
    """
    if not st.certain:
        return False
    keys = st.keys.values(forms)  # (a set lists its items in one order while unchanged)
    found = set(chain.from_iterable(keys))
    repeats = sum(map(len, keys)) - len(found)
    if repeats:
        lexical = st.keys.values(list(known(forms)))
        if repeats > sum(map(len, lexical)) - len(set(chain.from_iterable(lexical))):
            return False
    if _UnknownKeys not in set(map(type, keys)):  # (most texts: no spelling that no list knows)
        return True
    unknown = list(compress(forms, map(isinstance, keys, repeat(_UnknownKeys))))
    if not found.isdisjoint(chain.from_iterable(st.longer.values(unknown))):
        return False
    skeletons = list(map(itemgetter(0), keys))
    extract, distance = _extract()
    for x in st.skeletons.values(unknown):
        edits = len(x) // st.per_edit  # (never fewer than the shorter one's)
        near = extract(x, skeletons, scorer=distance, score_cutoff=edits, limit=None) if edits else ()
        if any(y != x and y[:st.prefix] == x[:st.prefix] for y, _, _ in near):
            return False
    return True


def _may_pair(forms: set, st: Closeness) -> set:
    """The spellings of `forms` in the pairs _any_close may find. Most capitalised words are common
    words, and two of them never group unless they have one skeleton (_two_words): a pair of two
    skeletons holds an open spelling (see Closeness._open), and a common word only pairs with one
    the lists do not know (Closeness._unknown), in a bucket of it."""
    long_enough = st.long_enough(forms)  # (short forms are in no bucket)
    chosen = st.open(long_enough)
    forms = list(long_enough)
    near_unknown = set(chain.from_iterable(st.buckets.values(list(st.unknown(chosen)))))
    if near_unknown:  # (picked at C speed)
        chosen.update(compress(forms, map(not_, map(near_unknown.isdisjoint, st.buckets.values(forms)))))
    skeletons = st.skeletons.values(forms)
    if len(set(skeletons)) < len(skeletons):
        repeated = {s for s, n in Counter(skeletons).items() if n > 1}
        chosen.update(compress(forms, map(repeated.__contains__, skeletons)))
    return chosen


def _two_words(a: str, b: str, st: Closeness) -> bool:
    """Two spellings _distinct_enough never lets join, whatever their counts."""
    if st.skeleton(a) == st.skeleton(b) or not (zipf(a) > 0 and zipf(b) > 0):
        return False
    return max(zipf(a), zipf(b)) >= st.max_zipf


def _candidate_pairs(forms, st: Closeness):
    """The pairs of `forms` close() may accept: sharing a beginning or an ending (a bucket), and
    near enough in letters for one of its tests (_near_pairs), not every pair of a bucket.

    (In the order of `forms`; a pair sharing both buckets may come twice.)
    """
    forms = list(forms)
    buckets = defaultdict(list)
    for form, keys in zip(forms, st.buckets.values(forms)):
        for bucket in keys:
            buckets[bucket].append(form)
    return chain.from_iterable(_near_pairs(group, bucket.startswith("$"), st)
                               for bucket, group in buckets.items() if len(group) > 1)


def _near_pairs(group: list, ending_bucket: bool, st: Closeness) -> list:
    """The pairs of `group`, in its order, that meet a necessary condition of one of close()'s tests:
    skeletons as few edits apart as the looser letter test allows (one rapidfuzz call per form),
    or one skeleton the other plus a case ending; in a bucket of endings, plain spellings one
    letter apart too (the shared-ending test, which only such a bucket holds)."""
    skeletons = st.skeletons.values(group)
    near = _within_edits(skeletons, min(st.per_edit, st.loose_per_edit) if st.loose_prefix else st.per_edit)
    if ending_bucket and st.suffix:
        near.update(_within_edits([_plain(f) for f in group], None))
    with_ending = [j for j, y in enumerate(skeletons) if y.endswith(st.endings)]  # (one C call each)
    if with_ending:
        at = defaultdict(list)
        for i, x in enumerate(skeletons):
            at[x].append(i)
        for j in with_ending:
            y = skeletons[j]
            for ending in st.endings:
                if y.endswith(ending):
                    near.update((min(i, j), max(i, j)) for i in at.get(y[:len(y) - len(ending)], ()) if i != j)
    return [(group[i], group[j]) for i, j in sorted(near)]


def _within_edits(spellings: list, letters_per_edit: int | None) -> set:
    """The pairs (i, j), i < j, of `spellings` at most len(shorter) // letters_per_edit edits apart
    (None: one edit), and maybe a few more: the first's length bounds the shorter's."""
    extract, distance = _extract()
    near = set()
    for i, x in enumerate(spellings):
        edits = 1 if letters_per_edit is None else len(x) // letters_per_edit
        if len(spellings) - i <= FEW_TO_SEARCH:  # (a search costs a few comparisons' time)
            near.update((i, j) for j in range(i + 1, len(spellings))
                        if distance(x, spellings[j], score_cutoff=edits) <= edits)
            continue
        found = extract(x, spellings[i + 1:], scorer=distance, score_cutoff=edits, limit=None)
        near.update((i, i + 1 + j) for _, _, j in found)
    return near


def _same_person(context: tuple, other_contexts: set) -> bool:
    """Does this mention's full name fit the other spelling's (or say nothing)?"""
    return not context or context in other_contexts or other_contexts <= {()}
