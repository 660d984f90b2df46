"""Site and section names glued to the end of a headline by the page's <title>.

"… in China's Frontier (JBpress) - Yahoo! News", "… tea fair opening -
Viewpoint headlines - Hunan Daily Online - 华声在线", "…｜Life and
Culture｜The Saga Shimbun News｜Saga Shimbun LiVE": a scraper that takes the
page title takes the site's name with it. The shape is what tells: at the
end of a line, after at least three words, separators (a spaced dash, a
bar, a middle dot, a colon, an underscore) between short names, the last of
which names a site (a word such as News, Daily, Shimbun, Online or an
agency's name from the rule's list, a domain, or a name left in Chinese or
Japanese). A source in parentheses right before ("(Fukushima TV)", in
full-width parentheses too) goes with it. A site word alone may also be
glued by a hyphen to the headline's last word ("… countries-Xinhua").

Speed: a line gets the full pattern only if it ends as a site's name can
(most lines end with a full stop or a quote) and its last separator is
followed by a short segment holding a site word (a few string searches per
line).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import compress, repeat
from operator import attrgetter, not_

import regex

_SEPARATORS = ("|", "｜", "・", "･", " - ", " – ", " — ", ": ", "：", "_", "-")
_WORD = r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’&.!-]*"
_HEAD = r"[\p{Lu}\p{Lo}\p{N}][\p{L}\p{N}\p{M}'’&.!-]*"
_SEP = r"(?:[ \t]*[|｜・･_：][ \t]*|[ \t]+[-–—][ \t]+|:[ \t]+)"
_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}"
# words that are prefixes before a hyphen ("anti-Reuters"), not a headline's last word
_PREFIXES = "anti|pro|non|pre|post|inter|multi|ultra|counter|sino|euro|pan|ex|neo|semi|mid|over|under|self|super|co"


@dataclass(frozen=True)
class Settings:
    site_words: tuple[str, ...] = ()  # words that name a site or its owner (News, Daily, Xinhua ...)
    domains: tuple[str, ...] = ()     # top-level domains (com, cn ...) that make a segment a site name
    max_tag_words: int = 6            # the most words in one site or section name


class SiteTails:
    """One site-tail rule: the words and domains that name a site, ready to search."""

    def __init__(self, rule):
        s = rule.settings
        self.rule = rule
        self.words = "|".join(regex.escape(w) for w in sorted(s.site_words, key=len, reverse=True))
        self.domains = "|".join(regex.escape(t) for t in s.domains)
        self.max_words = s.max_tag_words
        # what a line whose tail is found cannot end with: tail ends with [\p{L}\p{N}!], glued with a site word
        self.no_site_end = frozenset(_NO_NAME_ENDS).difference(w[-1] for w in s.site_words if w)

    # the patterns are compiled when first needed (most texts have no line that gets that far)
    @cached_property
    def site(self) -> str:
        return "|".join(p for p in (rf"\b(?:{self.words})(?!\p{{Ll}})" if self.words else "",
                                    rf"\.(?:{self.domains})\b" if self.domains else "", rf"[{_CJK}]") if p)

    @cached_property
    def site_word(self):
        """The cheap look at a line's last segment."""
        return regex.compile(self.site)

    @cached_property
    def tail(self):
        segment = rf"(?:[ \t]+{_WORD}){{0,{self.max_words - 1}}}"
        return regex.compile(
            rf"(?<=\S[ \t]+\S+[ \t]+\S+)(?:[ \t]*[(（][^()（）\n]{{1,40}}[)）])?(?:{_SEP}{_HEAD}{segment}){{0,6}}"
            rf"{_SEP}(?=[^\n]*?(?:{self.site})){_HEAD}{segment}(?<=[\p{{L}}\p{{N}}!])[ \t]*$")

    # "… and other countries-Xinhua": a site word alone, glued by a hyphen to the last word (not "pro-Xinhua")
    @cached_property
    def glued(self):
        return self.words and regex.compile(rf"(?<=\S[ \t]+\S+[ \t]+\p{{L}}*\p{{Ll}}{{2}})(?<!\b(?i:{_PREFIXES}))"
                                            rf"-(?:{self.words})\p{{L}}*[ \t]*$")

    def find(self, lines):
        """(start, end) of each line's site tail, in the text's offsets (`lines`: a list)."""
        # most lines end as no site's name can: those are passed over at C speed (by their last character,
        # which also tells when it is no space or tab)
        lasts = map(str.__getitem__, map(_TEXT, lines), repeat(_LAST))
        for line in compress(lines, map(not_, map(self.no_site_end.__contains__, lasts))):
            if line.text[-1:] in (" ", "\t") and _last_character(line.text) in self.no_site_end:
                continue
            segment = _last_segment(line.text)
            if segment is None or len(segment) > 20 * self.max_words or len(segment.split()) > self.max_words \
                    or not self.site_word.search(segment):
                continue
            window = max(0, len(line.text) - 400)
            m = self.tail.search(line.text, window) or (self.glued and self.glued.search(line.text, window))
            if m:
                yield line.start + m.start(), line.start + m.end()


_TEXT, _LAST = attrgetter("text"), slice(-1, None)
_NO_NAME_ENDS = ('', '.', ',', ';', ':', '?', '"', "'", ')', ']', '}', '”', '’', '»', '…')  # nor letters, nor figures


def _last_character(line: str) -> str:
    """line.rstrip(" \t")[-1:], read from the line's end (a long line ending in a space is not copied; a
    line's last 64 characters tell, but for a run of spaces)."""
    size = 64
    while True:
        tail = line[-size:].rstrip(" \t")
        if tail or size >= len(line):
            return tail[-1:]
        size *= 16


def _last_segment(line: str) -> str | None:
    """What follows the line's last separator, or None when it has none."""
    tail = line[-200:]  # a site's name is short: only the line's end is looked at
    at = max((found + len(s) for s in _SEPARATORS if (found := tail.rfind(s)) >= 0), default=-1)
    return None if at < 0 else tail[at:]

