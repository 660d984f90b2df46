"""Lint rule files: find what makes a rule file wrong or risky before it runs.

Errors (exit 1): a file that does not load (YAML, schema, regex, missing
groups), placeholders left from `cleanup rules new`, a pattern that can
backtrack without end, the same id in two files, two rules that rewrite the
same text differently or undo each other, an example that does not hold.
Warnings (exit 0): a rule no example exercises, a file with no `unchanged`
example. Every finding is one line: "path:line: error: field: what".

Runaway patterns are found two ways. Statically: a loop inside a loop
("(a+)+") whose iterations nothing separates can split a run of text in
exponentially many ways; the `regex` module survives some of these at run
time, but not all, so they are reported as they are written. Dynamically:
each loop is pumped with text built from the pattern's own characters and
a character that makes the match fail, under the run-time regex timeout.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
import yaml

from .decisions import Policy
from .edits import Level
from .errors import RuleFileError
from .examples import check_rule_file, rules_exercised, runs_offline
from .patterns import compile_rule, time_limit
from .pipeline import Pipeline
from .rulebook import RuleBook, RuleFile, RuleLoader, _lines_of, field_name, load_rule_file
from .stages import build_pipeline
from .stages.replace import ReplaceStage

PLACEHOLDER = "TODO"  # what `cleanup rules new` puts where the author must write something


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    severity: str   # "error" or "warning"
    message: str    # starts with the field: "rules[2].pattern: ..."

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def shown(path: Path) -> Path:
    """A path as the user would type it: relative to the working directory when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# -- loading -----------------------------------------------------------------

@dataclass
class Workset:
    """The files to lint or test, and every active file they run with."""

    targets: list[RuleFile] = field(default_factory=list)
    files: list[RuleFile] = field(default_factory=list)   # targets and the other active files
    errors: list[Finding] = field(default_factory=list)   # targets that did not load

    def book(self) -> RuleBook:
        return RuleBook(tuple(self.files))


def load_workset(targets, active) -> Workset:
    """Load `targets` (reporting their errors) and the `active` files they run with."""
    ws, wanted = Workset(), [shown(p) for p in targets]
    for path in dict.fromkeys(wanted + [shown(p) for p in active]):
        try:
            rf = load_rule_file(path)
        except RuleFileError as err:
            if path in wanted:
                ws.errors.append(_finding_from(path, str(err)))
            continue  # a broken file that is not being linted is reported when it is
        ws.files.append(rf)
        if path in wanted:
            ws.targets.append(rf)
    return ws


def _finding_from(path: Path, message: str) -> Finding:
    """Turn the rulebook's "path:line: field: what" into a Finding."""
    rest = message[len(str(path)):].lstrip(":") if message.startswith(str(path)) else message
    m = regex.match(r"(\d+): (.*)", rest, regex.DOTALL)
    return Finding(str(path), int(m.group(1)), "error", m.group(2)) if m else \
        Finding(str(path), 1, "error", rest.strip())


def field_lines(rf: RuleFile) -> dict:
    """Field path -> line, for pointing at a field rather than at its rule."""
    return _lines_of(yaml.compose(rf.path.read_text(encoding="utf-8"), Loader=RuleLoader))


# -- the whole lint ----------------------------------------------------------

def lint(ws: Workset, *, examples: bool = True) -> list[Finding]:
    """Every finding about the target files, errors and warnings, by file and line."""
    findings = list(ws.errors)
    book = ws.book()
    for rf in ws.targets:
        lines = field_lines(rf)
        findings += placeholders(rf, lines)
        findings += runaway_patterns(rf, lines)
        findings += example_coverage(rf)
        if examples and runs_offline(rf):
            findings += [Finding(str(rf.path), f.example.line, "error", f.what) for f in check_rule_file(rf, book)]
    findings += duplicate_ids(ws)
    findings += rewrite_clashes(ws)
    return sorted(set(findings))


def placeholders(rf: RuleFile, lines: dict) -> list[Finding]:
    out = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str) and PLACEHOLDER in value:
            out.append(Finding(str(rf.path), lines.get(path, 1), "error",
                               f"{field_name(path)}: still the skeleton's placeholder ({PLACEHOLDER}); "
                               "write the real value"))
    walk(rf.data, ())
    return out


def example_coverage(rf: RuleFile) -> list[Finding]:
    """Warnings: rules no example exercises; no 'unchanged' example to guard against false positives."""
    where = str(rf.path)
    if not rf.enabled:
        return []
    out = []
    if not any(ex.kind == "unchanged" for ex in rf.examples):
        out.append(Finding(where, 1, "warning", "examples: no 'unchanged' example guards against "
                                                 "false positives; add a similar line the rules must leave alone"))
    # names rules are entries of one lexicon, tested through the file's examples as a whole;
    # languagetool rules need a server to act
    if rf.kind == "names" or not runs_offline(rf):
        return out
    seen = rules_exercised(rf, build_pipeline(RuleBook((rf,))))
    for i, rule in enumerate(rf.rules):
        if rule.enabled and rule.id not in seen:
            out.append(Finding(where, rule.line, "warning", f"rules[{i}]: no example shows {rule.id} at work; "
                                                             "add a before/after or flagged example it acts on"))
    return out


def _id_line(rf: RuleFile) -> int:
    return field_lines(rf).get(("id",), 1)


def duplicate_ids(ws: Workset) -> list[Finding]:
    """Family ids (and so the rule ids under them) must be unique across all active files."""
    out = []
    for rf in ws.targets:
        others = [o for o in ws.files if o.id == rf.id and o.path != rf.path]
        if not others:
            continue
        clashing = sorted({r.id for r in rf.rules} & {r.id for o in others for r in o.rules})
        what = f"; rule id(s) {', '.join(clashing)} defined in both" if clashing else ""
        out.append(Finding(str(rf.path), _id_line(rf), "error",
                           f"id: family id {rf.id!r} is also the id of {', '.join(str(o.path) for o in others)}"
                           + what))
    return out


# -- rules that fight each other ----------------------------------------------

def _rewriters(files) -> list:
    """(file, rule) for every replace rule that changes text."""
    return [(rf, r) for rf in files if rf.enabled and rf.kind == "replace" for r in rf.rules
            if r.enabled and r.level is not Level.FLAG and "replacement" in r.data]


@lru_cache(maxsize=1024)
def _one_rule(rule) -> Pipeline:
    return Pipeline([ReplaceStage([rule])])


def _apply(rule, text: str):
    return _one_rule(rule).run(text, Policy(level=Level.SUGGEST))


def _samples(rf: RuleFile, rule) -> list[str]:
    """Texts the rule rewrites: its file's 'before' examples, and its literal or a pattern witness."""
    flags = regex.IGNORECASE if rule.data.get("ignore_case") else 0
    own = rule.data.get("literal") or witness(rule.data["pattern"], flags)
    return [ex.text for ex in rf.examples if ex.kind == "change"] + [own]


def rewrite_clashes(ws: Workset) -> list[Finding]:
    """Rules that undo each other, rewrite the same text differently, or rewrite their own output."""
    rules = _rewriters(ws.files)
    targets = {id(rf) for rf in ws.targets}
    out, reported = [], set()
    for rf, a in rules:
        for text in _samples(rf, a):
            first = _apply(a, text)
            if first.text == text:
                continue
            if id(rf) in targets and _apply(a, first.text).text != first.text:
                out.append(_finding(rf, a, f"rewrites its own output again ({_change(first)} → ...): running "
                                           "twice would change the text twice"))
            for other_rf, b in rules:
                pair = frozenset((a.id, b.id))
                if b is a or pair in reported or not targets & {id(rf), id(other_rf)}:
                    continue
                problem = _clash(a, b, other_rf, text, first)
                if problem:
                    reported.add(pair)
                    out.append(_finding(rf, a, problem) if id(rf) in targets else _finding(other_rf, b, problem))
    return out


def _clash(a, b, b_file: RuleFile, text: str, first) -> str | None:
    """What goes wrong between rule a (which turned `text` into `first`) and rule b, if anything."""
    where = f"{b.id} ({b_file.where(b.line)})"
    if _apply(b, first.text).text == text:
        return f"{a.id} turns {_change(first)} and {where} turns it back: the rules undo each other"
    second = _apply(b, text)
    if second.text not in (text, first.text) and _overlap(first.edits, second.edits):
        return (f"{a.id} and {where} rewrite {first.edits[0].original!r} differently "
                f"({first.edits[0].replacement!r} / {second.edits[0].replacement!r})")
    return None


def _change(result) -> str:
    edit = result.edits[0]
    return f"{edit.original!r} into {edit.replacement!r}"


def _finding(rf: RuleFile, rule, problem: str) -> Finding:
    return Finding(str(rf.path), rule.line, "error", f"rules[{rf.rules.index(rule)}]: {problem}")


def _overlap(edits_a, edits_b) -> bool:
    return any((a.start < b.end and b.start < a.end) or a.start == b.start for a in edits_a for b in edits_b)


# -- the shape of a pattern ---------------------------------------------------

@dataclass(eq=False)  # nodes are compared by identity: the same text can appear twice
class Node:
    kind: str                   # "atom", "seq", "alt", "group" or "repeat"
    start: int                  # where it is in the pattern
    end: int
    parts: list = field(default_factory=list)  # seq, alt: items; group, repeat: [body]
    text: str = ""              # atom: its source
    lo: int = 1                 # repeat bounds; hi None = unbounded
    hi: int | None = 1
    atomic: bool = False        # an atomic group or a possessive quantifier: no backtracking into it
    zero_width: bool = False    # lookaround, anchor, inline flags, comment


_ESCAPE = regex.compile(r"\\(?:[pPNx]\{[^}]*\}|[pP]\w|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}"
                        r"|[gk]<[^>]*>|\d{1,3}|.)", regex.DOTALL)
_GROUP_OPEN = regex.compile(r"\((?:\?(?:<[=!]|[=!>|]|P?<\w+>|'\w+'|[\w^-]*:|\(\w+\)))?")
_NO_TEXT_GROUP = regex.compile(r"\(\?(?:#[^)]*|[\w^-]*|P=\w+)\)")   # comment, inline flags, backreference
_QUANTIFIER = regex.compile(r"(?:([*+?])|\{(?:(\d+)(?:(,)(\d*))?|,(\d+))\})([?+]?)")
_ANCHORS = {"^", "$", r"\b", r"\B", r"\A", r"\Z", r"\z", r"\G", r"\m", r"\M", r"\K"}


class _Parser:
    def __init__(self, source: str):
        self.src, self.i = source, 0

    def parse(self) -> Node:
        node = self.alt()
        if self.i != len(self.src):
            raise ValueError(f"unexpected {self.src[self.i]!r} at {self.i}")
        return node

    def alt(self) -> Node:
        start, branches = self.i, [self.seq()]
        while self.src.startswith("|", self.i):
            self.i += 1
            branches.append(self.seq())
        return branches[0] if len(branches) == 1 else Node("alt", start, self.i, branches)

    def seq(self) -> Node:
        start, items = self.i, []
        while self.i < len(self.src) and self.src[self.i] not in "|)":
            items.append(self.quantified(self.item()))
        return Node("seq", start, self.i, items)

    def item(self) -> Node:
        start, c = self.i, self.src[self.i]
        no_text = _NO_TEXT_GROUP.match(self.src, start)
        if no_text:
            self.i = no_text.end()
            backref = no_text.group().startswith("(?P=")
            return Node("atom", start, self.i, text=no_text.group(), zero_width=not backref)
        if c == "(":
            opener = _GROUP_OPEN.match(self.src, start).group()
            self.i = start + len(opener)
            body = self.alt()
            if not self.src.startswith(")", self.i):
                raise ValueError("unclosed group")
            self.i += 1
            return Node("group", start, self.i, [body], atomic=opener == "(?>",
                        zero_width=opener in ("(?=", "(?!", "(?<=", "(?<!"))
        if c == "[":
            self.i = self._class_end()
        elif c == "\\":
            self.i = _ESCAPE.match(self.src, start).end()
        else:
            self.i += 1
        text = self.src[start:self.i]
        return Node("atom", start, self.i, text=text, zero_width=text in _ANCHORS)

    def _class_end(self) -> int:
        src, i = self.src, self.i + 1
        i += src.startswith("^", i)
        i += src.startswith("]", i)          # a ']' first in a class is a literal
        while i < len(src) and src[i] != "]":
            if src[i] == "\\":
                i += 2
            elif src.startswith("[:", i) and ":]" in src[i:]:
                i = src.index(":]", i) + 2
            else:
                i += 1
        return i + 1

    def quantified(self, node: Node) -> Node:
        while (m := _QUANTIFIER.match(self.src, self.i)):
            symbol, lo, comma, hi, only_hi, mode = m.groups()
            bounds = {"*": (0, None), "+": (1, None), "?": (0, 1)}.get(symbol) or (
                (0, int(only_hi)) if only_hi else (int(lo), (int(hi) if hi else None) if comma else int(lo)))
            self.i = m.end()
            node = Node("repeat", node.start, self.i, [node], lo=bounds[0], hi=bounds[1], atomic=mode == "+")
        return node


def parse_pattern(pattern: str) -> Node | None:
    """The pattern's tree, or None for syntax this small parser does not know (no static check then)."""
    try:
        return _Parser(pattern).parse()
    except (ValueError, AttributeError, IndexError):
        return None


def _walk(node: Node):
    yield node
    for part in node.parts:
        yield from _walk(part)


# Characters that stand for the classes a pattern uses: what an atom matches is
# judged by which of these it matches (plus the pattern's own literal characters).
ALPHABET = "aZ09 \t\n.,;:!?-_'\"’()[]/\\@#&©%+*=<>|éßЖ中\u00a0\u200b\x00"


@lru_cache(maxsize=4096)
def _chars(atom: str, flags: int, alphabet: str) -> frozenset | None:
    """The alphabet characters an atom matches; None when it cannot be judged alone (a backreference)."""
    try:
        one = regex.compile(atom, flags)
    except regex.error:
        return None
    return frozenset(c for c in alphabet if one.fullmatch(c))


def _loops(node: Node) -> list[Node]:
    """The unbounded, backtracking loops inside a node (atomic parts and lookarounds excluded)."""
    out = []
    for part in node.parts:
        if part.atomic or part.zero_width:
            continue
        if part.kind == "repeat" and part.hi is None:
            out.append(part)
        out.extend(_loops(part))
    return out


def _top_items(node: Node) -> list[Node]:
    """The items a loop body is a sequence of, looking through plain groups."""
    if node.kind == "group" and not (node.atomic or node.zero_width):
        return _top_items(node.parts[0])
    if node.kind == "seq":
        return [item for part in node.parts for item in _top_items(part)]
    return [node]


def _atoms(node: Node) -> list[Node]:
    return [n for n in _walk(node) if n.kind == "atom" and not n.zero_width]


def nested_loops(pattern: str, flags: int = 0) -> str | None:
    """The part of the pattern that is a loop in a loop with nothing to keep its turns apart, if any.

    A turn of the outer loop is kept apart from the next by a separator: a
    required item that matches none of the characters the other items match.
    "(\\w+,)+" has one (the comma); so has "(\\s+\\p{Lu}+)*" (each run of spaces
    lies between capitals). "(\\w+\\s?)+" has none: with the space left out,
    "abc" splits into turns in four ways, a longer word in exponentially many.
    """
    tree = parse_pattern(pattern)
    if tree is None:
        return None
    alphabet = _alphabet(tree)

    def chars(node: Node) -> set:
        out = set()
        for atom in _atoms(node):
            found = _chars(atom.text, flags, alphabet)
            out |= set(alphabet) if found is None else found
        return out

    for outer in _walk(tree):
        if outer.kind != "repeat" or outer.hi is not None or outer.atomic or not _loops(outer):
            continue
        items = [i for i in _top_items(outer.parts[0]) if not i.zero_width]
        required = [i for i in items if _witness(i, alphabet, flags)]
        for sep in required:
            apart = not chars(sep) & set().union(*(chars(i) for i in items if i is not sep))
            # a looping separator needs another required item, or two turns' runs of it merge
            if apart and (sep.kind == "atom" or len(required) > 1):
                break
        else:
            return pattern[outer.start:outer.end]
    return None


_MARK = "\uffff"  # where the loop under attack goes in a witness


def _alphabet(tree: Node) -> str:
    return ALPHABET + "".join(sorted({n.text for n in _atoms(tree) if len(n.text) == 1}))


def _witness(node: Node, alphabet: str, flags: int, target: Node | None = None) -> str:
    """A short text shaped like `node`: each atom's first alphabet character, loops taken their minimum."""
    def build(node: Node) -> str:
        if node is target:
            return _MARK
        if node.kind == "atom":
            chars = None if node.zero_width else _chars(node.text, flags, alphabet)
            return min(chars, key=alphabet.index) if chars else ""
        if node.kind == "group":
            return "" if node.zero_width else build(node.parts[0])
        if node.kind == "alt":
            return build(next((b for b in node.parts if any(n is target for n in _walk(b))), node.parts[0]))
        if node.kind == "repeat":
            body = build(node.parts[0])
            return body if _MARK in body else body * node.lo
        return "".join(build(p) for p in node.parts)
    return build(node)


def witness(pattern: str, flags: int = 0) -> str:
    """A text the pattern plausibly matches, for trying rules on each other ("" if not parsed)."""
    tree = parse_pattern(pattern)
    return _witness(tree, _alphabet(tree), flags) if tree else ""


def _attacks(pattern: str, flags: int):
    """Texts that pump each loop of the pattern, then fail: where backtracking explodes."""
    tree = parse_pattern(pattern)
    if tree is None:
        return
    alphabet = _alphabet(tree)
    for loop in (n for n in _walk(tree) if n.kind == "repeat" and not n.atomic and (n.hi is None or n.hi > 16)):
        before = _witness(tree, alphabet, flags, target=loop).partition(_MARK)[0]
        body = loop.parts[0]
        while body.kind == "group" and not body.zero_width:
            body = body.parts[0]
        pumps = {_witness(b, alphabet, flags) for b in (body.parts if body.kind == "alt" else [body])}
        for pump in sorted(p for p in pumps if p):
            for killer in ("!", "\x00", "\n"):
                yield before + pump * 64 + killer


def runs_away(pattern: str, flags: int) -> str | None:
    """An attack text on which the pattern hits the run-time regex timeout, if one is found."""
    compiled = compile_rule(pattern, bool(flags & regex.IGNORECASE))
    for text in _attacks(pattern, flags):
        for match in (compiled.search, compiled.fullmatch):
            try:
                match(text, timeout=time_limit(text))
            except TimeoutError:
                return text
    return None


def runaway_patterns(rf: RuleFile, lines: dict) -> list[Finding]:
    out = []
    for i, rule in enumerate(rf.rules):
        pattern = rule.data.get("pattern")
        if not isinstance(pattern, str):
            continue
        flags = regex.IGNORECASE if rule.data.get("ignore_case") else 0
        line = lines.get(("rules", i, "pattern"), rule.line)
        where = f"rules[{i}].pattern"
        nested = nested_loops(pattern, flags)
        if nested:
            out.append(Finding(str(rf.path), line, "error",
                               f"{where}: {nested!r} repeats a repetition with nothing between the turns, "
                               "so it can backtrack exponentially; make a quantifier possessive ('++', '*+'), "
                               "use an atomic group '(?>...)', or bound it ('{1,20}')"))
            continue
        attack = runs_away(pattern, flags)
        if attack:
            out.append(Finding(str(rf.path), line, "error",
                               f"{where}: runs away: on {attack[:24]!r}... ({len(attack)} characters) it took "
                               f"longer than the {time_limit(attack):.1f}s regex timeout; it would be skipped "
                               "at run time"))
    return out
