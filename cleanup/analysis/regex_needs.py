"""What every match of a pattern needs in the text, read off its regex tree (analysis/regex_tree.py).

`requirement(pattern)` gives a literal, ("and", needs), ("or", needs) or
("re", a literal and the class after it), or None when nothing is known: a
text that does not hold it cannot match, so the replace stage's prefilter
skips the rule there. Literal characters and escaped punctuation count, in
groups and positive lookarounds that must match; one of a group's
alternatives must match; a group with flags of its own ("(?i:...)") changes
nothing outside it; a literal followed by a class (or a group or
backreference starting with one) is followed by one of its characters
("\\(\\p{Lu}"). For a case-insensitive pattern the literals are searched
for case-folded (`fold_case`), as their ASCII stretches.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from .lowering import lower
from .regex_tree import NEGATIVE_LOOKAROUNDS, parse, walk


def requirement(pattern: str, ignore_case: bool = False):
    """What every match of `pattern` needs in the text: a literal (a search form, see
    _search_forms), ("and", needs), ("or", needs), ("re", a pattern: a literal and the
    class that follows it); None if nothing is known.

    Read off the regex tree as required_text reads it (literal characters and
    escaped punctuation, in groups and positive lookarounds that must
    match), and beyond it: one of a group's alternatives must match, and a
    group with flags of its own ("(?i:...)") changes nothing outside it, and
    a literal followed by a class, or by a group or backreference that starts
    with one, is followed by one of its characters ("\\(\\p{Lu}").
    """
    tree = parse(pattern)
    if tree is None or not all(_followed(node) for node in _outside_flag_groups(tree)):
        return None
    groups = [n for n in walk(tree) if n.kind == "group" and _CAPTURING.fullmatch(n.text)]
    try:
        return _simplify(_need(tree, dict(enumerate(groups, 1))), ignore_case)
    except _Unknown:
        return None


class _Unknown(Exception):
    pass


# flags of a group's own that leave the syntax inside as the parser reads it ("x" would not)
_FLAG_GROUP = regex.compile(r"\(\?(?:[imsafuw]+(?:-[imsafuw]+)?|-[imsafuw]+):")


def _outside_flag_groups(node):
    yield node
    if node.kind == "group" and _FLAG_GROUP.fullmatch(node.text):
        return
    for part in node.parts:
        yield from _outside_flag_groups(part)


def _followed(node) -> bool:
    if node.kind == "group" and _FLAG_GROUP.fullmatch(node.text):
        return True
    return node.understood and not (node.kind == "repeat" and node.parts[0].kind == "repeat")


def _need(node, groups):
    """The need of a sequence or an alternation, before case folding (None: none).
    `groups`: the capturing groups by number."""
    if node.kind == "alt":
        needs = [_need(branch, groups) for branch in node.parts]
        return None if any(n is None for n in needs) else ("or", needs)
    if node.kind != "seq":
        raise _Unknown
    needs, run = [], ""
    for item in node.parts:
        body, least, quantified = (item.parts[0], item.lo, True) if item.kind == "repeat" else (item, 1, False)
        if body.literal is not None:
            if not quantified:
                run += body.literal
                continue
            if least >= 1:
                run += body.literal  # "ab+" still contains "ab"; what follows the repeat is another stretch
        if run and (first := _first_class(item, groups)):
            needs.append(("re", re.escape(run) + first))
        needs.append(run)
        run = ""
        if body.kind == "group" and least >= 1 and body.text not in NEGATIVE_LOOKAROUNDS \
                and not _FLAG_GROUP.fullmatch(body.text):
            needs.append(_need(body.parts[0], groups))
    needs.append(run)
    needs = [n for n in needs if n]
    return ("and", needs) if needs else None


_CAPTURING = regex.compile(r"\((?:\?P?<\w+>)?")
_PLAIN_OPENER = regex.compile(r"\((?:\?:|\?P?<\w+>)?")
_CLASS_ATOM = regex.compile(r"\[\^?[^\]\[\\]+\]|\\p\{\w+\}")  # as FastPattern reads them: a plain [class], a \p{..}
_BACKREF_ATOM = regex.compile(r"\\[1-9][0-9]?")


def _first_class(item, groups, depth: int = 0) -> str | None:
    """The class a match of `item` starts with (its source), if one must: a class, or a group or a
    backreference whose group starts with one."""
    body, least = (item.parts[0], item.lo) if item.kind == "repeat" else (item, 1)
    if least < 1 or depth > 10:
        return None
    if body.kind == "atom":
        if _CLASS_ATOM.fullmatch(body.text):
            return body.text
        group = groups.get(int(body.text[1:])) if _BACKREF_ATOM.fullmatch(body.text) else None
        return _first_class_of(group.parts[0], groups, depth + 1) if group else None
    if body.kind == "group" and _PLAIN_OPENER.fullmatch(body.text):
        return _first_class_of(body.parts[0], groups, depth + 1)
    return None


def _first_class_of(seq, groups, depth: int) -> str | None:
    """_first_class of a sequence's first item that consumes text."""
    if seq.kind != "seq":
        return None
    for item in seq.parts:
        if item.zero_width:
            continue  # consumes nothing
        return _first_class(item, groups, depth)
    return None


def _simplify(need, ignore_case: bool):
    """Literals as searched for (case-insensitive: ASCII stretches, lowercased), needs of one need
    merged into it; None for what needs nothing."""
    if need is None:
        return None
    if isinstance(need, str):
        forms = _search_forms([need], ignore_case)
        return None if not forms else forms[0] if len(forms) == 1 else ("and", list(forms))
    kind, parts = need
    if kind == "re":  # (letter case folds classes in ways FastPattern does not follow)
        return None if ignore_case else need
    parts = [_simplify(part, ignore_case) for part in parts]
    if kind == "or" and any(p is None for p in parts):
        return None
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    # longest literals first: the rarest, so an absent one is found soonest
    return kind, sorted(parts, key=lambda p: -len(p) if isinstance(p, str) else 0)


# The only characters the regex module matches to an ASCII character under
# IGNORECASE, besides ASCII itself (tests/test_replace_prefilter.py checks
# this against every code point): mapped to ASCII before lowercasing, so a
# case-insensitive ASCII literal is found in the folded text whenever the
# pattern could match.
ASCII_CASE_PARTNERS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_PARTNERS = "\u0130\u0131\u017f\u212a"
_NON_ASCII = regex.compile(r"[^\x00-\x7f]+")


def fold_case(text: str) -> str:
    if not text.isascii() and any(partner in text for partner in _PARTNERS):  # rare; translate() is slow
        return lower(text, ASCII_CASE_PARTNERS)
    return lower(text)


def _search_forms(runs, ignore_case: bool) -> tuple[str, ...]:
    """What to look for: the literals themselves, or for a case-insensitive rule
    their ASCII stretches, lowercased (other letters fold in too many ways)."""
    if ignore_case:
        runs = [part.lower() for run in runs for part in _NON_ASCII.split(run)]
    return tuple(sorted({r for r in runs if r}))


# -- where a match can reach --------------------------------------------------

# characters that commonly split a text into short pieces
BARRIER_CANDIDATES = "\n.,;:!?\"()[]{}|\u201c\u201d\u3002\uff0c"
_SAFE_ANCHORS = {"^", "$", r"\b", r"\B", r"\m", r"\M"}  # (they look only at the characters beside them)
_CASE_ONLY_GROUP = regex.compile(r"\(\?-?i:")
_BACKREFERENCE = regex.compile(r"\\(?:[1-9][0-9]?|g<\w+>)|\(\?P=\w+\)")


def barriers(pattern: str, ignore_case: bool = False, *, behind: bool = True) -> str:
    """The characters of BARRIER_CANDIDATES that no part of the pattern can match, lookarounds
    included ('' when any part is not understood): a match, and all the text its lookarounds
    and anchors look at, then lie between two such characters (each included), so the pattern
    finds the same matches there as in the whole text.

    behind=False: what lookbehinds match does not count. A match started at p then reads no text
    past the first of these characters after p (it cannot step over it, and a lookbehind reads
    only what lies before where it is tried)."""
    tree = parse(pattern)
    if tree is None:
        return ""
    left = set(BARRIER_CANDIDATES)
    for node, in_lookbehind in _walk_marking_lookbehinds(tree, False):
        if node.kind == "group" and not node.understood and not _CASE_ONLY_GROUP.fullmatch(node.text):
            return ""
        if node.kind != "atom":
            continue
        if node.zero_width or not node.understood:
            if node.text not in _SAFE_ANCHORS:
                return ""  # \A, \Z, \G, inline flags, comments ...: judged by no one here
            continue
        if _BACKREFERENCE.fullmatch(node.text):
            if not behind:
                return ""  # (its group may be in a lookbehind)
            continue  # it matches only what its group took, which is checked as part of it
        if in_lookbehind and not behind:
            continue
        left -= _matched(node.text, ignore_case)
        if not left:
            return ""
    return "".join(c for c in BARRIER_CANDIDATES if c in left)


def _walk_marking_lookbehinds(node, inside: bool):
    yield node, inside
    inside = inside or (node.kind == "group" and node.text in ("(?<=", "(?<!"))
    for part in node.parts:
        yield from _walk_marking_lookbehinds(part, inside)


def ends_at_line_end(pattern: str) -> bool:
    """Does every match end where `$` holds (the pattern is a sequence ending in `$`)?"""
    tree = parse(pattern)
    return tree is not None and tree.kind == "seq" and bool(tree.parts) and tree.parts[-1].kind == "atom" \
        and tree.parts[-1].text == "$"


@lru_cache(maxsize=1024)
def _matched(atom: str, ignore_case: bool) -> set[str]:
    """The candidates `atom` matches, in either letter case (all of them if it does not compile alone)."""
    try:
        compiled = [regex.compile(atom, regex.MULTILINE | flags) for flags in (0, regex.IGNORECASE)]
    except regex.error:
        return set(BARRIER_CANDIDATES)
    return {c for c in BARRIER_CANDIDATES if any(p.fullmatch(c) for p in compiled)}


def opens_with_literal(pattern: str) -> bool:
    """Does every match start with one literal character (past what consumes nothing; not one of
    alternatives)? The regex module then skips to where it can match at the speed of a string search."""
    tree = parse(pattern)
    return tree is not None and _opens_with_literal(tree.parts if tree.kind == "seq" else [tree])


def _opens_with_literal(items) -> bool:
    for item in items:
        body, least = (item.parts[0], item.lo) if item.kind == "repeat" else (item, 1)
        if not body.understood:
            return False  # (inline flags ...)
        if body.zero_width:
            continue
        if least < 1:
            return False
        if body.literal is not None:
            return True
        if body.kind != "group" and body.kind != "alt":
            return False
        inner = body.parts[0] if body.kind == "group" else body
        branches = inner.parts if inner.kind == "alt" else [inner]
        if all(all(part.zero_width for part in branch.parts) for branch in branches):
            continue  # (?:^|(?<=x)): consumes nothing
        return len(branches) == 1 and branches[0].kind == "seq" and _opens_with_literal(branches[0].parts)
    return False


# -- where a match can start ----------------------------------------------------

# atoms that match exactly one character, whatever surrounds them (compiled alone they mean the same)
_ONE_CHAR = regex.compile(r"\[.*\]|\\[pP](?:\{[^}]*\}|\w)|\\[dDwWsStnrfv]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\.",
                          regex.DOTALL)
_LEAD_ANCHORS = {"^", "$", r"\b", r"\B", r"\m", r"\M"}  # (they look at the text as a search from anywhere would)


def lead(pattern: str):
    """(the one-character atoms, a literal) such that every match starts at a position p followed by
    characters each matched by one of the atoms, then the literal: the match can only start in the
    run of those characters right before an occurrence of the literal (or at it). None when the
    pattern's start is not that simple (alternatives, a repeated group, backreferences, inline
    flags, \\A \\G \\K ... anywhere: then nothing is claimed)."""
    tree = parse(pattern)
    if tree is None or any(not n.understood or (n.kind == "atom" and n.zero_width and n.text not in _LEAD_ANCHORS)
                           for n in walk(tree)):
        return None
    found = _lead(tree.parts if tree.kind == "seq" else [tree], [])
    return found if isinstance(found, tuple) else None


def _lead(items, atoms: list):
    """(atoms, literal) once a literal is reached; `atoms` grown, when the items end first; None: unknown."""
    for k, item in enumerate(items):
        if item.kind == "atom" and item.literal is not None:
            run = ""
            for next_item in items[k:]:
                if next_item.kind != "atom" or next_item.literal is None:
                    break
                run += next_item.literal
            return atoms, run
        body = item.parts[0] if item.kind == "repeat" else item
        if body.kind == "atom" and not body.zero_width:
            if not (body.literal is not None or _ONE_CHAR.fullmatch(body.text)):
                return None  # a backreference, \X ...
            atoms = atoms + [body.text]  # (repeated any number of times, even none)
        elif item.kind == "atom":
            continue  # an anchor: consumes nothing
        elif item.kind != "group":
            return None  # a repeated group: its start is not followed
        elif item.text in ("(?<=", "(?<!", "(?!"):
            continue  # looks behind, or consumes nothing and finds nothing that must follow
        elif item.parts[0].kind != "seq":
            return None  # alternatives
        else:
            inner = _lead(item.parts[0].parts, atoms)
            if inner is None or isinstance(inner, tuple):
                return inner
            if item.text == "(?=":
                return None  # (a lookahead with no literal: what follows starts again at its start)
            atoms = inner
    return atoms
