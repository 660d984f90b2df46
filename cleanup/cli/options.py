"""Options shared by the commands, and how they combine with the config.

Every option defaults to None so that "not given" can fall back to the
project config (cleanup.toml / [tool.cleanup]) and then to the defaults.
"""
from __future__ import annotations

import dataclasses
from enum import Enum
from pathlib import Path

import regex
import typer

from ..api.runner import Options
from ..core.allowlist import read_allow_file
from ..core.config import GrammarSettings, is_server, load_config
from ..core.document import DEFAULT_MAX_BYTES
from ..core.edits import Level
from ..core.errors import CleanupError


class LevelChoice(str, Enum):
    fix = "fix"
    suggest = "suggest"


class MinLevel(str, Enum):
    fix = "fix"
    suggest = "suggest"
    flag = "flag"


_UNITS = {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}


def parse_size(value) -> int:
    """Bytes from '64M', '512k', '1G', '1000' or '2.5M' (binary units, as `du -h` and `sort -h`)."""
    if isinstance(value, int):
        return value
    m = regex.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(?:i?[bB])?\s*", str(value))
    if not m:
        raise typer.BadParameter(f"{value!r} is not a size; give bytes or a number with K, M or G (e.g. 64M)")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def human_size(n: int) -> str:
    for unit in ("T", "G", "M", "K"):
        if n >= _UNITS[unit] and n % _UNITS[unit] == 0:
            return f"{n // _UNITS[unit]}{unit}"
    return str(n)


FilesArg = typer.Argument(..., metavar="FILE", show_default=False,
                          help="Files or folders (searched for text files, .gitignore honoured); '-' reads "
                               "standard input.")
RulesOpt = typer.Option([], "--rules", "-r", help="Extra rule file or folder (repeatable; adds to the config's).",
                        metavar="PATH")
LevelOpt = typer.Option(None, "--level", "-l", metavar="fix|suggest",
                        help="Apply 'fix' edits only (default), or 'suggest' edits too. Flags are never applied.")
AcceptOpt = typer.Option([], "--accept", help="Always apply edits of rules matching this glob (repeatable).",
                         metavar="GLOB")
RejectOpt = typer.Option([], "--reject", help="Never apply edits of rules matching this glob (repeatable).",
                         metavar="GLOB")
SelectOpt = typer.Option([], "--select", metavar="GLOB",
                         help="Only rules matching this glob, e.g. 'names-*' or 'words' (repeatable).")
IgnoreOpt = typer.Option([], "--ignore", metavar="GLOB",
                         help="Neither show nor apply rules matching this glob (repeatable).")
MinLevelOpt = typer.Option(None, "--min-level", metavar="fix|suggest|flag",
                           help="Show only edits at least this sure: 'fix' hides suggestions and flags, "
                                "'suggest' hides flags (default: flag, everything).")
AllowOpt = typer.Option([], "--allow", metavar="WORD",
                        help="A word or name to leave as it is, e.g. Torachinga (repeatable).")
AllowFileOpt = typer.Option([], "--allow-file", metavar="FILE",
                            help="A file of such words, one a line, '#' comments (like Vale's accept.txt).")
IncludeOpt = typer.Option([], "--include", metavar="GLOB",
                          help="In folders, take files matching this glob (repeatable; default: *.txt, *.text, "
                               "*.md, *.markdown, *.rst).")
ExcludeOpt = typer.Option([], "--exclude", metavar="GLOB",
                          help="In folders, skip files and folders matching this glob (repeatable).")
EncodingOpt = typer.Option(None, "--encoding", metavar="NAME",
                           help="Input encoding (default: UTF-8, else detected).")
MaxBytesOpt = typer.Option(human_size(DEFAULT_MAX_BYTES), "--max-bytes", metavar="SIZE", parser=parse_size,
                           help="Refuse inputs larger than this: bytes, or K, M, G (e.g. 512K, 64M).")
GrammarOpt = typer.Option(None, "--grammar/--no-grammar",
                          help="Check grammar: with Harper (offline, in process), or with LanguageTool when "
                               "--languagetool or a configured server names one.")
LanguageToolOpt = typer.Option(None, "--languagetool", metavar="local|public|URL",
                               help="Which LanguageTool: 'local' (downloaded, needs Java 17+), 'public' "
                                    "(languagetool.org, rate-limited) or a server URL. Env: CLEANUP_LANGUAGETOOL.")
LangOpt = typer.Option(None, "--lang", metavar="LANG",
                       help="Language of the text (en-US, en-GB, de ...): picks the rule files for it (their "
                            "`language:`) and the grammar checker's dialect.")
JobsOpt = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                       help="Worker processes for several files (default: the number of cores for 8 files or "
                            "more, else 1). The output is the same, in the same order.")
LanguageToolTimeoutOpt = typer.Option(None, "--languagetool-timeout", metavar="SECONDS",
                                      help="Give up on a LanguageTool request after this long.")


def build_options(*, rules=(), level: LevelChoice | None = None, accept=(), reject=(), encoding=None,
                  max_bytes=DEFAULT_MAX_BYTES, grammar: bool | None = None, languagetool: str | None = None,
                  lang: str | None = None, languagetool_timeout: float | None = None, select=(), ignore=(),
                  min_level: MinLevel | None = None, allow=(), allow_files=(), jobs: int = 1,
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
    words = [*cfg.get("allow"), *allow]
    for path in [*cfg.get("allow_files"), *allow_files]:
        words.extend(read_allow_file(path))
    if settings is not None:  # Harper's speller, when on, knows the team's accepted words too
        settings = dataclasses.replace(settings, words=tuple(sorted(set(words))))
    return Options(
        rules=tuple(cfg.get("rules")) + tuple(str(Path(r)) for r in rules),
        level=Level((level.value if level else None) or cfg.get("level")),
        accept=tuple(accept), reject=tuple(reject), disabled=tuple(cfg.get("disable")),
        encoding=encoding, max_bytes=parse_size(max_bytes), language=language, grammar=settings,
        select=tuple(select) or tuple(cfg.get("select")), ignore=tuple(cfg.get("ignore")) + tuple(ignore),
        min_level=Level(min_level.value) if min_level else Level.FLAG, allowed_words=frozenset(words),
        jobs=jobs,
    )


OPEN_FAMILIES = ("languagetool", "harper")  # grammar checkers: a rule id per check they make


def warn_unmatched_globs(opts: Options, rule_ids) -> None:
    """A warning for each --select/--ignore/--accept/--reject glob that names no rule (a typo, most likely)."""
    from .terminal import warn

    for glob in unmatched_globs(opts, rule_ids):
        warn(f"{glob!r} matches no rule ('cleanup rules list' shows them)")


def unmatched_globs(opts: Options, rule_ids) -> list[str]:
    """--select/--ignore/--accept/--reject globs that name no rule."""
    from ..core.policy import matches

    ids = list(rule_ids)
    out = []
    for glob in dict.fromkeys((*opts.select, *opts.ignore, *opts.accept, *opts.reject)):
        if glob.startswith(OPEN_FAMILIES):  # their rule ids are known only once the checker answers
            continue
        if not any(matches(rule, [glob]) for rule in ids):
            out.append(glob)
    return out


def conventional_help() -> None:
    """Help as well-kept CLIs print it: `FILE...` and metavars, no Python types (<bool>, <list[str]>).

    (typer labels every parameter with its annotation's type; there is no setting for it.)
    """
    from typer import core

    def usage_name(self) -> str:  # FILE, FILE..., [PATH]... (a metavar may already say "INPUT...")
        base = (self.metavar or self.name.upper()).removesuffix("...").strip("[]")
        many = "..." if self.nargs != 1 else ""
        return f"{base}{many}" if self.required else f"[{base}]{many}"

    def option_type(self, ctx) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or self.name.upper()

    core.TyperArgument.display_type_rich = lambda self, ctx: None
    core.TyperArgument._usage_display_name = usage_name
    core.TyperArgument._rich_display_name = usage_name
    core.TyperOption.display_type_rich = option_type
