"""Rules for site furniture: whole lines (remove-line) and tails glued to lines (replace).

A whole line that recurs becomes a pattern for itself (numbers and dates
generalised). Lines sharing a frame ("Read more: <headline>") become one
pattern: the frame's fixed start and a slot shaped like the variable parts
seen (anything up to a length, or "<name> / <agency>" when every one has a
slash). A line whose words also occur inside article text is not proposed:
the rule could not tell them apart. A tail becomes a replacement that
removes it at the end of a line, with the variable bits seen just before
it (a "(source)" before " - Yahoo! News", more "｜section" bars).
"""
from __future__ import annotations

import math

import regex

from .candidates import Candidate
from .draft import CANDIDATE_EXAMPLES, Draft, overwhelming, share, unique
from .evidence import CandidateEvidence
from .shapes import to_pattern

VARIABLE_SHARE = 0.6   # a variable bit before a tail is part of the pattern when this share of lines has it
ARTICLE_WORDS = 8        # a neighbouring line this long is article text
FRAME_INSIDE_SHARE = 0.1  # a frame whose start occurs in article text more often than this is dropped

_PARENTHESIS_BEFORE = regex.compile(r"\([^()\n]{1,40}\)\s*$")


def line_draft(c: Candidate, found: CandidateEvidence, documents: int, needed: int, furniture=None) -> Draft:
    """furniture: a regex that finds every candidate (lines and tails), to keep examples clear of them."""
    pattern = to_pattern(c.text) if c.kind == "line" else _frame(c.text, found)
    draft = _draft("boilerplate", "remove-line", c, found, documents, pattern)
    if c.kind == "line":
        draft.rule["message"] = "A line the corpus repeats around its articles, not article text"
    else:
        draft.rule["message"] = f"A '{c.text} …' line the corpus repeats around its articles, not article text"
    lines = {s.line for s in found.samples}
    if not found.samples:
        draft.dropped = "not found again in the second pass (counts were cut short in bounded memory)"
    elif c.kind == "line" and found.inside_docs:
        draft.dropped = (f"also inside article text in {found.inside_docs} document(s), e.g. "
                         f"{found.inside[0]!r}" if found.inside else "also inside article text")
    elif c.kind == "head" and len({regex.sub(r"\d+", "0", s) for s in lines}) == 1:
        draft.dropped = "one line, not a family: the rule for the whole line covers it"
    elif c.kind == "head" and found.inside_docs > FRAME_INSIDE_SHARE * max(found.docs, 1):
        draft.dropped = f"its start also begins article text in {found.inside_docs} document(s)"
    in_context = sorted((_in_context(s, furniture) for s in found.samples), key=lambda t: -t.count("\n"))
    draft.before = (unique(in_context, CANDIDATE_EXAMPLES - 1) + [found.samples[0].line]) if found.samples else []
    draft.unchanged = unique(list(found.inside) + [t for s in found.samples for t in (s.next, s.prev)
                                                   if _is_text(t)], CANDIDATE_EXAMPLES)
    if overwhelming(c.docs, needed, c.edge_share, found.inside_docs):
        draft.rule["level"] = "fix"
    return draft


def tail_draft(c: Candidate, found: CandidateEvidence, documents: int, needed: int) -> Draft:
    pattern = _tail_pattern(c.text, found)
    draft = _draft("tails", "replace", c, found, documents, pattern)
    draft.rule["replacement"] = ""
    draft.rule["message"] = f"'{c.text}' glued to the end of lines across the corpus: a site or agency credit"
    if not found.samples:
        draft.dropped = "not found again in the second pass (counts were cut short in bounded memory)"
    draft.before = unique((s.line for s in found.samples), CANDIDATE_EXAMPLES)
    draft.unchanged = unique(list(found.inside) + [s.next for s in found.samples if _is_text(s.next)],
                             CANDIDATE_EXAMPLES)
    if overwhelming(c.docs, needed, inside=found.inside_docs):
        draft.rule["level"] = "fix"
    return draft


def _is_text(line: str) -> bool:
    """A line of article text, not more furniture: long enough to be prose."""
    return len(line.split()) >= ARTICLE_WORDS


def _in_context(s, furniture) -> str:
    """The line with those of its neighbours that are article text and hold no other candidate furniture
    (which other learned rules would change, and the example would no longer hold)."""
    def plain(t):
        return _is_text(t) and not (furniture is not None and furniture.search(t))
    return "\n".join(t for t in (s.prev if plain(s.prev) else "", s.line, s.next if plain(s.next) else "") if t)


def _draft(family, kind, c: Candidate, found: CandidateEvidence, documents: int, pattern: str) -> Draft:
    positions = ", ".join(f"{where} {n}" for where, n in sorted(c.positions, key=lambda p: -p[1]))
    evidence = {"key": c.text, "kind": c.kind, "documents": c.docs, "share": round(c.docs / max(documents, 1), 4),
                "positions": dict(c.positions), "inside_article_text": found.inside_docs,
                "examples": [s.place for s in found.samples[:3]], "lines": [s.line for s in found.samples[:5]]}
    note = (f"Learned: {share(c.docs, documents)}"
            + (f"; where in the document: {positions}" if positions and c.kind != "tail" else "")
            + f"; inside article text in {found.inside_docs} document(s)"
            + (f"; e.g. {', '.join(evidence['examples'])}" if evidence["examples"] else "") + ".")
    return Draft(family, kind, {"id": "", "pattern": pattern, "message": "", "level": "suggest", "note": note},
                 evidence=evidence)


def _frame(head: str, found: CandidateEvidence) -> str:
    """The frame's start, then a slot shaped like the variable parts seen."""
    start = regex.compile(to_pattern(head) + r"\s*")
    rests = [start.sub("", s.line, count=1) for s in found.samples] or ["x"]
    limit = min(300, max(40, 10 * math.ceil(2 * max(map(len, rests)) / 10)))
    if all("/" in r for r in rests):
        part = min(120, limit)
        slot = rf"[^/\n]{{1,{part}}}(?:/[^/\n]{{1,{part}}})+"
    else:
        slot = rf".{{1,{limit}}}"
    return to_pattern(head) + r"\s*" + slot


def _tail_pattern(tail: str, found: CandidateEvidence) -> str:
    """Where the tail starts (its separator, any spacing), what it says, and what often comes just before."""
    if tail.startswith("- "):
        core = r"(?:[ \t]*[-–—][ \t]*)" + to_pattern(tail[2:], loose=True)
    elif tail[:1] in "｜|":
        core = r"[ \t]*[｜|][ \t]*" + to_pattern(tail[1:].lstrip(), loose=True)
    elif tail.startswith("= "):
        core = r"[ \t]*=[ \t]*" + to_pattern(tail[2:], loose=True)
    else:
        core = r"[ \t]*" + to_pattern(tail, loose=True)
    befores = [regex.split(core + r"[ \t]*$", s.line)[0] for s in found.samples]
    lead = ""
    def most(holds) -> bool:
        return bool(befores) and sum(map(holds, befores)) >= VARIABLE_SHARE * len(befores)

    if most(lambda b: bool(_PARENTHESIS_BEFORE.search(b))):
        lead = r"(?:[ \t]*\([^()\n]{1,40}\))?"
    elif tail[:1] in "｜|" and most(lambda b: "｜" in b or "|" in b):
        lead = r"(?:[ \t]*[｜|][^｜|\n]{1,40})*"
    return r"(?<=\S)" + lead + core + r"[ \t]*$"
