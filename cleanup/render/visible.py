"""Invisible characters drawn as symbols, one set of glyphs for every renderer.

An editor must see a removed line break or a no-break space, and a terminal
must never receive a control character from the input: `ESC ] 0 ; … ESC \\`
would retitle it, `ESC [2J` clear it. Every character that prints nothing (or
acts on the terminal) comes out as a visible symbol instead.
"""
from __future__ import annotations

import unicodedata

LINE_BREAK = "↵"
BLANK_LINE = "¶"   # a line break right after another one
SPACE = "·"
NO_BREAK_SPACE = "⍽"
TAB = "⇥"
SOFT_HYPHEN = "¬"
ZERO_WIDTH = "∅"   # zero-width and format characters (ZWSP, BOM, bidi controls)

_ACTIVE = ("Cc", "Cf", "Zl", "Zp")  # act on a terminal or break its lines
_FIXED = {"\t": TAB, "\u00ad": SOFT_HYPHEN, "\u2028": LINE_BREAK, "\u2029": BLANK_LINE}


def symbol(ch: str, prev: str = "", spaces: bool = False) -> str | None:
    """The symbol standing for `ch`, or None when it shows as itself.

    `prev` is the character before (a line break after a line break is a blank
    line); `spaces` draws ordinary spaces too, for texts differing only in them.
    """
    if ch == "\n":
        return BLANK_LINE if prev == "\n" else LINE_BREAK
    if ch == " ":
        return SPACE if spaces else None
    if ch in _FIXED:
        return _FIXED[ch]
    if ch == "\x7f":
        return "␡"
    if ch < " ":  # C0 controls have pictures of their own: ESC is ␛
        return chr(0x2400 + ord(ch))
    category = unicodedata.category(ch)
    if category == "Zs":
        return NO_BREAK_SPACE
    if category == "Cc":  # C1 controls (U+0080–U+009F), CSI among them
        return f"<U+{ord(ch):04X}>"
    if category in ("Cf", "Co", "Cn", "Cs", "Zl", "Zp"):
        return ZERO_WIDTH
    return None


def visible(text: str, *, spaces: bool = False, newlines: bool = False, prev: str = "") -> str:
    """`text` with every invisible or control character drawn as a symbol.

    With `newlines` a line break keeps its place after its symbol, so
    multi-line text keeps its layout; otherwise the text becomes one line.
    """
    out = []
    for ch in text:
        sym = symbol(ch, prev, spaces)
        out.append(ch if sym is None else sym + "\n" if newlines and ch == "\n" else sym)
        prev = ch
    return "".join(out)


def shown_change(original: str, replacement: str | None) -> str:
    """A change on one line, quoted and drawn: 'old' -> 'new' ('old' alone for a flag)."""
    return f"'{visible(original)}'" + (f" -> '{visible(replacement)}'" if replacement is not None else "")


def safe(text: str) -> str:
    """Text for a terminal: line breaks and tabs stay, control and format characters are drawn."""
    return "".join(symbol(ch) if ch not in "\n\t" and unicodedata.category(ch) in _ACTIVE else ch
                   for ch in text)
