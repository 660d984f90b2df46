"""The registry of rule kinds: the one place that says which kinds exist, in
which order their stages run, and which detectors each kind has.

A kind's module (named below, relative to `cleanup.stages`) provides:

- `build(rules, env) -> list[Stage]`: the stages running `rules` (every
  enabled rule of the kind, each carrying its typed `settings`);
- `SETTINGS = {detector name: Settings}` for a kind whose rules name a
  `detector`, or `SETTINGS = Settings` for one whose rules all do one thing. A Settings
  class is a frozen dataclass of the rule's own fields (everything but id,
  message, level, enabled, note and detector), with the documented defaults.

The registry turns every rule into its Settings before a stage sees it, and
refuses a detector of another kind, an unknown field or a value of the wrong
type with the rule file's line (RuleFileError). tests/test_registry.py holds
the JSON Schema to this list: kinds, detectors per kind and fields.

Order: Unicode repair first, with look-alike letters (later rules see real
characters); whole lines (boilerplate); replacements (credits, duplicated
names); structure and repetition loops (duplicates show once credits are
gone); names, foreign and unknown words, the other MT detectors; grammar
last, on the cleaned text. Kinds marked `grammar_backend` are configured by
rule files but run only when `--grammar` picks them.
"""
from __future__ import annotations

import dataclasses
import importlib
import types
import typing
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..core.errors import RuleFileError
from ..core.pipeline import Pipeline
from ..rulebook.loading import COMMON_FIELDS, Rule, RuleBook


@dataclass(frozen=True)
class Kind:
    name: str
    module: str                    # relative to cleanup.stages
    needs_server: bool = False     # runs only against a server the user names
    grammar_backend: bool = False  # built by --grammar, not with the other kinds

    @cached_property
    def code(self) -> types.ModuleType:
        return importlib.import_module(f".{self.module}", __package__)

    @property
    def detectors(self) -> dict[str, type]:
        """{detector name: Settings class}; empty for a kind without detectors."""
        settings = getattr(self.code, "SETTINGS", None)
        return settings if isinstance(settings, dict) else {}

    def settings_class(self, rule: Rule) -> type | None:
        if self.detectors:
            return self.detectors.get(rule.data.get("detector"))
        return getattr(self.code, "SETTINGS", None)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("unicode", "unicode"),
    Kind("lookalike", "mt.lookalike"),
    Kind("remove-line", "remove_line"),
    Kind("replace", "replace"),
    Kind("structure", "structure"),
    Kind("repetition", "mt.repetition"),
    Kind("names", "names"),
    Kind("foreign-words", "mt.foreign_words"),
    Kind("words", "words"),
    Kind("script", "mt.script"),
    Kind("consistency", "mt.consistency"),
    Kind("casing", "mt.casing"),
    Kind("word-salad", "mt.word_salad"),
    Kind("grammar", "grammar"),
    Kind("harper", "harper", grammar_backend=True),
    Kind("languagetool", "languagetool", needs_server=True, grammar_backend=True),
)}


# -- typed settings ----------------------------------------------------------

def configure(rule: Rule) -> Rule:
    """The rule with its typed settings, or RuleFileError naming the rule file's line."""
    kind = KINDS[rule.kind]
    if kind.detectors and rule.data.get("detector") not in kind.detectors:
        raise RuleFileError.in_rule(rule, "detector", f"{rule.data.get('detector')!r} is not a detector of kind "
                                    f"{rule.kind!r} (its detectors: {', '.join(kind.detectors)})")
    cls = kind.settings_class(rule)
    if cls is None:
        return rule
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values = {}
    for name, value in rule.data.items():
        if name in COMMON_FIELDS:
            continue
        if name not in fields:
            raise RuleFileError.in_rule(rule, name, f"unknown field for {_what(rule)} (allowed: {', '.join(fields)})")
        expected = _type_of(cls, name)
        if not _fits(value, expected):
            raise RuleFileError.in_rule(rule, name, f"{value!r} is not {_describe(expected)}")
        values[name] = tuple(value) if isinstance(value, list) else value
    return dataclasses.replace(rule, settings=cls(**values))


def _what(rule: Rule) -> str:
    detector = rule.data.get("detector")
    return f"detector {detector!r}" if detector else f"kind {rule.kind!r}"


def _type_of(cls: type, name: str):
    return _hints(cls)[name]


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict:
    return typing.get_type_hints(cls)  # (resolving the annotations is slow: once per Settings class)


def _fits(value, expected) -> bool:
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if expected is typing.Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, a) for a in args)
    if expected is type(None):
        return value is None
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is tuple:
        return isinstance(value, (list, tuple)) and all(_fits(v, args[0]) for v in value)
    if origin is dict or expected is dict:
        return isinstance(value, dict)
    if origin is typing.Literal:
        return value in args
    return isinstance(value, expected)


def _describe(expected) -> str:
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin is tuple:
        return f"a list of {_describe(args[0])}s"
    if origin is typing.Literal:
        return "one of " + ", ".join(map(repr, args))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(a) for a in args)
    return {float: "a number", int: "a whole number", bool: "true or false", str: "a string"}.get(
        expected, getattr(expected, "__name__", str(expected)))


# -- building ----------------------------------------------------------------

@dataclass
class BuildEnv:
    """What builders share while one pipeline is built: the rule book, the language, and
    whatever one kind builds that another uses (the names lexicon), built once."""

    book: RuleBook
    language: str | None = None  # a primary subtag ("en"); None: every rule file, whatever its language
    _shared: dict = field(default_factory=dict)

    def rules(self, kind: str) -> list[Rule]:
        """The enabled rules of `kind` for this language, configured."""
        return [configure(r) for r in self.book.rules(kind, language=self.language)]

    def shared(self, key: str, make):
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    @property
    def lexicon(self):
        """The names lexicon: every enabled names rule of this language, with the files' titles."""
        from ..analysis.lexicon import Lexicon

        def make():
            titles = [t for f in self.book.files_of("names", language=self.language)
                      for t in f.data.get("titles", [])]
            return Lexicon.from_rules(self.book.rules("names", language=self.language), titles)
        return self.shared("lexicon", make)


def build_pipeline(book: RuleBook, *, kinds=None, grammar=None, language: str | None = None) -> Pipeline:
    """A pipeline running the enabled rules of `book` for `language` (None: all of them; optionally
    only some kinds). `cleanup.get_pipeline` passes the text's language; rule authoring tools
    building from one file pass none."""
    env = BuildEnv(book, language)
    stages = []
    for kind in KINDS.values():
        if kind.grammar_backend or (kinds is not None and kind.name not in kinds):
            continue
        rules = env.rules(kind.name)
        if rules:
            stages.extend(kind.code.build(rules, env))
    if grammar is not None and (kinds is None or grammar.backend in kinds):
        stages.extend(KINDS[grammar.backend].code.build(grammar, env))
    return Pipeline(stages)


def build_kind(kind: str, book: RuleBook, language: str | None = None) -> list:
    """The stages of one kind alone (its enabled rules in `book`)."""
    env = BuildEnv(book, language)
    return KINDS[kind].code.build(env.rules(kind), env)


def lexicon_of(book: RuleBook, language: str | None = None):
    """The names lexicon a pipeline for `language` would use."""
    return BuildEnv(book, language).lexicon


def check_rules(book: RuleBook) -> None:
    """Configure every rule of the book (any language): RuleFileError at the first bad one."""
    for f in book.files:
        for rule in f.rules:
            configure(rule)
