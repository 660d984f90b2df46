"""The static parts of the HTML review page: its template, stylesheet and script (render/html.py fills them in).

Everything the page needs travels inside it: no fonts, images, scripts or
styles are fetched. The script reads the review data from the page's
`review-data` JSON and only ever puts text into the page as text.
"""

TEMPLATE = """<!DOCTYPE html>
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

CSS = """
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

JS = """
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
    const items = [...document.querySelectorAll("#changes li[data-target]")]
      .filter((li) => !li.hidden && !li.classList.contains("absent"));  // filtered out, or not proposed now
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
