"""Project configuration: [tool.cleanup] in pyproject.toml, or cleanup.toml.

The nearest such file upward from the working directory is used. Command
line flags override it; the environment variable CLEANUP_LANGUAGETOOL
overrides its LanguageTool server. `cleanup config` shows every effective
value and where it came from.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CleanupError

DEFAULTS = {
    "rules": [],
    "disable": [],
    "language": "en-US",
    "level": "fix",
    "grammar": False,
    "languagetool.server": "local",
    "languagetool.timeout": 30.0,
    "languagetool.promote": [],
    "languagetool.disable": [],
    "languagetool.disable_categories": [],
    "languagetool.cache": True,
}
_TYPES = {k: type(v) for k, v in DEFAULTS.items()}
_TYPES["languagetool.timeout"] = (int, float)


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
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise CleanupError(f"{path}: cannot read: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise CleanupError(f"{path}: invalid TOML: {err}") from None


def _flatten(data: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def load_config(start: Path | None = None) -> Config:
    cfg = Config()
    found = find_config_file((start or Path.cwd()).resolve())
    if found:
        path, data = found
        cfg.file = path
        where = f"{path} [tool.cleanup]" if path.name == "pyproject.toml" else str(path)
        for k, v in _flatten(data).items():
            if k not in DEFAULTS:
                raise CleanupError(f"{where}: unknown setting {k!r} (known: {', '.join(sorted(DEFAULTS))})")
            if not isinstance(v, _TYPES[k]) or isinstance(v, bool) != isinstance(DEFAULTS[k], bool):
                raise CleanupError(f"{where}: {k} should be {type(DEFAULTS[k]).__name__}, not {v!r}")
            if k == "rules":  # rule folders are relative to the config file
                v = [str((path.parent / p).resolve()) for p in v]
            if k == "level" and v not in ("fix", "suggest"):
                raise CleanupError(f"{where}: level should be 'fix' or 'suggest', not {v!r}")
            cfg.set(k, v, where)
    env = os.environ.get("CLEANUP_LANGUAGETOOL")
    if env:
        cfg.set("languagetool.server", env, "environment CLEANUP_LANGUAGETOOL")
    return cfg


@dataclass(frozen=True)
class GrammarSettings:
    """How to reach LanguageTool and what to ask of it (hashable: pipelines are cached by it)."""

    server: str = "local"            # "local", "public" or an http(s) URL
    timeout: float = 30.0            # seconds per request
    language: str = "en-US"
    promote: tuple[str, ...] = ()    # LanguageTool rule ids whose matches become 'fix'
    disable: tuple[str, ...] = ()    # LanguageTool rule ids never asked for
    disable_categories: tuple[str, ...] = ()
    cache: bool = True               # cache results on disk per (chunk, language, settings)
