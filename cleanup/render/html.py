"""A self-contained HTML page for reviewing the edits proposed for one or more documents.

The page shows each ORIGINAL text with every change marked where it happens,
so an editor reads the document as it came in and sees what would change. It
is also a review tool: accept or reject each change (mouse or keys), watch
the cleaned text follow, and export a decisions file that `cleanup apply`
replays (docs/review.md). It has no network references at all: reports get
mailed, archived and opened offline. Standard library only, so it renders any
record list, including one read back from the CLI's JSON output.
"""
from __future__ import annotations

import html
import json
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

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
    predicted: bool = True  # False: too many changes to re-run; decisions are predicted by taking changes away
    level: str = ""         # the --level of the run: what `apply` does with changes no decision names


def review_records(result) -> list[dict]:
    """The records of a Result, each with the records of the earlier edits it was built on."""
    from .records import LineIndex, edit_record

    lines = LineIndex(result.original)

    def record(edit) -> dict:
        return {**edit_record(edit, lines), "parents": [record(p) for p in edit.parents]}

    return [record(e) for e in result.edits]


def report_file(name: str, doc, opts) -> ReportFile:
    """A document's part of a report: its changes, and what deciding each one the other way makes the pipeline
    propose where that is more than taking the change away (review.variants)."""
    from ..review import replay, variants
    from ..runner import clean_document

    def clean(policy):
        return clean_document(doc, opts, policy)

    def parts(run) -> tuple[list, list]:
        from .records import LineIndex, edit_record

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
            out.append(f'<span class="sym">{_esc(sym)}</span>' + (f'<span class="raw">{_esc(ch)}</span>' if keep_raw else ""))
        prev = ch
    return "".join(out)


def _inline_set(records: list[dict]) -> set[int]:
    """Records drawn as spans; the rest become markers.

    Applied edits go first (they never overlap each other), then the others by
    position, each kept only if it overlaps nothing kept. Spans [s, e) and
    [a, b) clash when a < e and s < b; for an insertion (s == e) that means
    strictly inside the other span, so one at a span's edge is still drawn.
    """
    order = sorted(range(len(records)), key=lambda i: (not records[i]["applied"], records[i]["start"], records[i]["end"]))
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
    """A change a reviewer can accept or reject (not a flag), as review.py decides it."""
    return r["level"] != "flag" and r["replacement"] is not None


def _cleaned(original: str, records: list[dict]) -> str:
    """The output text: the applied edits never overlap, so applying them in order reproduces it."""
    out, pos = [], 0
    for r in sorted((r for r in records if r["applied"]), key=itemgetter("start", "end")):
        out += [original[pos:r["start"]], r["replacement"] or ""]
        pos = r["end"]
    return "".join(out) + original[pos:]


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
    return f'<label><input type="checkbox" data-kind="{kind}" value="{_esc(value)}" checked> {name} <small>{n}</small></label>'


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
                                 "replacement": r["replacement"], "s": self._to16(r["start"]), "e": self._to16(r["end"])}
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
        return (f'<section class="file" id="file-{k}" aria-label="{_esc(d.name)}"><h2 class="filename">{_esc(d.name)}</h2>'
                f'<p class="tools"><span class="decided" id="decided-{k}"></span> '
                f'<button type="button" class="export" data-file="{k}">Export decisions</button></p>'
                f'<p class="warn" id="warn-{k}" hidden>{_UNSURE if d.predicted else _UNPREDICTED}</p>'
                f'<article class="doc marked" id="marked-{k}">{_render_doc(d.original, d.records, self.base, self.top_change)}'
                f'</article><article class="doc cleaned" id="cleaned-{k}" hidden>{_esc(_cleaned(d.original, d.records))}'
                f'</article></section>')


_UNSURE = ("Two or more of your decisions each make the pipeline propose something else, and this page knows "
           "them one at a time only: the text shown may not be what <code>cleanup apply</code> makes. Export, then "
           "finish with <code>cleanup review FILE --decisions F</code>, which re-runs the pipeline.")
_UNPREDICTED = ("Too many changes to re-run the pipeline for each: the page takes a rejected change and what was "
                "built on it away, and <code>cleanup apply</code> lists anything it proposes besides.")


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
    families, levels, rules = (Counter(key(r) for r in listed) for key in (_family, itemgetter("level"), itemgetter("rule")))
    applied = sum(r["applied"] for r in records)
    flags = sum(r["replacement"] is None for r in records)
    rows = "".join(f'<tr data-rule-row="{_esc(rule)}"><td><label><input type="checkbox" data-kind="rule" '
                   f'value="{_esc(rule)}" checked> <code>{_esc(rule)}</code></label></td><td class="n">{n}</td></tr>'
                   for rule, n in sorted(rules.items()))
    several = len(files) > 1
    items = "".join((f'<li class="file-head">{_esc(f.doc.name)}</li>' if several else "") + "".join(f.items)
                    for f in files)
    page = _TEMPLATE.format(
        title=_esc(title), applied=applied, pending=len(records) - applied - flags, flags=flags, listed=len(listed),
        files=f"{len(files)} files · " if several else "",
        sections="".join(f.section() for f in files),
        families="".join(_checkbox("family", f, n) for f, n in sorted(families.items())),
        levels="".join(_checkbox("level", lv, levels[lv]) for lv in LEVELS if levels[lv])
        + "".join(_checkbox("level", lv, n) for lv, n in sorted(levels.items()) if lv not in LEVELS),
        rows=rows, items=items or "<li>No changes.</li>",
        data=_script_json({"files": [f.data() for f in files]}), css=_CSS, js=_JS)
    if output is not None:
        Path(output).write_text(page, encoding="utf-8")
    return page


def render_html(original: str, records: list[dict], *, title: str, output: str | None = None) -> str:
    """The page for one document (see render_report)."""
    return render_report([ReportFile(title, original, records)], title=title, output=output)


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body><header>
<h1>{title}</h1>
<p class="counts">{files}<b>{applied}</b> applied · <b>{pending}</b> suggestions · <b>{flags}</b> flags</p>
<p class="legend"><span class="change applied"><del>deleted</del></span> <span class="change applied"><ins>inserted</ins></span>
<span class="change pending"><del>suggested</del><ins>change</ins></span> <mark class="flagged">flagged</mark>
<span><b class="sym">⍽</b> no-break space</span> <span><b class="sym">↵</b> line break</span> <span><b class="sym">¶</b> blank line</span>
<span><span class="marker lvl-flag"></span><span class="marker"></span> flag or suggestion overlapping another change</span>
</p></header>
<main><div class="text">
<nav class="views" aria-label="View"><button type="button" data-view="marked" aria-pressed="true">Changes marked</button><button type="button" data-view="cleaned" aria-pressed="false">Cleaned text</button>
<span class="keys">keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>y</kbd> accept · <kbd>n</kbd> reject · <kbd>u</kbd> undo</span></nav>
{sections}</div>
<aside><section id="filters" aria-label="Filters">
<fieldset><legend>Rule family</legend>{families}</fieldset>
<fieldset><legend>Level</legend>{levels}</fieldset></section>
<details open><summary>Changes per rule (untick a rule to hide it)</summary><div class="rules"><table><thead><tr><th>Rule</th><th class="n">Changes</th></tr></thead><tbody>{rows}</tbody>
</table></div></details>
<section class="list"><h2>Changes <small id="shown">{listed} of {listed} shown</small></h2>
<ol id="changes">{items}</ol></section></aside></main>
<script type="application/json" id="review-data">{data}</script>
<script>{js}</script></body></html>
"""

_CSS = """
:root{--del:#fde0e0;--del-ink:#8f1d1d;--ins:#d9f4dd;--ins-ink:#14532d;--sug:#fff1cc;--sug-ink:#7a4b00;
--flag:#fff59a;--flag-ink:#9a3412;--ink:#1c1c1c;--muted:#5b5b5b;--line:#d8d8d8}
*{box-sizing:border-box}body{margin:0;color:var(--ink);background:#fff;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
header{padding:1rem 1.5rem .6rem;border-bottom:1px solid var(--line)}
h1{font-size:1.35rem;margin:0 0 .2rem}h2{font-size:1rem;margin:1rem 0 .4rem}
.counts{margin:.2rem 0}.legend{margin:.3rem 0;color:var(--muted);font-size:.88rem}
.legend>*{margin-right:1.1rem;white-space:nowrap}#shown{font-weight:normal;color:var(--muted)}
main{display:grid;grid-template-columns:minmax(0,75ch) minmax(20rem,1fr);gap:2rem;padding:1rem 1.5rem;align-items:start}
.views{display:flex;gap:.4rem;align-items:center;margin:0 0 .8rem;font-size:.9rem}
.views button{font:inherit;padding:.2rem .8rem;border:1px solid var(--line);border-radius:999px;background:#fff;color:var(--muted);cursor:pointer}
.views button[aria-pressed="true"]{background:var(--ink);border-color:var(--ink);color:#fff}
.keys{margin-left:auto;color:var(--muted);font-size:.8rem}kbd{border:1px solid var(--line);border-radius:3px;padding:0 .3rem;font-size:.75rem}
.parents{display:block;color:var(--muted)}
.doc{white-space:pre-wrap;overflow-wrap:break-word;font-size:1.05rem;line-height:1.7;max-width:75ch}
/* Wide screens: filters stay put beside the text and only the list scrolls. */
aside{position:sticky;top:0;max-height:100vh;display:flex;flex-direction:column;padding:.5rem .25rem 0;font-size:.9rem}
.list{flex:1 1 auto;min-height:0;overflow:auto;padding-bottom:1rem}
fieldset{border:1px solid var(--line);border-radius:6px;margin:0 0 .5rem;padding:.3rem .6rem .5rem}
fieldset label{display:inline-block;margin-right:.8rem;white-space:nowrap}
table{border-collapse:collapse;width:100%;margin:.3rem 0}
td,th{text-align:left;padding:.1rem .4rem;border-bottom:1px solid #eee}.n{text-align:right}
tr.none{color:#999}summary{cursor:pointer;color:var(--muted)}.rules{max-height:11rem;overflow:auto}
del,ins{text-decoration-thickness:1px}
.change del{background:var(--del);color:var(--del-ink);text-decoration:line-through}
.change ins{background:var(--ins);color:var(--ins-ink);text-decoration:underline}
.change.pending{outline:1px dashed #c28a00;outline-offset:1px;background:var(--sug)}
.change.pending del{background:transparent;color:var(--sug-ink)}
.change.pending ins{background:#ffe29a;color:var(--sug-ink);text-decoration:underline dotted}
mark.flagged{background:var(--flag);color:inherit;text-decoration:underline wavy var(--flag-ink)}
.sym{font-weight:bold;opacity:.8}.raw{display:none}
.marker::before{content:"◆";font-size:.7em;vertical-align:super;color:var(--sug-ink)}
.marker.lvl-flag::before{content:"⚑";color:var(--flag-ink)}.marker.lvl-fix::before{content:"✎";color:var(--ins-ink)}
.edit{cursor:help;border-radius:2px}
/* Filtered out: the original text reads as if nothing were marked. */
.edit.off,.edit.off del,.edit.off mark{background:none;outline:none;color:inherit;text-decoration:none;cursor:auto}
.edit.off ins,.edit.off .sym,.edit.off.marker{display:none}.edit.off .raw{display:inline}
.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%,40%{box-shadow:0 0 0 4px #2563eb}100%{box-shadow:0 0 0 4px transparent}}
#changes{list-style:none;padding:0;margin:0}
.item a{display:block;padding:.35rem .4rem;border-bottom:1px solid #eee;color:inherit;text-decoration:none}
.item a:hover,.item a:focus{background:#f3f6fb}.item.current a{background:#e8efff}
.pos{font-variant-numeric:tabular-nums;color:var(--muted);display:inline-block;min-width:3.2em}
.badge{font-size:.75rem;padding:0 .35rem;border-radius:3px;border:1px solid}
.badge.lvl-fix{background:var(--ins);color:var(--ins-ink)}.badge.lvl-suggest{background:var(--sug);color:var(--sug-ink);border-style:dashed}
.badge.lvl-flag{background:var(--flag);color:var(--flag-ink)}
.msg{display:block;color:var(--muted)}.diff{display:block;overflow-wrap:anywhere}
.diff del{background:var(--del);color:var(--del-ink)}.diff ins{background:var(--ins);color:var(--ins-ink)}
.pending .diff ins{background:#ffe29a;color:var(--sug-ink)}.flagtext{background:var(--flag);text-decoration:underline wavy var(--flag-ink)}
/* Decided in the page: an accepted suggestion reads as applied, a change not applied as the original text. */
.change.pending[data-state="accept"]{outline:none;background:none}
.change.pending[data-state="accept"] del{background:var(--del);color:var(--del-ink)}
.change.pending[data-state="accept"] ins{background:var(--ins);color:var(--ins-ink);text-decoration:underline}
.change.reads-original{outline:1px dotted #888;outline-offset:1px;background:none}
.change.reads-original del{background:none;color:inherit;text-decoration:none}
.change.reads-original :is(ins,.sym){display:none}.change.reads-original .raw{display:inline}
.file{margin:0 0 2rem}.filename{font-size:1.05rem;margin:0 0 .3rem}.tools{margin:0 0 .6rem;color:var(--muted);font-size:.88rem}
.tools button,.verdict button{font:inherit;font-size:.8rem;padding:.05rem .5rem;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
.verdict{display:flex;gap:.3rem;align-items:center;padding:0 .4rem .35rem;border-bottom:1px solid #eee}
.verdict button[aria-pressed="true"][data-verdict="accept"]{background:var(--ins);border-color:var(--ins-ink)}
.verdict button[aria-pressed="true"][data-verdict="reject"]{background:var(--del);border-color:var(--del-ink)}
.item .verdict~a,.item:has(.verdict) a{border-bottom:none}.state{color:var(--muted)}
.item.part a{padding-left:1.4rem}.item[data-state="withdrawn"] .diff,.item[data-state="clash"] .diff{opacity:.55}
.absent{display:none}.warn{background:var(--sug);color:var(--sug-ink);padding:.4rem .6rem;border-radius:4px;font-size:.9rem}
.file-head{font-weight:bold;padding:.6rem .4rem .2rem;border-bottom:2px solid var(--line)}
@media (max-width:1000px){main{grid-template-columns:minmax(0,1fr)}aside,.list{position:static;max-height:none;overflow:visible}}
@media print{#filters,summary,#shown,.views,.rules input,.verdict button,.tools button{display:none}.rules{max-height:none}main,aside{display:block}aside,.list{position:static;max-height:none;overflow:visible}
.doc{max-width:none}.item a{break-inside:avoid}.flash{animation:none}}
"""

_JS = """
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const boxes = [...document.querySelectorAll("input[data-kind]")];
  const marked = document.querySelectorAll("[data-family]");
  const values = (kind, on) => new Set(boxes.filter((b) => b.dataset.kind === kind && (b.checked || !on)).map((b) => b.value));
  // A value without a box (a rule only a decision brings in) is never filtered out.
  const checked = (kind) => { const on = values(kind, true), all = values(kind, false); return {has: (v) => on.has(v) || !all.has(v)}; };
  // Filters: inline changes stay in the page but fade to the original text; list items disappear.
  function filter() {
    const fam = checked("family"), lvl = checked("level"), rules = checked("rule"), shown = {}, all = {};
    let total = 0, n = 0;
    marked.forEach((el) => {
      const rule = el.dataset.rule, vis = fam.has(el.dataset.family) && lvl.has(el.dataset.level) && rules.has(rule);
      if (el.classList.contains("edit")) { el.classList.toggle("off", !vis); return; }
      el.hidden = !vis;  // a list item: one per change, the earlier changes others build on included
      if (el.classList.contains("absent")) return;
      all[rule] = (all[rule] || 0) + 1;
      shown[rule] = (shown[rule] || 0) + (vis ? 1 : 0);
      total += 1; n += vis ? 1 : 0;
    });
    document.querySelectorAll("tr[data-rule-row]").forEach((tr) => {
      const rule = tr.getAttribute("data-rule-row"), s = shown[rule] || 0, a = all[rule] || 0;
      tr.lastElementChild.textContent = s === a ? String(a) : s + " / " + a;
      tr.classList.toggle("none", s === 0);
    });
    document.getElementById("shown").textContent = n + " of " + total + " shown";
  }
  boxes.forEach((b) => b.addEventListener("change", filter));

  // Review: what the reviewer said per change; untouched changes keep what the report applied.
  const decided = new Map(), history = [], fileOf = new Map();
  data.files.forEach((f, k) => Object.keys(f.changes).forEach((id) => fileOf.set(id, k)));
  // The run the decisions make: the default one, changed where a decision re-ran the pipeline
  // (review.variants). Re-runs that changed the same stretch of text cannot be put together: not sure.
  function active(f) {
    const base = f.trees[0], tree = {...base}, stretches = [];
    let sure = f.predicted;
    Object.keys(f.variants).filter((id) => decided.has(id) && decided.get(id) !== (base[id].applied ? "accept" : "reject"))
      .forEach((id) => {
        const variant = f.trees[f.variants[id]], same = (x) => JSON.stringify(base[x]) === JSON.stringify(variant[x]);
        const gone = Object.keys(base).filter((x) => !(x in variant)), changed = Object.keys(variant).filter((x) => !same(x));
        const ids = gone.concat(changed);
        const start = Math.min(...ids.map((x) => f.changes[x].start)), end = Math.max(...ids.map((x) => f.changes[x].end));
        if (stretches.some(([s, e]) => s <= end && start <= e)) sure = false;
        stretches.push([start, end]);
        gone.forEach((x) => { delete tree[x]; });
        changed.forEach((x) => { tree[x] = variant[x]; });
      });
    return {tree, sure};
  }
  // Each change's outcome and the cleaned text, as `cleanup apply` makes them: a change built on one
  // that does not apply is withdrawn (the pipeline no longer proposes it); applied changes cannot overlap.
  function settle(f) {
    const {tree, sure} = active(f), outcome = new Map(), out = [];
    const verdict = (id) => decided.get(id) || (tree[id].applied ? "accept" : "reject");
    const visit = (id) => {
      if (!outcome.has(id)) {
        outcome.set(id, tree[id].covered ? "covered"
          : tree[id].parents.map(visit).every((o) => o === "accept") ? verdict(id) : "withdrawn");
      }
      return outcome.get(id);
    };
    Object.keys(tree).forEach(visit);
    const bySpan = (a, b) => f.changes[a].s - f.changes[b].s || f.changes[a].e - f.changes[b].e;
    let pos = 0;
    const emit = (id) => {
      const c = f.changes[id];
      if (outcome.get(id) !== "accept") {
        tree[id].parents.slice().sort(bySpan).forEach(emit);
      } else if (c.s < pos) {
        outcome.set(id, "clash");
      } else {
        out.push(f.text.slice(pos, c.s), c.replacement);
        pos = c.e;
      }
    };
    const builtOn = new Set(Object.values(tree).flatMap((n) => n.parents));  // the text is made from the others down
    Object.keys(tree).filter((id) => !tree[id].covered && !builtOn.has(id)).sort(bySpan).forEach(emit);
    out.push(f.text.slice(pos));
    return {outcome, text: out.join(""), sure};
  }
  const LABEL = {accept: "applied", reject: "not applied", withdrawn: "withdrawn: built on a change that does not apply",
                 clash: "not applied: overlaps an applied change", covered: "not applied: a later change covers it",
                 gone: "no longer proposed after your decisions"};
  function draw(k) {
    const f = data.files[k], settled = settle(f), base = f.trees[0];
    Object.keys(f.changes).forEach((id) => {
      const o = settled.outcome.get(id) || (id in base ? "gone" : null), mine = decided.get(id);
      document.querySelectorAll(`[data-change="${id}"]`).forEach((el) => {
        el.classList.toggle("absent", !o);
        // not applied now: the text as it came (an untouched suggestion still shows as one)
        el.classList.toggle("reads-original", !!o && o !== "accept" && (o !== "reject" || !!mine || el.classList.contains("applied")));
        if (o) el.dataset.state = o;
      });
      const li = document.querySelector(`li[data-change="${id}"]`);
      if (!li || !o) return;
      li.querySelector(".state").textContent = LABEL[o] + (mine ? " (decided)" : "");
      li.querySelectorAll("button[data-verdict]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.verdict === mine)));
    });
    document.getElementById("cleaned-" + k).textContent = settled.text;
    document.getElementById("warn-" + k).hidden = settled.sure;
    const ids = Object.keys(f.changes).filter((id) => settled.outcome.has(id));
    document.getElementById("decided-" + k).textContent =
      ids.filter((id) => decided.has(id)).length + " of " + ids.length + " changes decided";
    return settled;
  }
  function decide(id, v) {
    if (!fileOf.has(id)) return;
    history.push([id, decided.get(id)]);
    decided.set(id, v);
    draw(fileOf.get(id));
    filter();
  }
  function undo() {
    const last = history.pop();
    if (!last) return;
    const [id, before] = last;
    if (before === undefined) decided.delete(id); else decided.set(id, before);
    draw(fileOf.get(id));
    filter();
  }
  // The decisions file: every change `apply` will meet, with the verdict the page shows for it.
  function exported(k) {
    const f = data.files[k], {outcome} = draw(k), c = (id) => f.changes[id];
    const entries = [...outcome.keys()].filter((id) => outcome.get(id) !== "withdrawn")
      .sort((a, b) => c(a).start - c(b).start || c(a).end - c(b).end || (c(a).rule < c(b).rule ? -1 : c(a).rule > c(b).rule ? 1 : 0))
      .map((id) => JSON.stringify({rule: c(id).rule, start: c(id).start, end: c(id).end, original: c(id).original,
                                   replacement: c(id).replacement, decision: outcome.get(id) === "accept" ? "accept" : "reject"}));
    return JSON.stringify({format: "cleanup-decisions", version: 1, file: f.name, level: f.level}).slice(0, -1)
      + ', "decisions": [' + entries.map((e) => "\\n " + e).join(",") + (entries.length ? "\\n" : "") + "]}\\n";
  }
  function download(k) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([exported(k)], {type: "application/json"}));
    a.download = data.files[k].name + ".decisions.json";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  }
  document.querySelectorAll("button.export").forEach((b) => b.addEventListener("click", () => download(+b.dataset.file)));

  function show(li) {
    const el = document.getElementById(li.dataset.target);
    view("marked");
    document.querySelectorAll("li.current").forEach((x) => x.classList.remove("current"));
    li.classList.add("current");
    li.scrollIntoView({block: "nearest"});
    el.scrollIntoView({behavior: "smooth", block: "center"});
    el.classList.remove("flash");
    void el.offsetWidth;  // restarts the animation on a repeated click
    el.classList.add("flash");
  }
  document.getElementById("changes").addEventListener("click", (ev) => {
    const li = ev.target.closest("li[data-target]"), button = ev.target.closest("button[data-verdict]");
    if (!li) return;
    ev.preventDefault();
    if (button) decide(li.dataset.change, button.dataset.verdict);
    show(li);
  });
  const views = [...document.querySelectorAll("[data-view]")];
  function view(name) {
    views.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === name)));
    document.querySelectorAll(".doc.marked").forEach((el) => { el.hidden = name !== "marked"; });
    document.querySelectorAll(".doc.cleaned").forEach((el) => { el.hidden = name !== "cleaned"; });
  }
  views.forEach((b) => b.addEventListener("click", () => view(b.dataset.view)));
  // Keys, as in a mail reader: j / k walk through the changes shown; y / n decide the current one
  // and go on to the next; u takes the last decision back.
  document.addEventListener("keydown", (ev) => {
    if (!"jkynu".includes(ev.key) || ev.key.length !== 1 || ev.ctrlKey || ev.metaKey || ev.altKey
        || ev.target.matches("input, textarea")) return;
    if (ev.key === "u") { undo(); return; }
    const items = [...document.querySelectorAll("#changes li[data-target]")].filter((li) => !li.hidden);
    if (!items.length) return;
    const at = items.findIndex((li) => li.classList.contains("current"));
    if (ev.key === "y" || ev.key === "n") {
      const li = items[Math.max(at, 0)];
      if (li.dataset.change) decide(li.dataset.change, ev.key === "y" ? "accept" : "reject");
      show(items[Math.min(Math.max(at, 0) + 1, items.length - 1)]);
      return;
    }
    const next = ev.key === "j" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
    show(items[at < 0 ? 0 : next]);
  });
  // And the other way: clicking a change in the text finds it in the list.
  document.querySelectorAll(".doc.marked").forEach((doc) => doc.addEventListener("click", (ev) => {
    const el = ev.target.closest(".edit"), li = el && document.querySelector(`li[data-target="${el.id}"]:not(.part, .variant)`);
    if (!li || li.hidden) return;
    document.querySelectorAll("li.current").forEach((x) => x.classList.remove("current"));
    li.classList.add("current");
    li.scrollIntoView({block: "nearest"});
  }));
  data.files.forEach((f, k) => draw(k));
  filter();
})();
"""
