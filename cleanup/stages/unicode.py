"""Unicode repair: ftfy for mojibake, then normalisers for invisible characters.

ftfy runs only on lines that hold a character one of its fixers can act on
(non-ASCII other than plain news punctuation such as ’ “ ” —, '&' for HTML
entities, control characters and escapes): on other lines it can change
nothing, and skipping them is what makes this stage fast on news text. A
candidate line ftfy would still give back unchanged (accented words, no
mojibake) is told by a first look at C speed (ftfy_reach.py), not by ftfy.
Each changed line is compared with its repair and every changed run becomes
its own edit, with ftfy's explanation as the message.

The result equals `ftfy.fix_text` on the whole text with the same settings
(tests/test_unicode_fastpath.py): the lines are cut exactly where fix_text
cuts them, and, like fix_text, once a line holds '<' HTML entities are no
longer decoded in that line or any after it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, partial
from itertools import accumulate
from typing import Literal

from ..analysis.unusual_chars import FEW, NextOf, positions, unusual_chars
from ..core.edits import Proposal
from ..rulebook.loading import Rule
from .ftfy_reach import ftfy_may_change

# Curly quotes, ligatures and full-width letters are left alone: they are
# correct in clean text. Line breaks belong to Document.
FTFY_DEFAULTS = dict(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
                     fix_line_breaks=False, explain=True)

# Character classes: the stdlib `re` scans for these 2-3x faster than `regex`
# (same code points either way), and every document is scanned for each.

# what ftfy could act on; a line with none of these is left to itself
FTFY_CANDIDATE = re.compile(r"[^\t\n\x20-\x25\x27-\x7e]")
# The punctuation of ordinary English news. No fixer acts on it alone, and
# ftfy's mojibake heuristic sees mojibake only where other characters stand
# next to it, so a line whose only non-ASCII characters are these is left to
# itself too (unless quotes are uncurled or NFKC folds "…" into "...").
PLAIN_PUNCTUATION = "’‘“”–—…©\u00a0"
FTFY_CANDIDATE_NEWS = re.compile(f"[^\\t\\n\\x20-\\x25\\x27-\\x7e{PLAIN_PUNCTUATION}]")

NORMALIZERS = {
    # no-break and other fixed-width spaces -> a plain space
    "no-break-space": (re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u205f\u3000]"), " "),
    # invisible characters with no business in running text (ZWJ stays: emoji use it)
    "zero-width": (re.compile(r"[\u200b\u2060\ufeff\u00ad\u180e]"), ""),
    # C0/C1 control characters other than tab and newline
    "control": (re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"), ""),
}

# any character some normaliser replaces: found among the text's unusual characters once per text
# version (view.derived), shared by the three stages, it tells each whether the text holds one of its own
_ANY_NORMALIZED = re.compile("[" + "".join(p.pattern[1:-1] for p, _ in NORMALIZERS.values()) + "]")

_NAMES = {"\u00a0": "no-break space", "\u202f": "narrow no-break space", "\u2007": "figure space",
          "\u200b": "zero-width space", "\u2060": "word joiner", "\ufeff": "byte-order mark",
          "\u00ad": "soft hyphen", "\u3000": "ideographic space"}


@dataclass(frozen=True)
class Settings:
    normalizer: Literal["ftfy", "no-break-space", "zero-width", "control"]  # which repair the rule makes
    options: dict = field(default_factory=dict)  # ftfy only: ftfy.TextFixerConfig options (explain stays on)


SETTINGS = Settings


def describe_char(ch: str) -> str:
    import unicodedata

    return _NAMES.get(ch) or unicodedata.name(ch, f"U+{ord(ch):04X}").lower()


class FtfyStage:
    name = "unicode"

    def __init__(self, rule: Rule):
        self.rule = rule

    # ftfy is imported when a text first holds a character it may act on (start-up: a run of
    # plain ASCII never needs it); the rule's options were checked against the schema on loading
    @cached_property
    def config(self):
        import ftfy

        return ftfy.TextFixerConfig(**{**FTFY_DEFAULTS, **self.rule.settings.options})

    @cached_property
    def config_after_markup(self):
        return self.config._replace(unescape_html=False)

    @cached_property
    def candidate(self) -> re.Pattern:
        plain_is_plain = not self.config.uncurl_quotes and self.config.normalization in ("NFC", None)
        return FTFY_CANDIDATE_NEWS if plain_is_plain else FTFY_CANDIDATE

    def propose(self, text, ctx):
        if text.isascii() and text.isprintable() and "&" not in text:
            return ()  # plain ASCII without '&' holds no FTFY_CANDIDATE, known at C speed without the view
        unusual = unusual_chars(ctx.view(text))
        if not _holds(FTFY_CANDIDATE, text, unusual):
            return ()  # nothing ftfy acts on (FTFY_CANDIDATE_NEWS finds fewer characters still)
        import ftfy

        if self.candidate is FTFY_CANDIDATE_NEWS and not _holds(FTFY_CANDIDATE_NEWS, text, unusual):
            return ()  # news punctuation alone
        found = []
        markup_from = text.find("<") if self.config.unescape_html == "auto" else -1
        segments = _candidate_segments(text, self.candidate, self.config.max_decode_length,
                                       _held(self.candidate, text, unusual))
        for start, segment in segments:
            after_markup = markup_from != -1 and start + len(segment) > markup_from
            config = self.config_after_markup if after_markup else self.config
            if not ftfy_may_change(segment, config):
                continue  # (accented words in clean prose: ftfy's mojibake search is the cost)
            fixed = ftfy.fix_and_explain(segment, config)
            if fixed.text == segment:
                continue
            why = _explain(fixed.explanation)
            found += (Proposal(start + i1, start + i2, fixed.text[j1:j2], self.rule.id,
                               f"{self.rule.message}: {why}", self.rule.level)
                      for i1, i2, j1, j2 in changed_runs(segment, fixed.text))
        return found


class NormalizerStage:
    name = "unicode"

    def __init__(self, rule: Rule):
        self.rule = rule
        self.pattern, self.replacement = NORMALIZERS[rule.settings.normalizer]
        self.beyond_ascii = not self.pattern.search("".join(map(chr, range(128))))  # (all but "control")

    def propose(self, text, ctx):
        # at C speed, without the text's view: every character a normaliser replaces is unprintable
        # (str.isprintable: most short texts without a tab or line break), and all but controls are beyond
        # ASCII. (isprintable reads a text with no line break to its end, at each of the three stages' calls:
        # a long one is read once for all three, by the view's unusual characters, below.)
        if (self.beyond_ascii and text.isascii()) or len(text) <= _PRINTABLE_UP_TO and text.isprintable():
            return ()
        found = ctx.view(text).derived(_ANY_NORMALIZED, _normalized_chars)
        mine = "".join(filter(self.pattern.match, found))
        if not mine:
            return ()  # none of this normaliser's characters (most texts: none of any)
        at_each = positions(text, mine) if len(mine) <= FEW else (m.start() for m in self.pattern.finditer(text))
        return [Proposal(at, at + 1, self.replacement, self.rule.id,
                         f"{self.rule.message} ({describe_char(text[at])})", self.rule.level) for at in at_each]


_PRINTABLE_UP_TO = 4096  # characters: a longer text is not asked isprintable() (see NormalizerStage)


def _normalized_chars(view) -> frozenset:
    # every character a normaliser replaces is beyond plain ASCII: among the text's unusual ones
    unusual = unusual_chars(view)
    return frozenset(_ANY_NORMALIZED.findall(view.text if unusual is None else unusual))


def _held(candidate: re.Pattern, text: str, unusual: str | None) -> str | None:
    """The `candidate` characters the text holds, when they are known and FEW (else None)."""
    if unusual is None:
        return None
    held = "".join(filter(candidate.match, unusual)) + ("&" if "&" in text else "")
    return held if len(held) <= FEW else None


def _holds(candidate: re.Pattern, text: str, unusual: str | None) -> bool:
    """Does the text hold a `candidate` character? (`unusual`: its characters beyond plain ASCII, or
    None: look at the text; of plain ASCII, a candidate matches '&' alone)"""
    if unusual is None:
        return bool(candidate.search(text))
    return bool(candidate.search(unusual)) or "&" in text


def build(rules: list[Rule], env=None):
    return [FtfyStage(r) if r.settings.normalizer == "ftfy" else NormalizerStage(r) for r in rules]


# Above this length a character diff (quadratic at worst) gives way to a diff of
# whitespace-separated tokens, then of characters within each changed token run.
CHARACTER_DIFF_LIMIT = 20_000
_WHITESPACE = re.compile(r"(\s+)")


def changed_runs(a: str, b: str):
    """(i1, i2, j1, j2) for each run where `a` and its repair `b` differ.

    ftfy repairs characters in place, so on a long segment (a whole file
    without a newline) the tokens line up and each changed token is diffed on
    its own: linear, where one character diff of a million-character line
    would not finish.
    """
    if len(a) <= CHARACTER_DIFF_LIMIT and len(b) <= CHARACTER_DIFF_LIMIT:
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag != "equal":
                yield i1, i2, j1, j2
        return
    tokens_a, tokens_b = _WHITESPACE.split(a), _WHITESPACE.split(b)
    if len(tokens_a) == len(tokens_b):
        blocks = ((k, k + 1, k, k + 1) for k in range(len(tokens_a)))
    else:
        blocks = ((i1, i2, j1, j2) for _, i1, i2, j1, j2 in SequenceMatcher(None, tokens_a, tokens_b).get_opcodes())
    at_a = _starts(tokens_a)
    at_b = _starts(tokens_b)
    for i1, i2, j1, j2 in blocks:
        piece_a, piece_b = "".join(tokens_a[i1:i2]), "".join(tokens_b[j1:j2])
        if piece_a == piece_b:
            continue
        if len(piece_a) > CHARACTER_DIFF_LIMIT or len(piece_b) > CHARACTER_DIFF_LIMIT:
            yield at_a[i1], at_a[i2], at_b[j1], at_b[j2]  # one long run replaced whole
            continue
        for x1, x2, y1, y2 in changed_runs(piece_a, piece_b):
            yield at_a[i1] + x1, at_a[i1] + x2, at_b[j1] + y1, at_b[j1] + y2


def _starts(tokens: list[str]) -> list[int]:
    """The offset where each token starts, and the total length last."""
    return [0, *accumulate(map(len, tokens))]


def _candidate_segments(text: str, candidate, max_length: int, held: str | None = None):
    """The pieces fix_text fixes one by one (a line with its newline, cut at
    max_length) that hold a `candidate` character (`held`: the ones the text holds, if known)."""
    # From one candidate character to the next: lines without one are never visited one by one
    next_candidate = NextOf(text, held) if held is not None else partial(_next_match, candidate, text)
    pos = line_start = 0  # (line_start: where the line being searched starts)
    while (at := next_candidate(pos)) >= 0:
        newline_before = text.rfind("\n", pos, at)
        if newline_before >= 0:
            line_start = newline_before + 1
        start = line_start + (at - line_start) // max_length * max_length
        end = min(text.find("\n", at) + 1 or len(text), start + max_length)
        yield start, text[start:end]
        if text[end - 1] == "\n":
            line_start = end
        pos = end


def _next_match(pattern: re.Pattern, text: str, pos: int) -> int:
    found = pattern.search(text, pos)
    return found.start() if found else -1


_STEP_WORDS = {
    "unescape_html": "HTML entity decoded",
    "remove_terminal_escapes": "terminal escape removed",
    "remove_control_chars": "control character removed",
    "fix_c1_controls": "C1 control character replaced",
    "fix_surrogates": "surrogate pair joined",
    "restore_byte_a0": "no-break space restored inside mojibake",
    "replace_lossy_sequences": "lost mojibake bytes marked",
    "decode_inconsistent_utf8": "inconsistent UTF-8 mojibake decoded",
}


def _explain(steps) -> str:
    words, i = [], 0
    steps = list(steps or [])
    while i < len(steps):
        action, param = steps[i]
        if action == "encode" and i + 1 < len(steps) and steps[i + 1][0] == "decode":
            words.append(f"mojibake: re-encoded as {param}, decoded as {steps[i + 1][1]}")
            i += 2
            continue
        words.append(_STEP_WORDS.get(param, f"{action} {param}"))
        i += 1
    return "; ".join(dict.fromkeys(words)) or "ftfy repaired the text"
