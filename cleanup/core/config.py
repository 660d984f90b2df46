"""Project configuration: [tool.cleanup] in pyproject.toml, or cleanup.toml.

The nearest such file upward from the working directory is used (in one
folder, cleanup.toml wins over pyproject.toml). Command line flags override
it; the environment variable CLEANUP_LANGUAGETOOL overrides its LanguageTool
server. `cleanup config` shows every effective value and where it came from.
Errors name the file, the line and the setting, like rule file errors.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .errors import CleanupError
from .files import CONFIG_MAX_BYTES, read_text_bounded

DEFAULTS = {
    "rules": [],                 # extra rule files or folders, relative to the config file
    "disable": [],               # rule ids ("words.unknown-word") or family ids ("words") turned off
    "select": [],                # rule globs to show and apply (empty: every rule), like --select
    "ignore": [],                # rule globs never shown nor applied, like --ignore
    "allow": [],                 # words a team accepts as spelled ("Torachinga"): never changed or flagged
    "allow_files": [],           # files of such words, one a line (like Vale's accept.txt), relative to this file
    "language": "en-US",
    "level": "fix",              # "fix" or "suggest"
    "grammar": False,            # ask LanguageTool by default
    "languagetool.server": "local",
    "languagetool.timeout": 30.0,
    "languagetool.promote": [],
    "languagetool.disable": [],
    "languagetool.disable_categories": [],
    "languagetool.cache": True,
}
_TYPES = {k: type(v) for k, v in DEFAULTS.items()}
_TYPES["languagetool.timeout"] = (int, float)
_CHOICES = {"level": ("fix", "suggest")}
ENV_SERVER = "CLEANUP_LANGUAGETOOL"


@dataclass
class Config:
    values: dict = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict = field(default_factory=lambda: {k: "default" for k in DEFAULTS})
    file: Path | None = None

    def get(self, key: str):
        return self.values[key]

    def set(self, key: str, value, source: str) -> None:
        self.values[key] = value
        self.sources[key] = source


def find_config_file(start: Path) -> tuple[Path, dict] | None:
    """The nearest cleanup.toml, or pyproject.toml with a [tool.cleanup] table, and its settings."""
    for folder in [start, *start.parents]:
        for name in ("cleanup.toml", "pyproject.toml"):
            path = folder / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            if name == "pyproject.toml":
                data = data.get("tool", {}).get("cleanup")
                if data is None:
                    continue
            return path, data
    return None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(read_text_bounded(path, CONFIG_MAX_BYTES, "settings file"))
    except (OSError, UnicodeDecodeError) as err:
        raise CleanupError(f"{path}: cannot read: {err}") from None
    except tomllib.TOMLDecodeError as err:
        where = regex.search(r"\(at line (\d+), column \d+\)", str(err))
        message = str(err).split(" (at line")[0]
        raise CleanupError(f"{path}:{where.group(1) if where else 1}: invalid TOML: {message}") from None


def _flatten(data: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def _line_of(path: Path, key: str) -> int:
    """The line that sets `key` (tomllib keeps no positions): its last part before an '=', in our table."""
    leaf = regex.escape(key.rsplit(".", 1)[-1])
    setting = regex.compile(rf"^\s*(?:[\w.-]+\.)?[\"']?{leaf}[\"']?\s*=")
    lines = read_text_bounded(path, CONFIG_MAX_BYTES, "settings file").splitlines()
    first = next((i for i, line in enumerate(lines) if line.startswith("[tool.cleanup")), 0) \
        if path.name == "pyproject.toml" else 0
    return next((i + 1 for i in range(first, len(lines)) if setting.match(lines[i])), 1)


def _checked(path: Path, key: str, value):
    """The value as the program uses it, or a one-line error naming file, line and setting."""
    def fail(problem: str):
        raise CleanupError(f"{path}:{_line_of(path, key)}: {key}: {problem}")

    if key not in DEFAULTS:
        fail(f"unknown setting (known: {', '.join(sorted(DEFAULTS))})")
    expected = DEFAULTS[key]
    if not isinstance(value, _TYPES[key]) or isinstance(value, bool) != isinstance(expected, bool):
        fail(f"should be {'a list' if isinstance(expected, list) else type(expected).__name__}, "
                    f"not {value!r}")
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        fail(f"should be a list of strings, not {value!r}")
    if key in _CHOICES and value not in _CHOICES[key]:
        fail(f"should be {' or '.join(map(repr, _CHOICES[key]))}, not {value!r}")
    if key in ("rules", "allow_files"):  # relative to the config file, not to where cleanup runs
        return [str((path.parent / p).resolve()) for p in value]
    return value


def load_config(start: Path | None = None) -> Config:
    cfg = Config()
    found = find_config_file((start or Path.cwd()).resolve())
    if found:
        path, data = found
        cfg.file = path
        source = f"{path} [tool.cleanup]" if path.name == "pyproject.toml" else str(path)
        for key, value in _flatten(data).items():
            cfg.set(key, _checked(path, key, value), source)
    env = os.environ.get(ENV_SERVER)
    if env:
        cfg.set("languagetool.server", env, f"environment {ENV_SERVER}")
    return cfg


def is_server(server: str) -> bool:
    """Is `server` something --languagetool can reach: 'local', 'public' or an http(s) URL?"""
    return server in ("local", "public") or bool(regex.match(r"https?://[^/]", server))


@dataclass(frozen=True)
class GrammarSettings:
    """Which grammar backend, how to reach it and what to ask of it (hashable: pipelines are cached by it)."""

    backend: str = "languagetool"    # "harper" (in process) or "languagetool" (a server)
    server: str = "local"            # LanguageTool: "local", "public" or an http(s) URL
    timeout: float = 30.0            # seconds per request
    language: str = "en-US"
    promote: tuple[str, ...] = ()    # LanguageTool rule ids whose matches become 'fix'
    disable: tuple[str, ...] = ()    # LanguageTool rule ids never asked for
    disable_categories: tuple[str, ...] = ()
    cache: bool = True               # cache results on disk per (chunk, language, settings)
    words: tuple[str, ...] = ()      # the team's accepted words (allow): Harper's dictionary when spelling is on
