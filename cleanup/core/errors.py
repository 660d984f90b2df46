"""Errors the CLI turns into one-line messages (never a traceback)."""
from __future__ import annotations

from pathlib import Path


class CleanupError(Exception):
    """A problem the user can fix; str(error) is the whole message."""


class InputError(CleanupError):
    """The input cannot be read as text."""


class RuleFileError(CleanupError):
    """A rule file is broken; the message names file, line and field.

    Made with `at` (or `in_rule`), it also carries where and what as attributes, so
    a tool (lint) reads them instead of taking the message apart: `path`, `line`
    (None when the file could not be read at all), `field` ("rules[2].pattern";
    None when no one field is at fault) and `problem`. str() is "path:line: field: problem".
    Made from a message alone, only `problem` (the whole message) is known.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None,
                 field: str | None = None, problem: str | None = None):
        super().__init__(message)
        self.path, self.line, self.field = path, line, field
        self.problem = message if problem is None else problem

    def __reduce__(self):  # pickled (a worker process, a cache), it keeps where and what
        return type(self), (str(self),), self.__dict__

    @classmethod
    def at(cls, path: str | Path, line: int | None, field: str | None, problem: str) -> RuleFileError:
        """The error at `path`, `line` and `field` (each None when unknown): "path:line: field: problem"."""
        where = f"{path}:{line}" if line is not None else f"{path}"
        message = ": ".join(part for part in (where, field, problem) if part)
        return cls(message, path=path, line=line, field=field, problem=problem)

    @classmethod
    def in_rule(cls, rule, name: str, problem: str) -> RuleFileError:
        """The error in field `name` of `rule` (a rule book Rule), on the line that field is written."""
        return cls.at(rule.path, rule.line_of(name), f"rules[{rule.index}].{name}", problem)
