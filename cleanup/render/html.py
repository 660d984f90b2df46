"""A self-contained HTML page for reviewing the edits proposed for one document.

The page shows the ORIGINAL text with every change marked where it happens, so
an editor reads the document as it came in and sees what would change. It has
no network references at all: reports get mailed, archived and opened offline.
Standalone on purpose (standard library only) so it renders any record list,
including one read back from the CLI's JSON output.
"""
from __future__ import annotations

import html
import unicodedata
from bisect import bisect_left, insort
from collections import Counter
from operator import itemgetter
from pathlib import Path

LEVELS = ("fix", "suggest", "flag")
# Characters an editor cannot see; shown as symbols inside a change.
_SYMBOLS = {"\n": "↵", "\t": "⇥", "\u00a0": "⍽", "\u202f": "⍽", "\u00ad": "¬", "\ufeff": "∅", "\u200b": "∅"}


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _symbol(ch: str, prev: str, ws_only: bool) -> str | None:
    if ch == "\n":
        return "¶" if prev == "\n" else "↵"  # a newline after a newline is a blank line
    if ch in _SYMBOLS:
        return _SYMBOLS[ch]
    if ch == " ":
        return "·" if ws_only else None  # ordinary spaces only matter when nothing else changed
    cat = unicodedata.category(ch)
    return "⍽" if cat == "Zs" else "∅" if cat in ("Cf", "Cc") else None


def _visible(text: str, keep_raw: bool = False, prev: str = "", tail: bool = True) -> str:
    """Escaped text with invisible characters drawn as symbols.

    With keep_raw the real character follows in a `.raw` span, shown instead of
    the symbol when the change is filtered out, so the document reads as sent.
    Newlines are kept too (the text keeps its original line layout), except
    trailing ones when not `tail`: the caller puts those after the insertion.
    `prev` is the character before `text`, to tell a blank line from a line end.
    """
    ws_only = not text.strip()
    cut = len(text) if tail else len(text.rstrip("\n"))
    out = []
    for k, ch in enumerate(text):
        sym = _symbol(ch, prev, ws_only)
        if sym is None:
            out.append(_esc(ch))
        elif ch == "\n":
            out.append(f'<span class="sym">{sym}</span>' + ("\n" if keep_raw and k < cut else ""))
        else:
            out.append(f'<span class="sym">{sym}</span>' + (f'<span class="raw">{_esc(ch)}</span>' if keep_raw else ""))
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


def _attrs(i: int, r: dict, classes: str) -> str:
    state = "applied" if r["applied"] else "pending"
    tip = f'{r["rule"]} · {r["level"]}{" · applied" if r["applied"] else ""}\n{r["message"]}{_builds_on(r)}'
    return (f'id="e{i}" class="edit {classes} lvl-{_esc(r["level"])} {state}" data-rule="{_esc(r["rule"])}" '
            f'data-family="{_esc(_family(r))}" data-level="{_esc(r["level"])}" title="{_esc(tip)}"')


def _family(r: dict) -> str:
    return r["rule"].split(".", 1)[0]


def _builds_on(r: dict) -> str:
    """The earlier edits merged into this one (a credit removed before the line became a duplicate)."""
    parents = r.get("builds_on") or []
    return f"\nbuilds on {', '.join(parents)}" if parents else ""


def _cleaned(original: str, records: list[dict]) -> str:
    """The output text: the applied edits never overlap, so applying them in order reproduces it."""
    out, pos = [], 0
    for r in sorted((r for r in records if r["applied"]), key=itemgetter("start", "end")):
        out += [original[pos:r["start"]], r["replacement"] or ""]
        pos = r["end"]
    return "".join(out) + original[pos:]


def _render_doc(original: str, records: list[dict]) -> str:
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
        r = records[i]
        out.append(_esc(original[pos:at]))
        pos = max(pos, at)
        if kind == 0:
            out.append(f'<span {_attrs(i, r, "marker")}></span>')
            continue
        before, prev = original[r["start"]:r["end"]], original[r["start"] - 1:r["start"]]
        if r["replacement"] is None:
            inner = _visible(before, keep_raw=True, prev=prev)
            out.append(f'<mark {_attrs(i, r, "flagged" + ("" if before else " marker"))}>{inner}</mark>')
        else:
            # A removed line break goes after the insertion, so a joined line reads "officials↵· said".
            inner = (f"<del>{_visible(before, keep_raw=True, prev=prev, tail=False)}</del>" if before else "") + \
                    (f"<ins>{_visible(r['replacement'])}</ins>" if r["replacement"] else "")
            trailing = "\n" * (len(before) - len(before.rstrip("\n")))
            out.append(f'<span {_attrs(i, r, "change")}>{inner}{trailing}</span>')
        pos = end
    out.append(_esc(original[pos:]))
    return "".join(out)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit // 2] + " … " + text[-limit // 2:]


def _side_item(i: int, r: dict, original: str) -> str:
    before, prev = r["original"], original[r["start"] - 1:r["start"]]
    if r["replacement"] is None:
        diff = f'<span class="flagtext">{_visible(_short(before))}</span>'
    else:
        old = f"<del>{_visible(_short(before), prev=prev)}</del>" if before else '<i>insert</i>'
        new = f"<ins>{_visible(_short(r['replacement']))}</ins>" if r["replacement"] else '<i>delete</i>'
        diff = f"{old} → {new}"
    state = "applied" if r["applied"] else "pending"
    return (f'<li class="item {state}" data-target="e{i}" data-rule="{_esc(r["rule"])}" data-family="{_esc(_family(r))}" '
            f'data-level="{_esc(r["level"])}"><a href="#e{i}"><span class="pos">{r["line"]}:{r["column"]}</span> '
            f'<span class="badge lvl-{_esc(r["level"])}">{_esc(r["level"])}</span> <code>{_esc(r["rule"])}</code>'
            f'{"" if r["applied"] or r["level"] != "fix" else " <small>(not applied)</small>"}'
            f'<span class="msg">{_esc(r["message"])}</span><span class="diff">{diff}</span>'
            f'{f"""<small class="parents">{_esc(_builds_on(r).strip())}</small>""" if _builds_on(r) else ""}</a></li>')


def _checkbox(kind: str, value: str, n: int) -> str:
    name = f'<span class="badge lvl-{_esc(value)}">{_esc(value)}</span>' if kind == "level" else _esc(value)
    return f'<label><input type="checkbox" data-kind="{kind}" value="{_esc(value)}" checked> {name} <small>{n}</small></label>'


def render_html(original: str, records: list[dict], *, title: str, output: str | None = None) -> str:
    """One self-contained HTML page reviewing `records` against `original`; written to `output` if given.

    The page shows the original with every change marked, and the cleaned text
    (the applied records put into the original) a click away.
    """
    order = sorted(range(len(records)), key=lambda i: (records[i]["start"], records[i]["end"], i))
    families, levels, rules = (Counter(key(r) for r in records) for key in (_family, itemgetter("level"), itemgetter("rule")))
    applied = sum(r["applied"] for r in records)
    flags = sum(r["replacement"] is None for r in records)
    pending = len(records) - applied - flags
    rows = "".join(f'<tr data-rule-row="{_esc(rule)}"><td><label><input type="checkbox" data-kind="rule" '
                   f'value="{_esc(rule)}" checked> <code>{_esc(rule)}</code></label></td><td class="n">{n}</td></tr>'
                   for rule, n in sorted(rules.items()))
    page = _TEMPLATE.format(
        title=_esc(title), applied=applied, pending=pending, flags=flags, total=len(records),
        doc=_render_doc(original, records), cleaned=_esc(_cleaned(original, records)),
        families="".join(_checkbox("family", f, n) for f, n in sorted(families.items())),
        levels="".join(_checkbox("level", lv, levels[lv]) for lv in LEVELS if levels[lv])
        + "".join(_checkbox("level", lv, n) for lv, n in sorted(levels.items()) if lv not in LEVELS),
        rows=rows, items="".join(_side_item(i, records[i], original) for i in order) or "<li>No changes.</li>",
        css=_CSS, js=_JS)
    if output is not None:
        Path(output).write_text(page, encoding="utf-8")
    return page


_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body><header>
<h1>{title}</h1>
<p class="counts"><b>{applied}</b> applied · <b>{pending}</b> suggestions · <b>{flags}</b> flags</p>
<p class="legend"><span class="change applied"><del>deleted</del></span> <span class="change applied"><ins>inserted</ins></span>
<span class="change pending"><del>suggested</del><ins>change</ins></span> <mark class="flagged">flagged</mark>
<span><b class="sym">⍽</b> no-break space</span> <span><b class="sym">↵</b> line break</span> <span><b class="sym">¶</b> blank line</span>
<span><span class="marker lvl-flag"></span><span class="marker"></span> flag or suggestion overlapping another change</span>
</p></header>
<main><div class="text">
<nav class="views" aria-label="View"><button type="button" data-view="marked" aria-pressed="true">Changes marked</button><button type="button" data-view="cleaned" aria-pressed="false">Cleaned text</button>
<span class="keys">keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous change</span></nav>
<article class="doc" id="marked">{doc}</article>
<article class="doc" id="cleaned" hidden>{cleaned}</article></div>
<aside><section id="filters" aria-label="Filters">
<fieldset><legend>Rule family</legend>{families}</fieldset>
<fieldset><legend>Level</legend>{levels}</fieldset></section>
<details open><summary>Changes per rule (untick a rule to hide it)</summary><div class="rules"><table><thead><tr><th>Rule</th><th class="n">Changes</th></tr></thead><tbody>{rows}</tbody>
</table></div></details>
<section class="list"><h2>Changes <small id="shown">{total} of {total} shown</small></h2>
<ol id="changes">{items}</ol></section></aside></main>
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
@media (max-width:1000px){main{grid-template-columns:minmax(0,1fr)}aside,.list{position:static;max-height:none;overflow:visible}}
@media print{#filters,summary,#shown,.views,.rules input{display:none}.rules{max-height:none}main,aside{display:block}aside,.list{position:static;max-height:none;overflow:visible}
.doc{max-width:none}.item a{break-inside:avoid}.flash{animation:none}}
"""

_JS = """
(() => {
  "use strict";
  const boxes = [...document.querySelectorAll("input[data-kind]")];
  const marked = document.querySelectorAll("[data-family]");
  const checked = (kind) => new Set(boxes.filter((b) => b.dataset.kind === kind && b.checked).map((b) => b.value));
  // Inline changes stay in the page but fade to the original text; list items disappear.
  function apply() {
    const fam = checked("family"), lvl = checked("level"), rules = checked("rule"), shown = {}, all = {};
    let total = 0, n = 0;
    marked.forEach((el) => {
      const rule = el.dataset.rule, vis = fam.has(el.dataset.family) && lvl.has(el.dataset.level) && rules.has(rule);
      if (!el.classList.contains("edit")) { el.hidden = !vis; return; }
      el.classList.toggle("off", !vis);
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
  boxes.forEach((b) => b.addEventListener("change", apply));
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
    const li = ev.target.closest("li[data-target]");
    if (!li) return;
    ev.preventDefault();
    show(li);
  });
  const views = [...document.querySelectorAll("[data-view]")];
  function view(name) {
    views.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === name)));
    document.getElementById("marked").hidden = name !== "marked";
    document.getElementById("cleaned").hidden = name !== "cleaned";
  }
  views.forEach((b) => b.addEventListener("click", () => view(b.dataset.view)));
  // j / k walk through the changes still shown, as in a mail reader.
  document.addEventListener("keydown", (ev) => {
    if ((ev.key !== "j" && ev.key !== "k") || ev.ctrlKey || ev.metaKey || ev.altKey || ev.target.matches("input")) return;
    const items = [...document.querySelectorAll("#changes li[data-target]")].filter((li) => !li.hidden);
    if (!items.length) return;
    const at = items.findIndex((li) => li.classList.contains("current"));
    const next = ev.key === "j" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
    show(items[at < 0 ? 0 : next]);
  });
  // And the other way: clicking a change in the text finds it in the list.
  document.getElementById("marked").addEventListener("click", (ev) => {
    const el = ev.target.closest(".edit"), li = el && document.querySelector(`li[data-target="${el.id}"]`);
    if (!li || li.hidden) return;
    document.querySelectorAll("li.current").forEach((x) => x.classList.remove("current"));
    li.classList.add("current");
    li.scrollIntoView({block: "nearest"});
  });
  apply();
})();
"""
