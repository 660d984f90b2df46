"""Untranslated script: other writing systems and CJK punctuation inside English text.

A run of Cyrillic, Han, kana, hangul, Greek, Arabic or Hebrew letters in an
English article is text the translation left behind: it is flagged, naming
the script (and the language, when one word list clearly knows the words),
never rewritten, because only a translator can say what it means. A gloss
is left alone: a run introduced by a language's name ("Greek: Εὐσέβιος") or
opening the parentheses right after a name, with more than the run inside
("Ichiyō Higuchi (樋口 一葉, 1872 – 1896)"). A bare "(西双版納)" after a
name is the source's spelling the translation kept: flagged like any run.

Full-width and ideographic punctuation between English words becomes its
ASCII form (Unicode's compatibility mapping where it has one), and a
katakana middle dot between Latin words a hyphen, or a space inside a name
the lexicon knows ("Vladimir・Putin"). All of this only when the text is
English: enough Latin letters (min_latin_share). An ideographic space
alone between Latin words stands where the translation dropped a word,
usually a name ("General Secretary 　 delivered"): flagged.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import regex

from ...analysis.languages import is_language_name, language_name, probable_language
from ...analysis.lexicon import key
from ...analysis.scan import rare_chars
from ...analysis.tokens import LETTERS
from ...analysis.unusual_chars import unusual_chars, unusual_in
from ...core.edits import Proposal


@dataclass(frozen=True)
class Untranslated:
    scripts: tuple[str, ...] = ()    # Unicode script names whose runs are reported (Han, Cyrillic ...)
    min_letters: int = 1             # shortest run reported, in letters (a lone Greek letter is a symbol)
    min_latin_share: float = 0.3     # the text is English only with at least this share of Latin letters
    languages: tuple[str, ...] = ()  # wordfreq codes asked to name the probable language of a run


@dataclass(frozen=True)
class FullwidthPunctuation:
    min_latin_share: float = 0.3  # the text is English only with at least this share of Latin letters


@dataclass(frozen=True)
class MiddleDot:
    min_latin_share: float = 0.3  # the text is English only with at least this share of Latin letters


@dataclass(frozen=True)
class DroppedWord:
    """Nothing to set: an ideographic space alone between Latin words is reported."""


SETTINGS = {"untranslated": Untranslated, "fullwidth-punctuation": FullwidthPunctuation,
            "middle-dot": MiddleDot, "dropped-word": DroppedWord}

_LABEL = regex.compile(r"(\p{Lu}\p{Ll}+):\s*[\"'“‘«(]?\s*$")
_NAME_GLOSS = regex.compile(r"\p{Lu}[\p{L}\p{M}.]*\s\(\s*$")

# CJK punctuation with no compatibility mapping to ASCII in Unicode's data
_IDEOGRAPHIC = {"、": ",", "。": ".", "「": '"', "」": '"', "『": '"', "』": '"', "【": "[", "】": "]",
                "〈": "<", "〉": ">", "《": '"', "》": '"', "〔": "(", "〕": ")", "〖": "[", "〗": "]"}
_SPACE_AFTER = set(",.;:!?)]")
_SPACE_BEFORE = set("([")
_MIDDLE_DOT = regex.compile(r"(?<=(\p{Latin}[\p{L}\p{M}]*))[・･](?=(\p{Latin}[\p{L}\p{M}]*))")


def _ascii_punctuation(ch: str) -> str | None:
    if ch in _IDEOGRAPHIC:
        return _IDEOGRAPHIC[ch]
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 and folded.isascii() and not folded.isalnum() and folded != ch else None


_WIDE = "".join(chr(c) for c in range(0xFF01, 0xFF66) if _ascii_punctuation(chr(c))) + "".join(_IDEOGRAPHIC)
_WIDE_MARK = re.compile(f"[{re.escape(_WIDE)}]")  # (stdlib re: a class of literals, several times faster)


_LETTER_RUN = regex.compile(r"\p{L}+")
_LATIN_RUN = regex.compile(r"\p{Latin}+")
_BEYOND_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_ASCII_NOT_LETTER = bytes(c for c in range(128) if not chr(c).isalpha())


def latin_share(text: str) -> float:
    """The share of Latin letters among the text's letters (1.0 without any)."""
    # ASCII letters are Latin letters, counted at bytes speed; the regex's properties read only the rest
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NOT_LETTER))
    rest = "".join(_BEYOND_ASCII_RUN.findall(text))
    letters = ascii_letters + sum(map(len, _LETTER_RUN.findall(rest)))
    return (ascii_letters + sum(map(len, _LATIN_RUN.findall(rest)))) / letters if letters else 1.0


def build(rules, env):
    return [ScriptStage(rules, env.lexicon)]


class ScriptStage:
    name = "script"

    def __init__(self, rules, lexicon):
        self.lex = lexicon
        # dropped words are found from the original text; the others only in text English enough
        self.dropped = [r for r in rules if r.data["detector"] == "dropped-word"]
        self.in_english = [(r, FINDERS[r.data["detector"]]) for r in rules if r.data["detector"] in FINDERS]
        self.runs = {r.settings.scripts: _run_pattern(r.settings.scripts)
                     for r in rules if r.data["detector"] == "untranslated"}
        self.starts = {}  # scripts -> _run_starts
        self.gate = _gate(rules)
        self.ascii_calm = not any(self.gate.match(chr(c)) for c in range(128))  # (isascii is all but free)

    @cached_property
    def rare(self):
        """The first look's class (made when first needed: a run of ASCII texts never needs it)."""
        return rare_chars(lambda ch: bool(self.gate.match(ch)))

    def propose(self, text, ctx):
        if self.dropped and ctx is not None and "\u3000" in ctx.original:
            for rule in self.dropped:
                yield from dropped_words(text, ctx.original, rule)
        where = text
        if self.ascii_calm:  # (then only characters beyond plain ASCII can pass the gate: those few are asked)
            if text.isascii():
                return
            unusual = unusual_chars(ctx.view(text)) if ctx is not None else unusual_in(text)
            where = text if unusual is None else unusual
        if not (self.rare.search(where) and self.gate.search(where)):
            return  # no letter of a listed script, no wide mark, no middle dot: nothing to report
        share = latin_share(text)
        for rule, find in self.in_english:
            if share >= rule.settings.min_latin_share:
                yield from find(self, text, rule)

    def _run_starts(self, scripts) -> re.Pattern:
        """What a run of these scripts may start with, at C speed (made when first needed)."""
        if scripts not in self.starts:
            letter = regex.compile(_run_letter(scripts))
            self.starts[scripts] = rare_chars(lambda ch: bool(letter.match(ch)))
        return self.starts[scripts]

    def _untranslated(self, text, rule):
        scripts, min_letters = rule.settings.scripts, rule.settings.min_letters
        for m in _matches_from(text, self.runs[scripts], self._run_starts(scripts)):
            run = m.group()
            # count only letters that belong to a script by themselves: the prolonged
            # sound mark ー is shared by kana and also serves as a dash
            per_script = {s: len(regex.findall(rf"\p{{Script={s}}}", run)) for s in scripts}
            if sum(per_script.values()) < min_letters or _is_gloss(text, m.start(), m.end()):
                continue
            names = [s for s, n in per_script.items() if n]
            what = " and ".join(names)
            lang = probable_language(LETTERS.findall(run), rule.settings.languages)
            if lang:
                what += f", probably {language_name(lang)}"
            yield Proposal(m.start(), m.end(), None, rule.id, f"{rule.message} ({what}): '{run}'", rule.level)

    def _fullwidth(self, text, rule):
        for m in _WIDE_MARK.finditer(text):
            before = text[max(0, m.start() - 8):m.start()].rstrip()[-1:]
            after = text[m.end():m.end() + 8].lstrip()[:1]
            if _is_cjk(before) and _is_cjk(after):
                continue  # punctuation of the untranslated text itself
            ch = m.group()
            ascii_ = _ascii_punctuation(ch)
            nxt, prev = text[m.end():m.end() + 1], text[m.start() - 1:m.start()]
            replacement = ((" " if ascii_ in _SPACE_BEFORE and prev.isalnum() else "") + ascii_
                           + (" " if ascii_ in _SPACE_AFTER and nxt.isalpha() else ""))
            yield Proposal(m.start(), m.end(), replacement, rule.id,
                           f"{rule.message}: {ch} (U+{ord(ch):04X} {unicodedata.name(ch)}) → '{ascii_}'", rule.level)

    def _middle_dots(self, text, rule):
        if "・" not in text and "･" not in text:
            return  # (the pattern's lookbehind is tried at every character)
        for m in _MIDDLE_DOT.finditer(text):
            spaced = f"{m.group(1)} {m.group(2)}"
            known = any(h.form == spaced for h in self.lex.lookup(key(spaced)))
            joint, why = (" ", f"{spaced} is a name the lexicon knows") if known else ("-", "a hyphen in English")
            dot = m.group()
            yield Proposal(m.start(), m.end(), joint, rule.id,
                           f"{rule.message}: {dot} (U+{ord(dot):04X} {unicodedata.name(dot)}) between "
                           f"Latin words; {why}", rule.level)


FINDERS = {  # detector -> the method that finds what it reports in English text (dropped words aside)
    "untranslated": ScriptStage._untranslated,
    "fullwidth-punctuation": ScriptStage._fullwidth,
    "middle-dot": ScriptStage._middle_dots,
}


def _gate(rules):
    """Characters without which no rule reports anything.

    An untranslated run is reported only with a letter whose own script is
    listed (min_letters is at least 1); the other detectors need their marks.
    """
    scripts = sorted({s for r in rules if r.data["detector"] == "untranslated" for s in r.settings.scripts})
    letters = "".join(rf"\p{{Script={s}}}" for s in scripts)
    return regex.compile(f"[{letters}{regex.escape(_WIDE)}・･]")


def _run_letter(scripts) -> str:
    letters = "".join(rf"\p{{Script_Extensions={s}}}" for s in scripts)
    return rf"(?:(?=\p{{L}})[{letters}])"


def _run_pattern(scripts):
    letter = _run_letter(scripts)
    # letters of those scripts, with the spaces, marks, digits and punctuation between them
    return regex.compile(rf"{letter}(?:[\p{{Zs}}\p{{P}}\p{{S}}\p{{N}}\p{{M}}]*+{letter})*+")


def _matches_from(text: str, pattern, starts: re.Pattern):
    """pattern.finditer(text) for a pattern whose matches are never empty, tried only where
    `starts` finds a character a match may start with (the regex's properties cost a Python-level
    check per character; `re` skips the rest at C speed)."""
    pos = misses = 0
    while found := starts.search(text, pos):
        m = pattern.match(text, found.start())
        if m:
            yield m
            pos = m.end()
            continue
        misses += 1
        if misses > DENSE_MISSES and misses * 32 > found.start():
            # a text full of characters that start no run (another script, emoji): a look at each
            # costs more in Python than the regex's own scan of the rest
            yield from pattern.finditer(text, found.start() + 1)
            return
        pos = found.start() + 1


DENSE_MISSES = 64  # possible starts that started no run, before their density is judged


def _is_gloss(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40):start]
    label = _LABEL.search(before)
    if label and is_language_name(label.group(1)):
        return True
    # after a name, in parentheses that hold more than the run (a date, a reading): a deliberate gloss
    return bool(_NAME_GLOSS.search(before)) and not _BARE_CLOSE.match(text, end)


_BARE_CLOSE = regex.compile(r"\s*[)）]")


# An ideographic space between Latin words, where a system dropped a word ("General Secretary 　 delivered")
_DROPPED = regex.compile(r"(?<=\p{Latin}[ \t]{0,2})\u3000+(?=[ \t]{0,2}['’\p{Latin}])")
_CONTEXT = 24


def dropped_words(text: str, original: str, rule):
    """Flag, in the text as it is now, each ideographic space of the original that stands for a dropped word.

    The unicode rules have usually made it a plain space by now, which says
    nothing: it is found again by the characters around it in the original.
    """
    for m in _DROPPED.finditer(original):
        left = original[max(0, m.start() - _CONTEXT):m.start()].replace("\u3000", " ")
        right = original[m.end():m.end() + _CONTEXT].replace("\u3000", " ")
        for mark in (m.group(), " " * len(m.group())):
            at = _nearest(text, left + mark + right, m.start() - len(left))
            if at >= 0:
                start = at + len(left)
                yield Proposal(start, start + len(mark), None, rule.id, rule.message, rule.level)
                break


def _nearest(text: str, needle: str, near: int) -> int:
    """The occurrence of `needle` in `text` that starts nearest `near` (-1 if none)."""
    best, at = -1, text.find(needle)
    while at >= 0:
        if best < 0 or abs(at - near) < abs(best - near):
            best = at
        at = text.find(needle, at + 1)
    return best


_CJK = regex.compile(r"[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))
