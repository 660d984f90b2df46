"""Rules for names: variants merged into their name (`names` rules), and glued words.

The names engine derives spacing, hyphenation, case, possessive and glued
forms from one spelling, so a rule lists only the name, its short form and
the variants seen. A glued word holding a corpus name ("Scholzsaid") asks
only that the name be in the lexicon; one made of two words becomes a
replacement of its own.
"""
from __future__ import annotations

from .draft import CANDIDATE_EXAMPLES, Draft, share, unique
from .evidence import Evidence
from .glued import Glued
from .names import NameCluster

OVERWHELMING_VARIANT_DOCS = 10  # a variant this widespread, close in spelling and context: a fix
OVERWHELMING_RATIO = 85
OVERWHELMING_CONTEXT = 0.5


def name_draft(c: NameCluster, ev: Evidence, documents: int, glued: list[Glued]) -> Draft:
    parts = []
    for variant, docs, ratio, context in c.variants:
        together = ev.together.get((variant, c.short), 0)
        parts.append(f"{variant}: {share(docs, documents)}, spelling {ratio:.0f}% alike, context {context:.2f}, "
                     f"in the same document as {c.short} in {together}")
    for g in glued:
        parts.append(f"{g.token} (glued, {g.docs} documents) splits as '{g.split}'")
    known = f"; the names lexicon knows {c.lexicon_name}" if c.lexicon_name else ""
    note = f"Learned: {c.short} in {share(c.docs, documents)}{known}. " + "; ".join(parts) + "."
    rule = {"id": "", "name": c.name, "short": [c.short], "variants": [v for v, *_ in c.variants],
            "level": "suggest", "note": note}
    if c.variants and all(d >= OVERWHELMING_VARIANT_DOCS and r >= OVERWHELMING_RATIO and x >= OVERWHELMING_CONTEXT
                          for _, d, r, x in c.variants):
        rule["level"] = "fix"
    draft = Draft("names", "names", rule, evidence={
        "name": c.name, "short": c.short, "documents": c.docs,
        "variants": [{"variant": v, "documents": d, "ratio": round(r), "context": round(x, 2),
                      "together": ev.together.get((v, c.short), 0)} for v, d, r, x in c.variants],
        "glued": [g.token for g in glued]})
    forms = [v for v, *_ in c.variants] + [g.token for g in glued]
    draft.before = unique((s for f in forms for _, s, _ in ev.sentences.get(f, [])), CANDIDATE_EXAMPLES)
    draft.unchanged = unique([s for _, s, _ in ev.sentences.get(c.short, [])]
                             + [near for f in forms for _, _, near in ev.sentences.get(f, [])], CANDIDATE_EXAMPLES)
    if not draft.before:
        draft.dropped = "no sentence with a variant was found again in the second pass"
    return draft


def glued_draft(g: Glued, ev: Evidence, documents: int) -> Draft:
    rule = {"id": "", "pattern": rf"\b{g.token}\b", "replacement": g.split, "level": "suggest",
            "message": f"'{g.token}' is '{g.split}' run together",
            "note": f"Learned: {g.token} in {share(g.docs, documents)}; no word list knows it, "
                    f"and it splits into common words."}
    draft = Draft("glued", "replace", rule, evidence={"token": g.token, "split": g.split, "documents": g.docs})
    draft.before = unique((s for _, s, _ in ev.sentences.get(g.token, [])), CANDIDATE_EXAMPLES)
    draft.unchanged = unique((near for _, _, near in ev.sentences.get(g.token, [])), CANDIDATE_EXAMPLES)
    if not draft.before:
        draft.dropped = "not found again in the second pass"
    return draft
