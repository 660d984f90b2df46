"""Options shared by the commands, and how they combine with the config.

Every option defaults to None so that "not given" can fall back to the
project config (cleanup.toml / [tool.cleanup]) and then to the defaults.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from .config import GrammarSettings, is_server, load_config
from .document import DEFAULT_MAX_BYTES
from .edits import Level
from .errors import CleanupError
from .runner import Options


class LevelChoice(str, Enum):
    fix = "fix"
    suggest = "suggest"


FilesArg = typer.Argument(..., help="Text files to clean; '-' reads standard input.", show_default=False,
                          metavar="FILE...")
RulesOpt = typer.Option([], "--rules", "-r", help="Extra rule file or folder (repeatable; adds to the config's).",
                        metavar="PATH")
LevelOpt = typer.Option(None, "--level", "-l",
                        help="Apply 'fix' edits only (default), or 'suggest' edits too. Flags are never applied.")
AcceptOpt = typer.Option([], "--accept", help="Always apply edits of rules matching this glob (repeatable).",
                         metavar="GLOB")
RejectOpt = typer.Option([], "--reject", help="Never apply edits of rules matching this glob (repeatable).",
                         metavar="GLOB")
EncodingOpt = typer.Option(None, "--encoding", help="Input encoding (default: UTF-8, else detected).")
MaxBytesOpt = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Refuse inputs larger than this many bytes.")
GrammarOpt = typer.Option(None, "--grammar/--no-grammar",
                          help="Check grammar: with Harper (offline, in process), or with LanguageTool when "
                               "--languagetool or a configured server names one.")
LanguageToolOpt = typer.Option(None, "--languagetool", metavar="local|public|URL",
                               help="Which LanguageTool: 'local' (downloaded, needs Java 17+), 'public' "
                                    "(languagetool.org, rate-limited) or a server URL. Env: CLEANUP_LANGUAGETOOL.")
LangOpt = typer.Option(None, "--lang", help="Language for grammar checks, e.g. en-US, en-GB.")
LanguageToolTimeoutOpt = typer.Option(None, "--languagetool-timeout", metavar="SECONDS",
                                      help="Give up on a LanguageTool request after this long.")


def build_options(*, rules=(), level: LevelChoice | None = None, accept=(), reject=(), encoding=None,
                  max_bytes=DEFAULT_MAX_BYTES, grammar: bool | None = None, languagetool: str | None = None,
                  lang: str | None = None, languagetool_timeout: float | None = None,
                  config=None) -> Options:
    """Options for a run: command-line values over the config over the defaults."""
    cfg = config or load_config()
    language = lang or cfg.get("language")
    use_grammar = cfg.get("grammar") if grammar is None else grammar
    settings = None
    server = languagetool or cfg.get("languagetool.server")
    if use_grammar and not is_server(server):
        raise CleanupError(f"--languagetool {server!r}: give 'local', 'public' or an http(s):// server URL")
    if use_grammar:
        # LanguageTool only when a server was named (option, environment or config); else Harper, offline
        named = languagetool is not None or cfg.sources.get("languagetool.server", "default") != "default"
        settings = GrammarSettings(
            backend="languagetool" if named else "harper",
            server=server,
            timeout=float(languagetool_timeout or cfg.get("languagetool.timeout")),
            language=language,
            promote=tuple(cfg.get("languagetool.promote")),
            disable=tuple(cfg.get("languagetool.disable")),
            disable_categories=tuple(cfg.get("languagetool.disable_categories")),
            cache=bool(cfg.get("languagetool.cache")),
        )
    return Options(
        rules=tuple(cfg.get("rules")) + tuple(str(Path(r)) for r in rules),
        level=Level((level.value if level else None) or cfg.get("level")),
        accept=tuple(accept), reject=tuple(reject), disabled=tuple(cfg.get("disable")),
        encoding=encoding, max_bytes=max_bytes, language=language, grammar=settings,
    )
