"""A unified diff built from the edit log (no text diffing), for patch/git apply.

Each applied edit is widened to whole lines; overlapping or nearby regions
merge into hunks with three lines of context. Because text outside an edit
is unchanged, the widened regions line up exactly in both texts.
"""
from __future__ import annotations

from bisect import bisect_right

from ..core.edits import apply_edits
from .formats import Checked, Renderer, register
from .records import line_starts
from .visible import safe


def lines_of(text: str) -> list[str]:
    """Lines ending at "\n" only, each with its line break (splitlines would also break at U+2028,
    form feeds ...)."""
    lines = text.split("\n")
    return [ln + "\n" for ln in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def unified_diff(original: str, edits, path: str, *, context: int = 3, newline: str = "\n",
                 bom: str = "") -> str:
    """The diff as text; `newline` and `bom` make its lines match the file's bytes."""
    edits = sorted((e for e in edits if e.applied), key=lambda e: (e.start, e.end))
    if not edits:
        return ""
    ostarts = line_starts(original)
    old_lines = lines_of(original)
    n_lines = len(old_lines)
    regions = []  # [orig line from, orig line to (exclusive), new-minus-old length delta]
    for e in edits:
        first = min(bisect_right(ostarts, e.start) - 1, max(n_lines - 1, 0))
        last = bisect_right(ostarts, max(e.end - 1, e.start))  # one past the line of the last char
        last = min(max(last, first + 1), max(n_lines, 1))
        change = len(e.replacement or "") - (e.end - e.start)
        if regions and first <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], last)
            regions[-1][2] += change
        else:
            regions.append([first, last, change])
    new_text = apply_edits(original, edits)
    new_lines = lines_of(new_text)
    out = [f"--- {path}\n", f"+++ {path}\n"]
    shift = 0  # new line number minus old line number before the current region
    hunks = []
    for first, last, change in regions:
        new_first = first + shift
        old_block = old_lines[first:last]
        new_count = _count_new_lines(old_block, change, new_lines, new_first)
        hunks.append((first, last, new_first, new_first + new_count))
        shift += new_count - (last - first)
    if newline != "\n":  # content lines end as in the file; patch's own lines stay "\n"
        old_lines = [ln[:-1] + newline if ln.endswith("\n") else ln for ln in old_lines]
        new_lines = [ln[:-1] + newline if ln.endswith("\n") else ln for ln in new_lines]
    if bom:  # the BOM belongs to the first line as the file has it
        old_lines[:1] = [bom + ln for ln in old_lines[:1]]
        new_lines[:1] = [bom + ln for ln in new_lines[:1]]
    for group in _group(hunks, context, len(old_lines)):
        out.extend(_hunk(group, old_lines, new_lines, context))
    return "".join(out)


def _count_new_lines(old_block, change, new_lines, new_first):
    """How many new lines the region became: take lines until their length adds up."""
    target = sum(map(len, old_block)) + change
    n, total = 0, 0
    while total < target and new_first + n < len(new_lines):
        total += len(new_lines[new_first + n])
        n += 1
    return n


def _group(hunks, context, n_old):
    group = []
    for h in hunks:
        if group and h[0] - group[-1][1] > 2 * context:
            yield group
            group = []
        group.append(h)
    if group:
        yield group


def _hunk(group, old_lines, new_lines, context):
    o_from = max(group[0][0] - context, 0)
    n_from = group[0][2] - (group[0][0] - o_from)
    o_to = min(group[-1][1] + context, len(old_lines))
    n_to = group[-1][3] + (o_to - group[-1][1])
    body = []
    pos = o_from
    for first, last, nfirst, nlast in group:
        body.extend(" " + ln for ln in old_lines[pos:first])
        body.extend("-" + ln for ln in old_lines[first:last])
        body.extend("+" + ln for ln in new_lines[nfirst:nlast])
        pos = last
    body.extend(" " + ln for ln in old_lines[pos:o_to])
    fixed = []
    for ln in body:
        if not ln.endswith("\n"):
            ln += "\n\\ No newline at end of file\n"
        fixed.append(ln)
    header = f"@@ -{_range(o_from, o_to)} +{_range(n_from, n_to)} @@\n"
    return [header] + fixed


def _range(a, b):
    count = b - a
    start = a + 1 if count else a
    return f"{start},{count}" if count != 1 else f"{start}"


@register("diff", "unified", "applied changes for patch -p0 / git apply -p0, in each file's encoding")
class UnifiedDiff(Renderer):
    """Bytes in the file's own encoding, so patch can apply them; drawn safe on a terminal only."""

    def file(self, item: Checked) -> str | bytes:
        doc = item.doc
        patch = unified_diff(item.result.original, item.result.edits, item.name, newline=doc.newline or "\n",
                             bom="\ufeff" if doc.bom else "")
        if self.terminal:
            return safe(patch)
        return doc.encode(patch, "the patch")  # never a '?' for a character the encoding cannot hold
