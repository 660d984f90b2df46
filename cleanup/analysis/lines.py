"""Lines of a text and how to remove whole lines tidily.

Removing a line also removes what would be left over: the blank line that
separated it from the next paragraph, or, at the end of a text without a
final newline, the newline(s) before it (so the text still ends the way it
did). One removal edit per line keeps each line's rule visible.
"""
from __future__ import annotations

from functools import partial
from itertools import accumulate
from operator import add
from typing import NamedTuple


class Line(NamedTuple):
    start: int   # offset of the first character
    end: int     # offset of the newline (or the end of the text)
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    parts = text.split("\n")
    sizes = list(map(len, parts))
    starts = list(accumulate(map((1).__add__, sizes), initial=0))  # each line starts after the last one's newline
    return list(map(_line, zip(starts, map(add, starts, sizes), parts)))


_line = partial(tuple.__new__, Line)  # Line(*fields), without a Python call per line


def line_at(text: str, start: int) -> Line:
    """The line that starts at `start`, as split_lines makes it (without reading the rest)."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return Line(start, end, text[start:end])


def lines_after(text: str, line: Line):
    """The lines after `line`, as split_lines makes them, one by one."""
    while line.end < len(text):
        line = line_at(text, line.end + 1)
        yield line


def removal_spans(text: str, lines: list[Line], remove: dict[int, object]) -> list[tuple[int, int, object]]:
    """(start, end, tag) spans that delete the lines whose index is in `remove`.

    `remove` maps line index -> a tag (e.g. the rule) carried to the span.
    Removed lines separated only by blank lines form one group: the blanks
    between them go too, and the group is tidied as a whole.
    """
    if not remove:
        return []
    spans = []
    n = len(lines)
    # the last line with text: a group after it ends the text (found once; asking per group was quadratic)
    last_text = next((i for i in range(n - 1, -1, -1) if not lines[i].blank), -1)
    for group in _groups(lines, sorted(remove)):
        first, last = group[0], group[-1]
        cuts = {i: [lines[i].start, lines[nxt].start] for i, nxt in zip(group, group[1:])}
        cuts[last] = [lines[last].start, min(lines[last].end + 1, len(text))]
        after = last + 1
        at_end = after > last_text
        prev = first - 1
        while prev >= 0 and lines[prev].blank:
            prev -= 1
        if at_end and not text.endswith("\n"):
            # keep "no final newline": also take the newline(s) before the group
            cuts[first][0] = lines[prev].end if prev >= 0 else 0
            cuts[last][1] = len(text)
        elif at_end:
            # keep exactly one final newline: also drop blank lines right before
            cuts[first][0] = lines[prev].end + 1 if prev >= 0 else 0
        elif (first == 0 or lines[first - 1].blank) and after < n and lines[after].blank:
            cuts[last][1] = min(lines[after].end + 1, len(text))  # the blank line after it
        spans.extend((cuts[i][0], cuts[i][1], remove[i]) for i in group)
    return spans


def _groups(lines: list[Line], indices: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i in indices:
        if groups and all(lines[j].blank for j in range(groups[-1][-1] + 1, i)):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups
