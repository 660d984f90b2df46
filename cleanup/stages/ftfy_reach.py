"""Can ftfy change a segment at all? A first look for the unicode stage, at C speed.

`ftfy.fix_and_explain` returns a segment unchanged when none of its steps acts on it:

- unescape_html: the segment holds no HTML entity (ftfy's HTML_ENTITY_RE: a bare '&' is left);
- fix_encoding: ftfy's badness pattern (`ftfy.badness.is_bad`) finds nothing;
- fix_c1_controls, fix_surrogates, remove_terminal_escapes, remove_control_chars:
  none of the characters they act on (C1 controls, surrogates, ESC, ftfy's CONTROL_CHARS);
- normalization: the segment is already in that form.

The fixers the stage turns off (ligatures, width, quotes, line breaks) are not
looked at: a rule that turns one on gets ftfy on every candidate segment.

The badness pattern is what costs: it tries its ~40 alternatives at every
character of a line. But each alternative holds a character beyond ASCII among
its first BADNESS_LEAD + 1, and none is longer than BADNESS_LONGEST
(tests/test_speed_unicode_reach.py derives both from ftfy's pattern), so it
is searched only in windows around the segment's characters beyond ASCII
(a segment dense with them is searched whole: the windows would cover it).
"""
from __future__ import annotations

import re
import unicodedata

BADNESS_LEAD = 2      # a match's first character beyond ASCII is at most this far from its start
BADNESS_LONGEST = 7   # characters in the longest match
# characters beyond ASCII closer than a window's reach share one window (windows never overlap)
_BEYOND_ASCII_CLUSTER = re.compile(
    rf"[^\x00-\x7f](?:[\x00-\x7f]{{0,{BADNESS_LEAD + BADNESS_LONGEST}}}[^\x00-\x7f])*")

_OFF_IN_THE_STAGE = ("fix_latin_ligatures", "fix_character_width", "uncurl_quotes", "fix_line_breaks")
_acted_on = None  # the characters ftfy's per-character fixers act on (made when ftfy is first used)


def ftfy_may_change(segment: str, config) -> bool:
    """False only when `ftfy.fix_and_explain(segment, config)` gives `segment` back unchanged."""
    if any(getattr(config, name) for name in _OFF_IN_THE_STAGE):
        return True
    if config.unescape_html and "&" in segment and _html_entity().search(segment):
        return True
    if _acted_on_pattern().search(segment):
        return True
    if config.normalization and not unicodedata.is_normalized(config.normalization, segment):
        return True
    return bool(config.fix_encoding and looks_bad(segment))


def looks_bad(segment: str) -> bool:
    """`ftfy.badness.is_bad(segment)`, searched only where a match can be."""
    from ftfy.badness import BADNESS_RE

    beyond_ascii = len(segment) - len(segment.encode("ascii", "ignore"))
    if beyond_ascii * (BADNESS_LEAD + BADNESS_LONGEST + 1) >= len(segment):
        return bool(BADNESS_RE.search(segment))  # (windows would cover most of it: one search costs less)
    return looks_bad_in_windows(segment)


def looks_bad_in_windows(segment: str) -> bool:
    """`ftfy.badness.is_bad(segment)`, searched in windows around the characters beyond ASCII."""
    from ftfy.badness import BADNESS_RE

    for cluster in _BEYOND_ASCII_CLUSTER.finditer(segment):
        # a match holding this cluster's first character beyond ASCII starts at most LEAD before it;
        # one holding its last ends at most LONGEST after it (no lookaround: a shorter text is the same)
        if BADNESS_RE.search(segment, max(0, cluster.start() - BADNESS_LEAD), cluster.end() + BADNESS_LONGEST):
            return True
    return False


def _html_entity() -> re.Pattern:
    from ftfy.chardata import HTML_ENTITY_RE

    return HTML_ENTITY_RE


def _acted_on_pattern() -> re.Pattern:
    global _acted_on
    if _acted_on is None:
        from ftfy.chardata import CONTROL_CHARS

        controls = "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS))
        _acted_on = re.compile(f"[{controls}\x1b\x80-\x9f\ud800-\udfff]")
    return _acted_on
