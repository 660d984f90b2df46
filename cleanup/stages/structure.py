"""Structure: duplicated lines, injected teaser pairs, repeated words, site names after a headline.

These need more than one match at a time (a line and its neighbour, a word
and the next), so they are detectors configured by rule files rather than
single patterns. DETECTORS maps each detector's name to the class that runs
one rule of it: adding a detector is one class and one entry. Every rule
runs with its own settings.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, compress, count, filterfalse, islice
from operator import attrgetter, eq, itemgetter, not_

import regex

from ..analysis.fast_regex import offsets
from ..analysis.lines import removal_spans
from ..analysis.lowering import lower
from ..analysis.once import once
from ..analysis.regex_needs import ASCII_CASE_PARTNERS
from ..analysis.textview import TextView
from ..analysis.tokens import LETTER_RUN
from ..analysis.unusual_chars import unusual_chars
from ..core.edits import Level, Proposal
from . import duplicate_sentence, site_tail


class _Later:
    """A `regex` pattern compiled when first used: a command cleaning one line need not compile
    patterns its text never calls for (start-up)."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags

    @cached_property
    def compiled(self):
        return regex.compile(self.pattern, self.flags)

    def __getattr__(self, name):  # match, findall, ...: the compiled pattern's
        return getattr(self.compiled, name)


# a word as the line detectors count them: letters, with apostrophes and hyphens inside
_WORD = _Later(r"\p{L}[\p{L}\p{M}'’-]*")
_REPEAT = _Later(r"(?<![\p{L}\p{M}'’-])(\p{L}[\p{L}\p{M}]*)([ \t]+)(\1)(?![\p{L}\p{M}'’-])", regex.IGNORECASE)
_TAG_WORD = _Later(r"\p{Lu}[\p{L}\p{M}.'’-]*")


def _norm(s: str) -> str:
    return " ".join(s.split())


def _words(s: str) -> int:
    return len(_WORD.findall(s))


class _Scan:
    """One text as the detectors share it: its lines, their whitespace-insensitive texts,
    the lines going (index -> the rule removing it) and the repeated words already reported."""

    def __init__(self, text: str, view, ctx=None, stage=None):
        self.text, self.view = text, view
        self.kept = ctx.kept if ctx is not None else lambda owner: {}  # facts a later pass reads again (Context.kept)
        self.ctx, self.stage = ctx, stage
        self.memo = self.kept(stage) if stage is not None else {}
        self.last = dict(self.memo)  # (taken out: a call that does not end leaves nothing for the next)
        self.memo.clear()
        self.learnt = {}  # what this call found, for the next one (kept when the call ends)
        self.lines = view.lines
        # (a line too long for the memos of lines)
        self.has_long_line = len(text) > _MEMO_LONGEST and max(map(len, map(_TEXT, self.lines))) > _MEMO_LONGEST
        self._spans = None  # repeat_spans()
        self.remove: dict = {}
        self.taken: set[int] = set()
        self._norms: dict[int, str] = {}
        self._kept_for, self._kept = -1, []  # kept_lines() when len(remove) was _kept_for
        self._pairs_for, self._pairs = -1, []  # pairs_ending_alike() when len(remove) was _pairs_for

    def norm(self, i: int) -> str:
        """Line i, whitespace-insensitive (computed when first asked for)."""
        norm = self._norms.get(i)
        if norm is None:
            norm = self._norms[i] = _norm(self.lines[i].text)
        return norm

    @once
    def last_words(self) -> list[str | None]:
        """Each line's last word, case-folded (None for a blank line).

        Two lines that are copies, or one a tag and the other (duplicate
        lines, teaser pairs), end with the same word: other pairs are passed over.
        """
        if self.has_long_line:  # (its rsplit() would copy the rest of it)
            return [last[-1].casefold() if (last := _last_words(t)) else None for t in map(_TEXT, self.lines)]
        return [last[-1].casefold() if (last := line.text.rsplit(None, 1)) else None for line in self.lines]

    def pairs_ending_alike(self) -> list[tuple[int, int]]:
        """The neighbouring lines (indices) once the lines going are left out, that end with the same
        word (see last_words): the only pairs that can be copies of each other. (Found at C speed:
        a long text has many lines; made again only when more lines are going.)"""
        if self._pairs_for != len(self.remove):
            self._pairs_for = len(self.remove)
            kept = list(filterfalse(self.remove.__contains__, range(len(self.lines))))
            last = list(map(self.last_words.__getitem__, kept))
            self._pairs = [(kept[k], kept[k + 1]) for k in compress(count(), map(eq, last, islice(last, 1, None)))
                           if last[k] is not None]
        return self._pairs

    def repeat_spans(self) -> list[tuple[int, int, int, int]]:
        """_repeat_spans of the text (made once: every repeated-word rule asks). At a later call, a text
        with a line too long for the memo of lines is read only where it changed (_carried_repeat_spans);
        on short lines the memo costs less. A text of one line is read whole: its memo would serve only
        that text given again, which the pipeline seldom does (a stage is not given again a text it left alone)."""
        if self._spans is not None:
            return self._spans
        view = self.view
        if len(self.lines) == 1 and not self.has_long_line:
            spans = [(m.start(), m.end(1), m.start(3), m.end()) for m in _repeats(view)]
        else:
            carry = _CAPITAL_I_DOT not in view.text and self.has_long_line
            last = self.last.get("repeats")
            if carry and last is not None and self.copied is not None:
                spans = _carried_repeat_spans(view.text, self.copied, last)
            else:
                spans = _repeat_spans(view, self.kept(_repeats))
            self.learnt["repeats"] = spans if carry else None
        self._spans = spans
        return spans

    @once
    def copied(self):
        """The stretches copied from the stage's last text (Context.copied), if the pipeline keeps count."""
        return self.ctx.copied(self.stage) if self.ctx is not None and self.stage is not None else None

    def kept_lines(self) -> list[tuple[int, object]]:
        """(index, line) of the lines not going; made again only when more are going (lines are only added)."""
        if self._kept_for != len(self.remove):
            self._kept_for = len(self.remove)
            self._kept = list(compress(enumerate(self.lines), map(not_, map(self.remove.__contains__, count()))))
        return self._kept


# -- whole lines -----------------------------------------------------------------

@dataclass(frozen=True)
class DuplicateLineSettings:
    min_words: int = 3  # lines with fewer words may repeat ("Photo", "Read more")


class DuplicateLines:
    """The later of two neighbouring lines that read the same (a run of copies keeps one).

    Letter case aside: a copy whose first word lost its capital is still a
    copy (and grammar would give it back, making the output change when
    cleaned again).
    """

    Settings = DuplicateLineSettings
    whole_lines = True

    def __init__(self, rule):
        self.rule = rule

    def mark(self, scan: _Scan) -> None:
        remove = scan.remove
        for a, b in scan.pairs_ending_alike():
            head, copy = scan.norm(a), scan.norm(b)
            if a not in remove and (head == copy or head.casefold() == copy.casefold()) \
                    and _words(copy) >= self.rule.settings.min_words:
                remove[b] = self.rule


@dataclass(frozen=True)
class TeaserPairSettings:
    min_words: int = 5      # the headline's fewest words
    max_tag_words: int = 4  # the longest tag put before the repeated headline


class TeaserPairs:
    """A headline, then a tag and the same headline: both lines."""

    Settings = TeaserPairSettings
    whole_lines = True

    def __init__(self, rule):
        self.rule = rule

    def mark(self, scan: _Scan) -> None:
        remove, settings = scan.remove, self.rule.settings
        for a, b in scan.pairs_ending_alike():
            head, tagged = scan.norm(a), scan.norm(b)
            if not head or a in remove or b in remove or not tagged.endswith(" " + head) \
                    or _words(head) < settings.min_words:
                continue
            tag = tagged[: -len(head) - 1].split()
            if 1 <= len(tag) <= settings.max_tag_words and all(_TAG_WORD.fullmatch(w) for w in tag):
                remove[a] = self.rule
                remove[b] = self.rule


# -- within lines ------------------------------------------------------------------

class SentenceCopies:
    """A sentence said again right after itself: the copy goes (a whole line joins the lines going).

    A near copy is flagged.
    """

    Settings = duplicate_sentence.Settings
    whole_lines = False

    def __init__(self, rule):
        self.rule = rule

    def find(self, scan: _Scan):
        rule, text = self.rule, scan.text
        if len(scan.lines) == 1 and duplicate_sentence.one_sentence(text):  # (no sentence before another)
            return
        key = ("sentence copies", rule.id)  # what the long lines told (see duplicate_sentence._long_line)
        last = scan.last.get(key)
        carried = (scan.copied, last) if last is not None and scan.copied is not None else None
        learnt = scan.learnt[key] = {} if scan.has_long_line else None
        memo = scan.kept(self)
        # (a first call reads the whole text: whether it is plain, repeated words ask too)
        plain = None if memo or scan.has_long_line else scan.view.derived(_plain_text, _plain_text)
        for copy in duplicate_sentence.copies(text, scan.kept_lines(), rule.settings, memo, carried, learnt, plain):
            s = copy.sentence
            if not copy.exact:
                yield Proposal(s.start, s.end, None, rule.id,
                               f"{rule.message}: nearly the sentence before it, translated again", Level.FLAG)
            elif copy.whole_line:
                scan.remove[s.line] = rule
            else:
                start, end = duplicate_sentence.deletion(text, s)
                yield Proposal(start, end, "", rule.id, f"{rule.message}: the sentence before it, word for word",
                               rule.level)


class SiteNames:
    """Site and section names after a headline (see site_tail.py)."""

    Settings = site_tail.Settings
    whole_lines = False

    def __init__(self, rule):
        self.rule = rule
        self.tails = site_tail.SiteTails(rule)

    def find(self, scan: _Scan):
        rule, text = self.rule, scan.text
        for start, end in self.tails.find([line for _, line in scan.kept_lines()]):
            yield Proposal(start, end, "", rule.id, f"{rule.message}: '{text[start:end].strip()}'", rule.level)


@dataclass(frozen=True)
class RepeatedWordSettings:
    words: tuple[str, ...] = ()       # only these words (lowercase); none: any word
    exceptions: tuple[str, ...] = ()  # words that may legitimately repeat (that that, had had)


class RepeatedWords:
    """A word typed twice in a row (not a name: "Duran Duran"), outside the lines going."""

    Settings = RepeatedWordSettings
    whole_lines = False

    def __init__(self, rule):
        self.rule = rule
        self.only = frozenset(w.lower() for w in rule.settings.words)
        self.exceptions = frozenset(w.lower() for w in rule.settings.exceptions)

    def find(self, scan: _Scan):
        rule, text = self.rule, scan.text
        spans = scan.repeat_spans()
        removed = [(scan.lines[i].start, scan.lines[i].end) for i in scan.remove] if spans else ()
        for start, word_end, copy_start, end in spans:
            word = text[start:word_end].lower()
            if start in scan.taken or word in self.exceptions or (self.only and word not in self.only):
                continue
            if text[copy_start].isupper():  # "Duran Duran", "Sirhan Sirhan": names, not slips
                continue
            if any(a <= start < b for a, b in removed):
                continue
            scan.taken.add(start)  # one report per repeat, whichever rule reports it first
            yield Proposal(word_end, end, "", rule.id, f"{rule.message} ('{text[start:word_end]}')", rule.level)


def _repeat_spans(view, memo: dict) -> list[tuple[int, int, int, int]]:
    """(start, end of the word, start of its copy, end) of each match of _REPEAT (_repeats), in order.

    A match lies within its line (no newline in it, and one before it or after
    it is no letter, like the text's ends). `memo` (for the run: Context.kept)
    holds the lines seen and, of those with matches, their matches (offsets in
    the line): a later pass, with few lines changed, reads only the lines it has
    not seen, joined.
    """
    lines = view.lines
    texts = list(map(_TEXT, lines))
    seen, found = memo.setdefault("seen", set()), memo.setdefault("found", {})
    fresh = list(compress(lines, map(not_, map(seen.__contains__, texts)))) if seen else lines
    old = [(line.start, found[line.text]) for line in compress(lines, map(found.__contains__, texts))] if found else []
    reading = view if len(fresh) == len(lines) else TextView("\n".join(map(_TEXT, fresh)))  # the lines not seen
    new: dict[int, list] = {}  # index in fresh -> the matches in that line (offsets in the line)
    for m in _repeats(reading) if fresh else ():
        if not new:  # where each line starts in the text read
            starts = list(map(_START, lines)) if reading is view else \
                list(accumulate((len(line.text) + 1 for line in fresh[:-1]), initial=0))
        k = bisect_right(starts, m.start()) - 1
        at = starts[k]
        new.setdefault(k, []).append((m.start() - at, m.end(1) - at, m.start(3) - at, m.end() - at))
    for k, spans in new.items():
        if len(fresh[k].text) <= _MEMO_LONGEST:
            found[fresh[k].text] = tuple(spans)
        old.append((fresh[k].start, spans))
    seen.update(texts if max(map(len, texts), default=0) <= _MEMO_LONGEST else
                (t for t in texts if len(t) <= _MEMO_LONGEST))
    return sorted((base + a, base + b, base + c, base + d) for base, spans in old for a, b, c, d in spans) if old else []


_TAIL = 4096  # a longer line's last word is read from its end: its rsplit() would copy the rest of it


def _last_words(text: str) -> list[str]:
    """The last of text.rsplit(None, 1), read from as far back as it takes (its first part is not all the
    text's: a long line is not copied)."""
    size = _TAIL
    while True:
        words = text[-size:].rsplit(None, 1)
        if len(words) == 2 or size >= len(text):
            return words[-1:]
        size *= 4


# a longer line is not kept in the memo: it seldom comes back unchanged, and it would keep its text alive
_MEMO_LONGEST = 20_000
_TEXT, _START = attrgetter("text"), attrgetter("start")


def _carried_repeat_spans(text: str, copied, last) -> list[tuple[int, int, int, int]]:
    """_repeat_spans of a text given the stretches copied from the last one (Context.copied) and its
    spans there (`last`): those inside a copied stretch are moved, only the rest is read.

    A cut is a newline, or a space after a full stop: no match holds one (a match's only spaces
    follow a letter), and it is no letter and stops a final sigma's context (see _lower), so the
    matches between two cuts are those of that stretch read on its own. Between the first and
    the last cut of a copied stretch, they are the last text's. (With an "İ" in either text the
    long way reads differently: not carried.)
    """
    moved, reading, offsets = [], [], []  # spans carried; the stretches to read, and where each starts
    at = 0  # where the text not yet accounted for starts (after a cut)
    for start, old, length in copied:
        end = start + length
        first, last_cut = _first_cut(text, start, end), _last_cut(text, start, end)
        if first < 0 or last_cut <= first:
            continue
        if first > at:
            reading.append(text[at:first])
            offsets.append(at)
        shift = start - old
        lo = _first_at(last, first + 1 - shift)
        hi = _first_at(last, last_cut - shift)
        moved.extend((a + shift, b + shift, c + shift, d + shift) for a, b, c, d in last[lo:hi])
        at = last_cut + 1
    if at < len(text):
        reading.append(text[at:])
        offsets.append(at)
    found = []
    if reading:
        joined = "\n".join(reading)  # (a newline is a cut)
        starts = list(accumulate((len(r) + 1 for r in reading[:-1]), initial=0))
        for m in _repeats(TextView(joined)):
            k = bisect_right(starts, m.start()) - 1
            base = offsets[k] - starts[k]
            found.append((m.start() + base, m.end(1) + base, m.start(3) + base, m.end() + base))
    return sorted(moved + found) if found else moved


def _first_at(spans, position: int) -> int:
    """The index of the first span starting at or after `position` (spans sorted)."""
    return bisect_left(spans, (position,))


def _first_cut(text: str, start: int, end: int) -> int:
    """The first cut (see _carried_repeat_spans) in text[start:end], or -1."""
    newline, stop = text.find("\n", start, end), text.find(". ", start, end)
    cuts = [c for c in (newline, stop + 1 if stop >= 0 else -1) if c >= 0]
    return min(cuts) if cuts else -1


def _last_cut(text: str, start: int, end: int) -> int:
    """The last cut in text[start:end], or -1."""
    stop = text.rfind(". ", start, end)
    return max(text.rfind("\n", start, end), stop + 1 if stop >= 0 else -1)


_CAPITAL_I_DOT = "\u0130"  # "İ": _repeats reads a text with one the long way


def _repeats(view) -> list:
    """Matches of _REPEAT in the view's text, tried only where two neighbouring words are alike.

    The backreference pattern (slow when tried at every letter) is tried
    only where a word may repeat (_repeat_starts: at bytes speed, most
    texts have none), and where two neighbouring letter runs of the
    lowercase text are alike, as _repeat_matches tries it.
    """
    starts = _repeat_starts(view)
    if not starts:
        return []
    text = view.text
    if _CAPITAL_I_DOT in text:  # "İ" lowers to two characters (the only one): the long way
        return _repeat_matches(view)
    found, lowered = [], None
    for start in starts:
        # the letter runs there (each character lowers to one of the same kind: the runs of the lowercase text)
        runs = _RUN_AND_NEXT.match(text, start)
        if runs is None:
            continue
        one, two = runs.group(1, 2)
        if _SIGMA in one or _SIGMA in two:  # it lowers by what is around it: as the whole text lowers it
            lowered = lower(text) if lowered is None else lowered
            alike = lowered[runs.start(1):runs.end(1)] == lowered[runs.start(2):runs.end(2)]
        else:  # (every other character lowers on its own)
            alike = len(one) == len(two) and one.lower() == two.lower()
        if alike and (m := _REPEAT.match(text, start)):
            found.append(m)
    return found


_SIGMA = "\u03a3"  # capital sigma: a final sigma lowers to "ς", another to "σ"


# a letter run (LETTER_RUN) where none is before it, and the next one (its lookbehind sees the text before)
_RUN_AND_NEXT = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[\W\d_]+([^\W\d_]+)")


def _repeat_matches(view) -> list:
    """Matches of _REPEAT where two neighbouring letter runs of the lowercase text are alike
    (compared at C speed). Offsets are the text's own, so a lowercase form of another
    length cannot shift them."""
    # pieces: the text between letter runs, and the runs (captured); their lengths give offsets
    text = view.text
    lowered = lower(text)
    if len(lowered) == len(text):  # one character each: the same offsets
        pieces = LETTER_RUN.split(lowered)
        words = pieces[1::2]
    else:  # "İ" lowers to two characters: lower word by word
        pieces = view.letter_run_pieces
        words = list(map(str.lower, pieces[1::2]))
    candidates = offsets(pieces, compress(count(), map(eq, words, words[1:])))  # words i, i + 1 alike
    return [m for _, start in candidates if (m := _REPEAT.match(text, start))]


def _repeat_starts(view) -> list[int]:
    """Where _REPEAT may match (all such offsets, and more). Exact, at the speed of str and bytes methods.

    A match is a word (letters and marks, whole: none before or after it),
    spaces or tabs, and the same word ignoring case: with letters beyond
    ASCII made ASCII (_ascii_letters), two neighbouring letter runs of the
    lowercase text alike with only spaces or tabs between them. Those are
    looked for, a window at a time (_spaced_windows), only for the words
    that are so repeated in the window. Each character stays one byte, so
    offsets are the text's.
    """
    found = []
    # (a short text is one window: no generator)
    for at, spaced in _spaced_windows(view) if len(view.text) > _SMALL_PIECE else ((0, _spaced(view, view.text)),):
        # the words said twice with spaces or "#"s between (these too, and more: their repeats are looked for)
        alike = set(map(_FIRST_WORD, _SAID_TWICE.finditer(b" " + spaced.translate(_HASH_AS_SPACE))))
        found.extend(at + m.start() for word in alike for m in _spaced_repeat(word).finditer(spaced))
    return sorted(found)


def _spaced_windows(view):
    """(offset, the text there with ASCII letters lowercased, spaces and tabs spaces, all else "#") of windows
    of the text, each cut after a "#" (a word alike no other: no repeat crosses it, and what a match looks at
    around it reads the same), of _SMALL_PIECE characters or more: a long text is not made bytes whole."""
    text = view.text
    parts, at = [], 0  # the bytes since the last cut; where they start
    for start in range(0, len(text), _SMALL_PIECE):
        spaced = _spaced(view, text[start:start + _SMALL_PIECE])
        cut = spaced.rfind(b"#") + 1
        if not cut:
            parts.append(spaced)
            continue
        yield at, b"".join([*parts, spaced[:cut]]) if parts else spaced[:cut]
        parts, at = [spaced[cut:]], start + cut
    rest = b"".join(parts)
    if rest:
        yield at, rest


def _spaced(view, piece: str) -> bytes:
    """A piece of the view's text with ASCII letters lowercased, spaces and tabs spaces, all else "#"."""
    # (each character is replaced on its own: what is left beyond ASCII is no letter ("?"), and has
    # no ASCII lowercase: bytes can lowercase)
    return (piece if view.is_ascii or view.derived(_plain_text, _plain_text) else _ascii_letters(piece)) \
        .encode("ascii", "replace").translate(_SPACED_LETTERS)


_SMALL_PIECE = 1 << 14  # characters of a long text made words at a time: a word is an object of 40 bytes

# ASCII letters (lowercased) and \x01 stay, spaces and tabs become spaces, the rest "#"
_LETTERS = frozenset(b"\x01abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SPACED_LETTERS = bytes(ord(chr(c).lower()) if c in _LETTERS else 32 if c in b" \t" else 35 for c in range(256))
_HASH_AS_SPACE = bytes.maketrans(b"#", b" ")
# a word after a space, spaces, and the word again, whole (found at the speed of a string search: a space first)
_SAID_TWICE = re.compile(rb" ([a-z\x01]++) ++\1(?![a-z\x01])")
_FIRST_WORD = itemgetter(1)


@lru_cache(maxsize=1024)
def _spaced_repeat(word: bytes):
    """Where the word, spaces and the word again start, whole (what letters make a word: see
    _repeat_starts); overlapping ("the the the" twice). The word comes first, so that it is
    looked for at the speed of a string search (a lookbehind first is tried at every byte)."""
    word = re.escape(word)
    return re.compile(rb"%s(?<![a-z\x01]%s)(?= +%s(?![a-z\x01]))" % (word, word, word))


def _plain_text(view) -> bool:
    """Are the text's only characters beyond ASCII common marks (no letter)? Asked once a text version,
    of the characters beyond plain ASCII the view lists (shared with the stages that act on them)."""
    if view.is_ascii:
        return True
    unusual = unusual_chars(view)
    if unusual is None:  # (too many to list: the text itself is looked at)
        return duplicate_sentence._plain(view.text)
    return all(c.isascii() or c in duplicate_sentence.COMMON_MARKS for c in unusual)


def _ascii_letters(text: str) -> str:
    """The text with each letter or mark beyond ASCII replaced by the ASCII letter it matches
    ignoring case (the regex module's: see replace.py) or, if none, by \x01 (alike for all):
    words alike ignoring case stay alike."""
    beyond = _ASCII_OR_COMMON_MARKS.sub("", text)  # the characters beyond ASCII, but for common marks
    if not beyond:
        return text
    partners = {char: _ASCII_PARTNER.get(char, "\x01") for char in set(beyond)
                if char in _ASCII_PARTNER or _foreign_letter(char)}
    if len(partners) > _FEW:  # (Chinese text has thousands: one replace each would read the text thousands of times)
        return text.translate(str.maketrans(partners))
    for char, partner in partners.items():
        text = text.replace(char, partner)
    return text


_ASCII_OR_COMMON_MARKS = re.compile(f"[\\x00-\\x7f{duplicate_sentence.COMMON_MARKS}]+")
_FEW = 256  # more characters replaced one at a time (a string search each) cost more than translate()
_ASCII_PARTNER = {chr(c): partner for c, partner in ASCII_CASE_PARTNERS.items()}
_LETTER_OR_MARK = _Later(r"[\p{L}\p{M}]")


@lru_cache(maxsize=4096)
def _foreign_letter(char: str) -> bool:
    return _LETTER_OR_MARK.match(char) is not None


# Whole-line detectors run first, in the order of their rules, until nothing more goes
# (removing lines brings others together); the others then run in this table's order.
DETECTORS = {
    "duplicate-line": DuplicateLines,
    "teaser-pair": TeaserPairs,
    "duplicate-sentence": SentenceCopies,
    "site-tail": SiteNames,
    "repeated-word": RepeatedWords,
}
SETTINGS = {name: detector.Settings for name, detector in DETECTORS.items()}


def build(rules, env):
    return [StructureStage(rules)]


class StructureStage:
    name = "structure"

    def __init__(self, rules):
        checks = [DETECTORS[r.data["detector"]](r) for r in rules]
        order = list(DETECTORS.values())
        self.line_checks = [c for c in checks if c.whole_lines]
        self.other_checks = sorted((c for c in checks if not c.whole_lines), key=lambda c: order.index(type(c)))

    def propose(self, text, ctx):
        scan = _Scan(text, ctx.view(text), ctx, self)
        # Removing lines brings others together (a teaser pair between two copies
        # of a caption): look again at the lines left until nothing more goes, so
        # that cleaning the output once more finds nothing.
        while len(scan.lines) > 1:  # (one line has no neighbour to compare)
            before = len(scan.remove)
            for check in self.line_checks:
                check.mark(scan)
            if len(scan.remove) == before:
                break
        found = [p for check in self.other_checks for p in check.find(scan)]  # (sentence copies add whole lines)
        for start, end, rule in removal_spans(text, scan.lines, scan.remove):
            yield Proposal(start, end, "", rule.id, rule.message, rule.level)
        yield from found
        scan.memo.update(scan.learnt)  # (the call ends: what it found serves the next)
