"""The shapes a line can share with lines of other documents.

Numbers and dates are normalised first, so "Updated 12 May 2021" and
"Updated 3 June 2022" are one line. A line then yields up to three kinds of
key:

- ("line", text): the whole line (short lines only: boilerplate is short);
- ("head", text): its start up to a separator in its first few words
  ("Read more:", "Photo:"), when something follows: a family of lines
  sharing a frame;
- ("tail", text): what follows a separator at its end ("- Yahoo! News",
  "｜Saga Shimbun LiVE", "(provided)"), and for "= <place>" caption tails
  the shape ("= <Place>"): a credit glued to a line.

`to_pattern` turns a normalised text back into a regular expression.
"""
from __future__ import annotations

import regex

MAX_LINE_WORDS = 30    # longer lines are article text, not furniture
MAX_LINE_CHARS = 300
MAX_HEAD_WORDS = 5     # a frame's fixed start is short: "Read more:", "Photo by"
MAX_TAIL_CHARS = 80
MAX_TAIL_WORDS = 10
TAILS_PER_LINE = 3

DATE, NUMBER, PLACE = "<date>", "<n>", "<Place>"
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATES = regex.compile(rf"\b{_WEEKDAY}(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|"
                       rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
                       rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?)\b")
_NUMBERS = regex.compile(r"\d+(?:[.,:]\d+)*")
DATE_PATTERN = (rf"{_WEEKDAY}(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|"
                rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
                rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?)")
NUMBER_PATTERN = r"\d+(?:[.,:]\d+)*"
PLACE_PATTERN = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2}"

_HEAD = regex.compile(r"^((?:\S+\s+){0,%d}?\S*?(?:[:｜|]|\s[-–—/]))\s*\S" % (MAX_HEAD_WORDS - 1))
# where a tail may start: bars, a spaced dash or "=", a hyphen glued between a word and a
# capital ("countries-Xinhua"), or a short parenthesis that ends the line
_TAIL_START = regex.compile(r"[ \t]*[｜|][ \t]*|[ \t]+[-–—=][ \t]+|(?<=[\p{Ll}\p{N}])-(?=\p{Lu})|"
                            r"[ \t]*(?=\([^()\n]{1,40}\)$)")
_DASHES = regex.compile(r"^[-–—]")
_GLUED_NAME = regex.compile(r"-\p{Lu}[^\s.!?]*(?: \p{Lu}[^\s.!?]*){0,3}$")
_PLACE_TAIL = regex.compile(r"^= " + PLACE_PATTERN + "$")
_SPACES = regex.compile(r"\s+")


def normalise(text: str) -> str:
    text = _SPACES.sub(" ", text.strip())
    return _NUMBERS.sub(NUMBER, _DATES.sub(DATE, text))


def has_words(normalised: str) -> bool:
    """Letters besides numbers and dates: "(<n>)" and "<date>" say nothing a rule could hold on to."""
    return bool(regex.search(r"\p{L}", regex.sub(r"<date>|<n>", "", normalised)))


def to_pattern(normalised: str, loose: bool = False) -> str:
    """A regex for every text that normalises to this one (numbers, dates, spaces); loose: any spacing
    after a mark, as tail keys drop it."""
    out = []
    for part in regex.split(r"(<date>|<n>|<Place>| )", normalised):
        text = escape(part)
        if loose:
            text = regex.sub(r"((?:\\.|[^\w\s\\])(?=.))", r"\1\\s*", text)
        out.append({DATE: DATE_PATTERN, NUMBER: NUMBER_PATTERN, PLACE: PLACE_PATTERN, " ": r"\s+"}.get(part, text))
    return "".join(out)


_SPECIAL = regex.compile(r"([.^$*+?{}\[\]\\|()])")


def escape(text: str) -> str:
    """Escape what a regex would read as syntax, and only that (patterns stay readable)."""
    return _SPECIAL.sub(r"\\\1", text)


def is_short(line: str) -> bool:
    return len(line) <= MAX_LINE_CHARS and len(line.split()) <= MAX_LINE_WORDS


def head_of(line: str) -> str | None:
    """The normalised fixed start of a framed line ("Read more:"), if it has one."""
    m = _HEAD.match(normalise(line))
    if not m or not regex.search(r"\p{L}", m.group(1)):
        return None
    return m.group(1)


def tails_of(line: str) -> list[str]:
    """Normalised tails (separator and text) at the end of a line, shortest first."""
    out = []
    for m in reversed(list(_TAIL_START.finditer(line))):
        if m.start() == 0 or len(line) - m.start() > MAX_TAIL_CHARS or len(out) == TAILS_PER_LINE:
            break
        tail = tail_key(line[m.start():])
        if m.group() == "-" and not _GLUED_NAME.match(line, m.start()):
            continue  # "Ukrainian-Turkish plant." is a compound word, "countries-Xinhua" a glued name
        if tail and len(tail.split()) <= MAX_TAIL_WORDS and has_words(tail):
            out.append(tail)
            if _PLACE_TAIL.match(tail):
                out.append("= " + PLACE)
    return list(dict.fromkeys(out))


def tail_text(tail: str) -> str:
    """A tail key without its separator: what to look for in a raw line."""
    return regex.sub(r"^(?:- |[｜|]|= )", "", tail)


_SPACE_AFTER_MARK = regex.compile(r"(?<=[^\w\s<>])\s+(?=\S)")


def tail_key(tail: str) -> str:
    """A tail with its separator written one way: "- Xinhua" for " – Xinhua" and "-Xinhua", and no space
    after a mark inside it ("Yahoo!News" for "Yahoo! News": the pattern allows any)."""
    tail = normalise(tail)
    head, rest = (tail[:2], tail[2:]) if tail[:1] in "-–—=" else (tail[:1], tail[1:])
    tail = head + _SPACE_AFTER_MARK.sub("", rest)
    if _DASHES.match(tail):
        tail = "- " + tail[1:].lstrip()
    elif tail[:1] in "｜|":
        tail = tail[0] + tail[1:].lstrip()
    return tail
