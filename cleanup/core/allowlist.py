"""What a team accepts: words it spells its own way, and passages marked in the text.

Words come from the config (`allow = [...]`), from plain files of one word or
phrase a line (like Vale's accept.txt; `#` starts a comment) and from
`--allow WORD`. An edit whose span is one such word (or a single token that
starts or ends with it, as a run-on "Torachingasaid" does) is dropped: the
word is neither changed nor flagged. Matching is case-sensitive, as names are.

Passages: in formats with comments (Markdown, HTML), the text between
`<!-- cleanup: off -->` and `<!-- cleanup: on -->`, and the line after
`<!-- cleanup: ignore-next-line -->`, are left alone, directives included.
"""
from __future__ import annotations

import re
from pathlib import Path

from .errors import CleanupError

MAX_ALLOW_FILE_BYTES = 16 * 1024 * 1024
_DIRECTIVE = re.compile(r"<!--\s*cleanup:\s*(off|on|ignore-next-line)\s*-->")


def read_allow_file(path: str | Path) -> list[str]:
    """The words of an accept file: one a line, blank lines and `#` comments skipped."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_ALLOW_FILE_BYTES + 1)
    except OSError as err:
        raise CleanupError(f"{path}: cannot read the allow file: {err.strerror}") from None
    if len(data) > MAX_ALLOW_FILE_BYTES:
        raise CleanupError(f"{path}: an allow file of more than {MAX_ALLOW_FILE_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CleanupError(f"{path}: the allow file is not UTF-8 (byte {err.start})") from None
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [w for w in words if w]


def is_allowed(span: str, words: frozenset[str]) -> bool:
    """Is this edit's span an accepted word, or one token glued to one?"""
    if not words:
        return False
    core = span.strip().strip(".,;:!?\"'()[]")
    if core in words:
        return True
    if not core or any(c.isspace() for c in core):
        return False
    return any(core.startswith(w) or core.endswith(w) for w in words if len(w) < len(core))


def quiet_regions(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of `text` the inline directives ask to leave alone (each directive's line included)."""
    if "cleanup:" not in text:
        return ()
    regions, off_from = [], None
    for m in _DIRECTIVE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = _end_of_line(text, m.end())
        if m.group(1) == "off":
            off_from = line_start if off_from is None else off_from
        elif m.group(1) == "on":
            if off_from is not None:
                regions.append((off_from, line_end))
                off_from = None
        else:
            regions.append((line_start, _end_of_line(text, line_end)))
    if off_from is not None:  # off to the end of the text
        regions.append((off_from, len(text)))
    return tuple(regions)


def _end_of_line(text: str, pos: int) -> int:
    """Just past the newline that ends the line holding `pos` (or the text's end)."""
    end = text.find("\n", pos)
    return len(text) if end == -1 else end + 1


def in_regions(start: int, end: int, regions) -> bool:
    """Does [start, end) touch a region? (An insertion at a region's edge counts as inside.)"""
    return any(a <= start < b or a < end <= b or (start <= a and b <= end) for a, b in regions)
