"""Rule files: load, validate against the shipped JSON Schema, index.

Every error names the file, the line and the field, so a user can go
straight to the mistake: "cleanup/rules/x.yaml:12: rules[2].pattern: ...".
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from ..core.edits import Level
from ..core.errors import CleanupError, RuleFileError
from ..core.files import read_text_bounded
from . import cache

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SCHEMA_PATH = PACKAGE_DIR / "schema" / "rulefile.schema.json"
SHIPPED_RULES = PACKAGE_DIR / "rules"
PLACEHOLDER = "TODO"  # what `cleanup rules new` puts where the author must write something
COMMON_FIELDS = frozenset({"id", "message", "level", "enabled", "note", "detector"})  # every kind's rules have them
ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Example:
    line: int
    text: str
    after: str | None = None          # before/after pair
    spans: tuple[str, ...] = ()       # flagged example: substrings that must be flagged
    level: Level = Level.FIX
    kind: str = "change"              # "change", "unchanged" or "flagged"


@dataclass(frozen=True)
class Rule:
    id: str              # "<file id>.<rule id>"
    kind: str
    level: Level
    message: str
    data: dict = field(compare=False)  # the rule's fields as written
    path: Path = field(default=None, compare=False)
    line: int = 0
    enabled: bool = True
    field_lines: dict = field(default_factory=dict, compare=False, repr=False)  # field name -> line
    settings: object = field(default=None, compare=False, repr=False)  # typed, set by the stage registry
    index: int = field(default=0, compare=False)  # its place in the file's rules

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


@dataclass(frozen=True)
class RuleFile:
    path: Path
    id: str
    kind: str
    description: str
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    data: dict = field(compare=False, repr=False)
    enabled: bool = True
    language: str = "en"  # the language of the texts the rules are for; "*": any

    @property
    def run_language(self) -> str:
        """The language its examples run in, among the other rule files for it ("*": the default, en)."""
        return "en" if self.language == ANY_LANGUAGE else self.language

    def speaks(self, language: str | None) -> bool:
        """Do these rules apply to texts in `language` (a primary subtag: "en", "de"; None: any)?"""
        return language is None or self.language in (ANY_LANGUAGE, language)

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"


# -- YAML with line numbers -------------------------------------------------
# (yaml is imported when a file is parsed: a run whose rule files all come from the cache never is)

MAX_ALIASES = 16  # fan-out multiplies per level: 16 aliases expand at most a few hundred-fold
MAX_RULE_FILE_BYTES = 16 * 1024 * 1024


@lru_cache(maxsize=1)
def _rule_loader() -> type:
    import yaml

    class RuleLoader(yaml.SafeLoader):
        """YAML 1.2 booleans: only true/false. Word lists hold "on", "no", "yes".

        Aliases (*name) are refused past a small budget: nine levels of aliases to
        lists of aliases ("billion laughs") are a few hundred bytes that expand to
        billions of nodes in every walk over the data."""

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                self.aliases = getattr(self, "aliases", 0) + 1
                if self.aliases > MAX_ALIASES:
                    event = self.peek_event()
                    raise yaml.composer.ComposerError(None, None, f"more than {MAX_ALIASES} aliases (*name); "
                                                      "write the values out", event.start_mark)
            return super().compose_node(parent, index)

    RuleLoader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    RuleLoader.add_implicit_resolver("tag:yaml.org,2002:bool", regex.compile(r"^(?:true|false)$"), list("tf"))
    return RuleLoader


MAX_FAST_DEPTH = 64  # deeper files (no rule file is) go through the Python composer, which says "nested too deeply"


@lru_cache(maxsize=1)
def _libyaml_composer() -> type | None:
    """RuleLoader's resolvers on libyaml's parser and composer (ten times faster), or None without libyaml."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return None
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class LibyamlRuleComposer(yaml.cyaml.CParser, SafeConstructor, Resolver):
        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    LibyamlRuleComposer.yaml_implicit_resolvers = _rule_loader().yaml_implicit_resolvers
    return LibyamlRuleComposer


def _compose(text: str):
    """The YAML node tree of `text`, as the Python composer (RuleLoader) makes it, line numbers included.

    libyaml composes it when that cannot differ: no alias (the budget is counted in RuleLoader),
    shallow nesting, none of the characters the two readers treat differently, and no error (the
    Python composer then raises the error, in its words, as it always has)."""
    import yaml

    fast = _libyaml_composer()
    if fast is not None and not _LIBYAML_MAY_DIFFER.search(text):
        try:
            depth = deepest = 0
            for event in yaml.parse(text, Loader=fast):
                if isinstance(event, yaml.AliasEvent):
                    break
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    depth += 1
                    deepest = max(deepest, depth)
                elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    depth -= 1
            else:
                if deepest <= MAX_FAST_DEPTH:
                    return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_rule_loader())


# what the Python reader refuses (its own test), line breaks other than \n and \r, tabs, a byte order mark
_LIBYAML_MAY_DIFFER = regex.compile(r"[^\n\r\x20-\x7E\xA0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\U00010000-\U0010FFFF]")


def __getattr__(name: str):
    if name == "RuleLoader":  # `from cleanup.rulebook.loading import RuleLoader` still works
        return _rule_loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _lines_of(node, path=(), out=None) -> dict:
    """Map each field path to the 1-based line it starts on; reject duplicate keys."""
    import yaml

    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            name = key.value
            if name in seen:
                raise _DuplicateKey(name, key.start_mark.line + 1, path)
            seen.add(name)
            _lines_of(value, path + (name,), out)
            out[path + (name,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines_of(item, path + (i,), out)
    return out


class _DuplicateKey(Exception):
    def __init__(self, name, line, path):
        self.name, self.line, self.path = name, line, path


def field_name(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _line_for(lines: dict, path) -> int:
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


@lru_cache(maxsize=1)
def schema_validator():
    import jsonschema  # (here: a run whose rule files all come from the cache never needs it)

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _error_path(err) -> tuple:
    """Where an error is: for an unknown field, the field itself."""
    path = tuple(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        if extra:
            path += (extra[0],)
    return path


def _best_error(errors, lines):
    """The first error in the file; on one line, the most specific."""
    return min(errors, key=lambda e: (_line_for(lines, _error_path(e)), -len(e.absolute_path),
                                      e.validator in ("oneOf", "allOf", "if")))


def _describe(err) -> str:
    if err.validator == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(set(err.instance) - set(allowed))
        return f"unknown field {', '.join(map(repr, extra))} (allowed: {', '.join(allowed)})"
    if err.validator == "required":
        return err.message.replace("is a required property", "is missing")
    if err.validator == "oneOf" and err.schema is not None and "before" in json.dumps(err.schema):
        return "an example needs 'before' and 'after', or 'unchanged', or 'flagged' and 'spans'"
    if err.validator == "oneOf":
        return "give exactly one of 'pattern' or 'literal'"
    return err.message


# -- loading -----------------------------------------------------------------

def load_rule_file(path: str | Path) -> RuleFile:
    path = Path(path)
    try:
        text = read_text_bounded(path, MAX_RULE_FILE_BYTES, "rule file")
    except CleanupError as err:
        raise RuleFileError.at(path, None, None, str(err).removeprefix(f"{path}: ")) from None
    except UnicodeDecodeError as err:
        raise RuleFileError.at(path, None, None, f"cannot read rule file: not UTF-8 (byte {err.start})") from None
    parsed = cache.load(path, text)
    if parsed is not None:
        return parsed
    try:
        parsed = _parse(path, text)
    except RecursionError:  # 20,000 '[': the YAML parser and every walk over the data recurse
        raise RuleFileError.at(path, 1, None, "nested too deeply to be a rule file") from None
    cache.store(path, text, parsed)
    return parsed


def _parse(path: Path, text: str) -> RuleFile:
    import yaml

    RuleLoader = _rule_loader()
    try:
        node = _compose(text)
        data = RuleLoader(text).construct_document(node) if node is not None else None
        lines = _lines_of(node) if node is not None else {}
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise RuleFileError.at(path, line, None, f"invalid YAML: {err.problem or err.context}") from None
    except _DuplicateKey as dup:
        raise RuleFileError.at(path, dup.line, field_name(dup.path + (dup.name,)),
                               f"duplicate key {dup.name!r}") from None
    if not isinstance(data, dict):
        raise RuleFileError.at(path, 1, None, "a rule file is a mapping with id, kind, description, rules, examples")
    errors = list(schema_validator().iter_errors(data))
    if errors:
        err = _best_error(errors, lines)
        where = _line_for(lines, _error_path(err))
        raise RuleFileError.at(path, where, field_name(err.absolute_path), _describe(err))
    _refuse_placeholders(path, data, lines)
    return _build(path, data, lines)


def _refuse_placeholders(path: Path, data: dict, lines: dict) -> None:
    """An unfilled skeleton from `cleanup rules new` must not run (its pattern 'TODO' would match)."""
    found = list(_placeholders(data))
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise RuleFileError.at(path, _line_for(lines, found[0]), field_name(found[0]), f"still the skeleton's "
                               f"placeholder ({PLACEHOLDER}){more}; write the real values")


def _placeholders(data, at=()):
    """The field paths whose value is the skeleton's placeholder, in file order."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, at + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _placeholders(value, at + (i,))
    elif isinstance(data, str) and data.strip() == PLACEHOLDER:
        yield at


def _build(path: Path, data: dict, lines: dict) -> RuleFile:
    file_id, kind = data["id"], data["kind"]
    rules, seen = [], set()
    for i, r in enumerate(data["rules"]):
        line = _line_for(lines, ("rules", i))
        if r["id"] in seen:
            raise RuleFileError.at(path, line, f"rules[{i}].id", f"duplicate rule id {r['id']!r} in this file")
        seen.add(r["id"])
        if "pattern" in r:
            _check_regex(r["pattern"], r, (path, _line_for(lines, ('rules', i, 'pattern')), f"rules[{i}].pattern"))
        if isinstance(r.get("replacement"), str):
            _check_replacement(r, (path, _line_for(lines, ('rules', i, 'replacement')), f"rules[{i}].replacement"))
        message = r.get("message") or _default_message(kind, r)
        field_lines = {name: _line_for(lines, ("rules", i, name)) for name in r}
        rules.append(Rule(f"{file_id}.{r['id']}", kind, Level(r.get("level", "fix")), message, r, path, line,
                          r.get("enabled", True), field_lines, index=i))
    examples = []
    for i, ex in enumerate(data["examples"]):
        line = _line_for(lines, ("examples", i))
        level = Level(ex.get("level", "fix"))
        if "before" in ex:
            examples.append(Example(line, ex["before"], ex["after"], level=level))
        elif "unchanged" in ex:
            examples.append(Example(line, ex["unchanged"], level=Level.SUGGEST, kind="unchanged"))
        else:
            examples.append(Example(line, ex["flagged"], spans=tuple(ex["spans"]), level=level, kind="flagged"))
    return RuleFile(path, file_id, kind, data["description"], tuple(rules), tuple(examples), data,
                    data.get("enabled", True), data.get("language", "en"))


def _default_message(kind: str, rule: dict) -> str:
    if kind == "names":
        return f"{rule['name']}: a garbled form of the name"
    return rule.get("match", rule["id"])


def _check_regex(pattern: str, rule: dict, where: tuple) -> None:
    flags = regex.IGNORECASE if rule.get("ignore_case") else 0
    try:
        regex.compile(pattern, flags)
    except regex.error as err:
        raise RuleFileError.at(*where, f"invalid regular expression: {err}") from None


def _check_replacement(rule: dict, where: tuple) -> None:
    """Expand the replacement once, as a match would, so a group it names that the pattern lacks
    or a bad escape ('X\\', '\\g<1') is an error here, not on the first match in some text.
    (A literal rule's replacement is a template too: '\\1' in it refers to a group.)"""
    pattern = rule["pattern"] if "pattern" in rule else regex.escape(rule.get("literal", ""))
    try:
        compiled = regex.compile(pattern, regex.IGNORECASE if rule.get("ignore_case") else 0)
    except regex.error:
        return  # the pattern's own error is reported
    names = {number: name for name, number in compiled.groupindex.items()}
    same_groups = "".join(f"(?P<{names[n]}>)" if n in names else "()" for n in range(1, compiled.groups + 1))
    try:
        regex.compile(same_groups).match("").expand(rule["replacement"])
    except (regex.error, IndexError) as err:
        missing = _missing_group(compiled, rule["replacement"])
        if missing:
            source = "pattern" if "pattern" in rule else "literal"
            message = f"refers to group {missing}, but the {source} has {compiled.groups} group(s)"
        else:
            message = f"{err} (a backslash in a replacement is written \\\\)"
        raise RuleFileError.at(*where, message) from None


_REFERENCE = regex.compile(r"\\\\|\\(\d+)|\\g<([^>]*)>")


def _missing_group(compiled, replacement: str) -> str | None:
    """The first group reference in `replacement` the pattern lacks (escaped backslashes skipped)."""
    for m in _REFERENCE.finditer(replacement):
        ref = m.group(1) or m.group(2)
        if ref is None:
            continue
        if (int(ref) > compiled.groups) if ref.isdigit() else ref not in compiled.groupindex:
            return ref if ref.isdigit() else f"<{ref}>"
    return None


# -- rule sets ---------------------------------------------------------------

def rule_paths(paths) -> list[Path]:
    """Expand files and folders (*.yaml, *.yml inside) in a stable order."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file()))
        elif p.exists():
            out.append(p)
        else:
            raise RuleFileError.at(p, None, None, "no such rule file or folder")
    return out


@dataclass(frozen=True)
class RuleBook:
    files: tuple[RuleFile, ...]
    disabled: frozenset = frozenset()  # rule ids or family ids turned off by config

    def is_enabled(self, rule: Rule) -> bool:
        return rule.enabled and rule.id not in self.disabled and rule.family not in self.disabled

    def rules(self, kind: str | None = None, *, language: str | None = None) -> list[Rule]:
        """The enabled rules (of `kind`; for texts in `language`, a primary subtag; None: all)."""
        return [r for f in self.files_of(kind, language=language) for r in f.rules if self.is_enabled(r)]

    def files_of(self, kind: str | None, *, language: str | None = None) -> list[RuleFile]:
        return [f for f in self.files if f.enabled and (kind is None or f.kind == kind) and f.speaks(language)]

    def find(self, rule_id: str) -> tuple[RuleFile, Rule] | None:
        for f in self.files:
            for r in f.rules:
                if r.id == rule_id:
                    return f, r
        return None


def load_rulebook(extra=(), *, shipped: bool = True, disabled=()) -> RuleBook:
    """The shipped rule files plus `extra` files/folders; ids must be unique."""
    paths = (rule_paths([SHIPPED_RULES]) if shipped else []) + rule_paths(extra)
    return _load_cached(tuple(p.resolve() for p in paths), frozenset(disabled))


@lru_cache(maxsize=16)
def _load_cached(paths: tuple[Path, ...], disabled: frozenset) -> RuleBook:
    files, seen_files, seen_rules = [], {}, {}
    for p in dict.fromkeys(paths):
        rf = load_rule_file(p)
        if rf.id in seen_files:
            raise RuleFileError.at(rf.path, 1, "id", f"family id {rf.id!r} is already used by {seen_files[rf.id]}")
        seen_files[rf.id] = rf.path
        for r in rf.rules:
            if r.id in seen_rules:
                raise RuleFileError.at(rf.path, r.line, "rules.id", f"rule id {r.id!r} is already defined "
                                       f"at {seen_rules[r.id]}")
            seen_rules[r.id] = f"{r.path}:{r.line}"
        files.append(rf)
    return RuleBook(tuple(files), disabled)
