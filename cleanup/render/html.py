"""A self-contained HTML page for reviewing the edits proposed for one or more documents.

The page shows each ORIGINAL text with every change marked where it happens,
so an editor reads the document as it came in and sees what would change. It
is also a review tool: accept or reject each change (mouse or keys), watch
the cleaned text follow, and export a decisions file that `cleanup apply`
replays (docs/review.md). It has no network references at all: reports get
mailed, archived and opened offline. It is drawn from edit records alone, so it
renders any record list, including one read back from the CLI's JSON output.
"""
from __future__ import annotations

import html
import json
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from ..core.edits import apply_edits
from ..core.result import count_edits
from .html_assets import CSS, JS, TEMPLATE
from .records import LineIndex, edit_from_record, edit_record
from .visible import symbol

LEVELS = ("fix", "suggest", "flag")


@dataclass(frozen=True)
class ReportFile:
    """One document of a report: its name, its text as read, and the records of its edits.

    A record may carry the records of the edits it was built on as "parents"
    (review_records does): the page then lets each be decided on its own.
    `covered`: records of changes the pipeline proposed but did not apply and
    that a later change covered (so the result does not list them); the page
    exports them as rejected, which is what happened to them. `variants` are
    what some decisions make the pipeline propose instead.
    """

    name: str
    original: str
    records: list
    covered: list = ()
    variants: tuple = ()    # (key of a change, records, covered) of the run deciding it the other way (review.variants)
    predicted: bool = True  # False: too costly to re-run; decisions are predicted by taking changes away
    level: str = ""         # the --level of the run: what `apply` does with changes no decision names


def review_records(result) -> list[dict]:
    """The records of a Result, each with the records of the earlier edits it was built on."""
    lines = LineIndex(result.original)

    def record(edit) -> dict:
        return {**edit_record(edit, lines), "parents": [record(p) for p in edit.parents]}

    return [record(e) for e in result.edits]


def report_file(name: str, doc, opts) -> ReportFile:
    """A document's part of a report: its changes, and what deciding each one the other way makes the pipeline
    propose where that is more than taking the change away (review.variants)."""
    from ..api.runner import clean_document
    from ..review.session import replay, variants

    def clean(policy):
        return clean_document(doc, opts, policy)

    def parts(run) -> tuple[list, list]:
        shown = {e.key for e in run.changes}
        lines = LineIndex(doc.text)
        return review_records(run.result), [edit_record(e, lines) for k, e in run.met.items() if k not in shown]

    run = replay(clean, opts.policy(), {})
    found = variants(clean, opts.policy(), run)
    return ReportFile(name, doc.text, *parts(run), level=opts.level.value, predicted=found is not None,
                      variants=tuple((key, *parts(r)) for key, r in (found or {}).items()))


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _visible(text: str, keep_raw: bool = False, prev: str = "", tail: bool = True) -> str:
    """Escaped text with invisible characters drawn as symbols (render/visible.py).

    With keep_raw the real character follows in a `.raw` span, shown instead of
    the symbol when the change is filtered out, so the document reads as sent.
    Newlines are kept too (the text keeps its original line layout), except
    trailing ones when not `tail`: the caller puts those after the insertion.
    `prev` is the character before `text`, to tell a blank line from a line end.
    Ordinary spaces are drawn only when nothing else changed.
    """
    spaces = not text.strip()
    cut = len(text) if tail else len(text.rstrip("\n"))
    out = []
    for k, ch in enumerate(text):
        sym = symbol(ch, prev, spaces)
        if sym is None:
            out.append(_esc(ch))
        elif ch == "\n":
            out.append(f'<span class="sym">{sym}</span>' + ("\n" if keep_raw and k < cut else ""))
        else:
            raw = f'<span class="raw">{_esc(ch)}</span>' if keep_raw else ""
            out.append(f'<span class="sym">{_esc(sym)}</span>{raw}')
        prev = ch
    return "".join(out)


def _inline_set(records: list[dict]) -> set[int]:
    """Records drawn as spans; the rest become markers.

    Applied edits go first (they never overlap each other), then the others by
    position, each kept only if it overlaps nothing kept. Spans [s, e) and
    [a, b) clash when a < e and s < b; for an insertion (s == e) that means
    strictly inside the other span, so one at a span's edge is still drawn.
    """
    order = sorted(range(len(records)),
                   key=lambda i: (not records[i]["applied"], records[i]["start"], records[i]["end"]))
    kept: list[tuple[int, int]] = []  # sorted, non-overlapping, so ends ascend too
    chosen = set()
    for i in order:
        s, e = records[i]["start"], records[i]["end"]
        k = bisect_left(kept, (e, -1))
        if k and s < kept[k - 1][1]:
            continue
        insort(kept, (s, e))
        chosen.add(i)
    return chosen


def _attrs(i: int, r: dict, classes: str, change: str | None = None) -> str:
    state = "applied" if r["applied"] else "pending"
    tip = f'{r["rule"]} · {r["level"]}{" · applied" if r["applied"] else ""}\n{r["message"]}{_builds_on(r)}'
    decidable = f' data-change="{change}"' if change else ""
    return (f'id="e{i}" class="edit {classes} lvl-{_esc(r["level"])} {state}" data-rule="{_esc(r["rule"])}" '
            f'data-family="{_esc(_family(r))}" data-level="{_esc(r["level"])}"{decidable} title="{_esc(tip)}"')


def _family(r: dict) -> str:
    return r["rule"].split(".", 1)[0]


def _builds_on(r: dict) -> str:
    """The earlier edits merged into this one (a credit removed before the line became a duplicate)."""
    parents = r.get("builds_on") or []
    return f"\nbuilds on {', '.join(parents)}" if parents else ""


def _decidable(r: dict) -> bool:
    """A change a reviewer can accept or reject (not a flag), as review/session.py decides it."""
    return r["level"] != "flag" and r["replacement"] is not None


def _cleaned(original: str, records: list[dict]) -> str:
    """The output text: the applied edits applied to the original."""
    return apply_edits(original, [edit_from_record(r) for r in records if r["applied"]])


def _render_doc(original: str, records: list[dict], base: int, changes: dict) -> str:
    """The original with record `i` drawn as element e{base + i}; `changes` maps i to its change id."""
    chosen = _inline_set(records)
    spans = sorted((records[i]["start"], records[i]["end"]) for i in chosen if records[i]["start"] < records[i]["end"])
    events = []
    for i, r in enumerate(records):
        if i in chosen:
            events.append((r["start"], 1, r["end"], i))
        else:  # a marker inside a drawn span goes just before that span
            k = bisect_left(spans, (r["start"], -1))
            anchor = spans[k - 1][0] if k and spans[k - 1][0] < r["start"] < spans[k - 1][1] else r["start"]
            events.append((anchor, 0, anchor, i))
    out, pos = [], 0
    for at, kind, end, i in sorted(events):
        r, change = records[i], changes.get(i)
        out.append(_esc(original[pos:at]))
        pos = max(pos, at)
        if kind == 0:
            out.append(f'<span {_attrs(base + i, r, "marker", change)}></span>')
            continue
        before, prev = original[r["start"]:r["end"]], original[r["start"] - 1:r["start"]]
        if r["replacement"] is None:
            inner = _visible(before, keep_raw=True, prev=prev)
            out.append(f'<mark {_attrs(base + i, r, "flagged" + ("" if before else " marker"))}>{inner}</mark>')
        else:
            # A removed line break goes after the insertion, so a joined line reads "officials↵· said".
            inner = (f"<del>{_visible(before, keep_raw=True, prev=prev, tail=False)}</del>" if before else "") + \
                    (f"<ins>{_visible(r['replacement'])}</ins>" if r["replacement"] else "")
            trailing = "\n" * (len(before) - len(before.rstrip("\n")))
            out.append(f'<span {_attrs(base + i, r, "change", change)}>{inner}{trailing}</span>')
        pos = end
    out.append(_esc(original[pos:]))
    return "".join(out)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit // 2] + " … " + text[-limit // 2:]


_VERDICTS = ('<span class="verdict"><button type="button" data-verdict="accept" title="Accept (y)">✓ accept</button>'
             '<button type="button" data-verdict="reject" title="Reject (n)">✗ reject</button>'
             '<small class="state"></small></span>')


def _side_item(i: int, r: dict, original: str, change: str | None, note: str = "", classes: str = "") -> str:
    """The list entry of record `r`, pointing at element e{i}; `change`: its id when it can be decided."""
    before, prev = r["original"], original[r["start"] - 1:r["start"]]
    if r["replacement"] is None:
        diff = f'<span class="flagtext">{_visible(_short(before))}</span>'
    else:
        old = f"<del>{_visible(_short(before), prev=prev)}</del>" if before else '<i>insert</i>'
        new = f"<ins>{_visible(_short(r['replacement']))}</ins>" if r["replacement"] else '<i>delete</i>'
        diff = f"{old} → {new}"
    state = "applied" if r["applied"] else "pending"
    note = note or _builds_on(r).strip()
    decidable = f' data-change="{change}"' if change else ""
    return (f'<li class="item {state} {classes}" data-target="e{i}" data-rule="{_esc(r["rule"])}" '
            f'data-family="{_esc(_family(r))}" data-level="{_esc(r["level"])}"{decidable}>'
            f'<a href="#e{i}"><span class="pos">{r["line"]}:{r["column"]}</span> '
            f'<span class="badge lvl-{_esc(r["level"])}">{_esc(r["level"])}</span> <code>{_esc(r["rule"])}</code>'
            f'<span class="msg">{_esc(r["message"])}</span><span class="diff">{diff}</span>'
            f'{f"""<small class="parents">{_esc(note)}</small>""" if note else ""}</a>'
            f'{_VERDICTS if change else ""}</li>')


def _checkbox(kind: str, value: str, n: int) -> str:
    name = f'<span class="badge lvl-{_esc(value)}">{_esc(value)}</span>' if kind == "level" else _esc(value)
    return (f'<label><input type="checkbox" data-kind="{kind}" value="{_esc(value)}" checked> {name} '
            f'<small>{n}</small></label>')


def _utf16(text: str):
    """Offsets of `text` as a browser counts them (UTF-16 code units), from Python's (code points)."""
    if all(ch < "\U00010000" for ch in text):
        return lambda i: i
    at = [0]
    for ch in text:
        at.append(at[-1] + (2 if ch >= "\U00010000" else 1))
    return at.__getitem__


def _key(r: dict) -> tuple:
    return r["rule"], r["start"], r["end"], r["original"], r["replacement"]


class _File:
    """One document laid out for the page: element and change numbering, list items, review data.

    Review data: every change any run proposed, once, by id; a tree per run
    (the default run, then each variant) saying which changes it proposes,
    whether each is applied by default and which it was built on.
    """

    def __init__(self, index: int, doc: ReportFile, base: int, first_change: int):
        self.index, self.doc, self.base = index, doc, base
        self.changes: dict = {}   # change id -> what the page shows and exports of it
        self.ids: dict = {}       # edit key -> change id
        self._to16, self._counter = _utf16(doc.original), iter(range(first_change, 1 << 62))
        self.trees = [self._tree(doc.records, doc.covered)] + [self._tree(rs, cov) for _, rs, cov in doc.variants]
        self.variants = {self.ids[tuple(key)]: n for n, (key, *_) in enumerate(doc.variants, 1)}
        self.top_change = {i: self.ids[_key(r)] for i, r in enumerate(doc.records) if _decidable(r)}
        self.items = self._items()
        self.next_change = next(self._counter)

    def _id(self, r: dict) -> str:
        key = _key(r)
        if key not in self.ids:
            self.ids[key] = cid = f"c{next(self._counter)}"
            self.changes[cid] = {"rule": r["rule"], "start": r["start"], "end": r["end"], "original": r["original"],
                                 "replacement": r["replacement"],
                                 "s": self._to16(r["start"]), "e": self._to16(r["end"])}
        return self.ids[key]

    def _tree(self, records: list, covered: list) -> dict:
        nodes = {self._id(r): {"applied": False, "parents": [], "covered": True} for r in covered}

        def visit(r: dict) -> str | None:
            parents = [c for c in (visit(p) for p in r.get("parents") or []) if c]
            if not _decidable(r):
                return None
            cid = self._id(r)
            nodes[cid] = {"applied": r["applied"], "parents": parents}
            return cid

        for r in records:
            visit(r)
        return nodes

    def _items(self) -> list[str]:
        """List entries in document order: a change's earlier parts, then the change, then what deciding it
        the other way would propose instead (shown only then)."""
        doc, items, listed = self.doc, [], set(self.trees[0])
        order = sorted(range(len(doc.records)), key=lambda i: (doc.records[i]["start"], doc.records[i]["end"], i))
        for i in order:
            r = doc.records[i]
            for part in _flat_parents(r):
                items.append(self._item(i, part, note="an earlier change the next one builds on", classes="part"))
                items += self._instead(i, self.ids[_key(part)], listed)
            items.append(self._item(i, r))
            if i in self.top_change:
                items += self._instead(i, self.top_change[i], listed)
        return items

    def _instead(self, i: int, cid: str, listed: set) -> list[str]:
        if cid not in self.variants:
            return []
        default = self.trees[0][cid]["applied"]
        records = self.doc.variants[self.variants[cid] - 1][1]  # (what it covered is not listed)
        note = f"proposed once the change above is {'rejected' if default else 'accepted'}"
        out = []
        for r in (r for top in records for r in _flat_parents(top) + [top]):
            if _decidable(r) and self.ids[_key(r)] not in listed:
                listed.add(self.ids[_key(r)])
                out.append(self._item(i, r, note=note, classes="variant absent"))
        return out

    def _item(self, i: int, r: dict, note: str = "", classes: str = "") -> str:
        return _side_item(self.base + i, r, self.doc.original, self.ids.get(_key(r)) if _decidable(r) else None,
                          note, classes)

    def data(self) -> dict:
        applied_suggestion = any(r["applied"] and r["level"] == "suggest" for r in self.doc.records)
        level = self.doc.level or ("suggest" if applied_suggestion else "fix")
        return {"name": Path(self.doc.name).name, "level": level,
                "text": self.doc.original, "changes": self.changes, "trees": self.trees, "variants": self.variants,
                "predicted": self.doc.predicted}

    def section(self) -> str:
        d, k = self.doc, self.index
        marked = _render_doc(d.original, d.records, self.base, self.top_change)
        return (f'<section class="file" id="file-{k}" aria-label="{_esc(d.name)}">'
                f'<h2 class="filename">{_esc(d.name)}</h2>'
                f'<p class="tools"><span class="decided" id="decided-{k}"></span> '
                f'<button type="button" class="export" data-file="{k}">Export decisions</button></p>'
                f'<p class="warn" id="warn-{k}" hidden>{_UNSURE if d.predicted else _UNPREDICTED}</p>'
                f'<article class="doc marked" id="marked-{k}">{marked}</article>'
                f'<article class="doc cleaned" id="cleaned-{k}" hidden>'
                f'{_esc(_cleaned(d.original, d.records))}</article>'
                f'</section>')


_UNSURE = ("Two or more of your decisions each make the pipeline propose something else, and this page knows "
           "them one at a time only: the text shown may not be what <code>cleanup apply</code> makes. Export, then "
           "finish with <code>cleanup review FILE --decisions F</code>, which re-runs the pipeline.")
_UNPREDICTED = ("Too long a text with too many changes to re-run the pipeline for each: the page takes a "
                "rejected change and what was built on it away, and <code>cleanup apply</code> lists anything "
                "it proposes besides.")


def _flat_parents(r: dict) -> list[dict]:
    """The decidable records `r` builds on, parents before the records built on them (as _File.visit numbers them)."""
    out = []
    for p in r.get("parents") or []:
        out += _flat_parents(p)
        if _decidable(p):
            out.append(p)
    return out


def _script_json(value) -> str:
    """JSON to embed in a <script> element: no "</script>" or "<!--" can end or change it early."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_report(docs: list[ReportFile], *, title: str | None = None, output: str | None = None) -> str:
    """One self-contained HTML page reviewing every document of `docs`; written to `output` if given.

    The title is the file's name, or the number of files.
    """
    title = title or (docs[0].name if len(docs) == 1 else f"{len(docs)} files")
    files, base, first_change = [], 0, 0
    for k, doc in enumerate(docs):
        files.append(_File(k, doc, base, first_change))
        base, first_change = base + len(doc.records), files[-1].next_change
    records = [r for d in docs for r in d.records]
    listed = [p for r in records for p in _flat_parents(r)] + records  # one list entry each
    families, levels, rules = (Counter(key(r) for r in listed)
                               for key in (_family, itemgetter("level"), itemgetter("rule")))
    counts = count_edits(map(edit_from_record, records))
    rows = "".join(f'<tr data-rule-row="{_esc(rule)}"><td><label><input type="checkbox" data-kind="rule" '
                   f'value="{_esc(rule)}" checked> <code>{_esc(rule)}</code></label></td><td class="n">{n}</td></tr>'
                   for rule, n in sorted(rules.items()))
    several = len(files) > 1
    items = "".join((f'<li class="file-head">{_esc(f.doc.name)}</li>' if several else "") + "".join(f.items)
                    for f in files)
    page = TEMPLATE.format(
        title=_esc(title), applied=counts.applied, pending=counts.proposed, flags=counts.flagged, listed=len(listed),
        files=f"{len(files)} files · " if several else "",
        sections="".join(f.section() for f in files),
        families="".join(_checkbox("family", f, n) for f, n in sorted(families.items())),
        levels="".join(_checkbox("level", lv, levels[lv]) for lv in LEVELS if levels[lv])
        + "".join(_checkbox("level", lv, n) for lv, n in sorted(levels.items()) if lv not in LEVELS),
        rows=rows, items=items or "<li>No changes.</li>",
        data=_script_json({"files": [f.data() for f in files]}), css=CSS, js=JS)
    if output is not None:
        Path(output).write_text(page, encoding="utf-8")
    return page


def render_html(original: str, records: list[dict], *, title: str, output: str | None = None) -> str:
    """The page for one document (see render_report)."""
    return render_report([ReportFile(title, original, records)], title=title, output=output)
