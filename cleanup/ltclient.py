"""Reaching LanguageTool through language_tool_python, and failing clearly.

One client per way of asking (server, language, timeout, disabled rules
and categories) per process, so the managed local server starts once and
is closed at exit. Every way LanguageTool can be unavailable becomes one
`Unavailable` error whose message says what happened and how to fix it.
After one, the client gives up for the rest of the run: every document gets
the same message, and nobody waits for the same timeout twice.
"""
from __future__ import annotations

import atexit
import re
from dataclasses import dataclass
from time import sleep
from typing import NamedTuple

import language_tool_python
import requests
from language_tool_python.exceptions import JavaError, LanguageToolError, RateLimitError

from .config import is_server

PUBLIC_URL = "https://api.languagetool.org"
RATE_LIMIT_WAITS = (5.0, 20.0, 60.0)  # seconds before each retry of a request refused for its rate
_RATE_LIMITED = re.compile(r"limit of .+ per \d+ seconds|too many requests|rate limit", re.IGNORECASE)
SERVER_HELP = "see docs/grammar.md to run one, or leave out --grammar"


class Found(NamedTuple):
    """One LanguageTool match, spanning text[start:end] of the text that was checked."""

    start: int
    end: int
    rule: str
    category: str
    message: str
    replacements: tuple[str, ...]


class Unavailable(Exception):
    """LanguageTool cannot be used for this run; str() says why and what to do."""


@dataclass(frozen=True)
class Request:
    """Everything that decides how LanguageTool is asked."""

    server: str                # "local", "public" or an http(s) URL
    language: str
    timeout: float
    disabled_rules: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()

    @property
    def url(self) -> str | None:
        """The server's base URL (None: the managed local server)."""
        if self.server == "local":
            return None
        if self.server == "public":
            return PUBLIC_URL
        if not is_server(self.server):
            raise Unavailable(f"grammar checks skipped: --languagetool {self.server!r} is not 'local', 'public' "
                              "or an http(s) URL such as http://localhost:8081")
        # the client adds /v2/ itself; a URL that already has it would become /v2/v2/
        return re.sub(r"/v2/?$", "", self.server.rstrip("/"))


class _Tool(language_tool_python.LanguageTool):
    """language_tool_python's client, with our timeout on every request (the first one too)."""

    def __init__(self, language: str, *, timeout: float, **kwargs):
        self._TIMEOUT = timeout  # the client reads this class constant; it has no setter
        super().__init__(language, **kwargs)


class Client:
    def __init__(self, request: Request):
        self.request = request
        self._tool = None
        self._failure: Unavailable | None = None

    def check(self, text: str) -> list[Found]:
        """LanguageTool's matches in `text`; raises Unavailable."""
        if self._failure is not None:
            raise self._failure
        try:
            if self._tool is None:
                self._tool = self._connect()
            matches = self._check_waiting_out_rate_limits(text)
        except Unavailable as e:
            self._failure = e
            raise
        return [_found(m, text) for m in matches]

    def close(self) -> None:
        if self._tool is not None:
            self._tool.close()

    def _connect(self):
        req = self.request
        url = req.url
        try:
            if url is None:
                tool = _Tool(req.language, timeout=req.timeout)  # downloads LanguageTool, starts Java
            else:
                tool = _Tool(req.language, timeout=req.timeout, remote_server=url)
        except (LanguageToolError, OSError, ValueError, ModuleNotFoundError, SystemError, SystemExit) as e:
            raise self._unavailable(e, starting=url is None) from None
        tool.disabled_rules = set(req.disabled_rules)
        tool.disabled_categories = set(req.disabled_categories)
        return tool

    def _check_waiting_out_rate_limits(self, text: str):
        for wait in (*RATE_LIMIT_WAITS, None):
            try:
                return self._tool.check(text)
            except LanguageToolError as e:
                if wait is None or not _rate_limited(e):
                    raise self._unavailable(e, starting=False) from None
            sleep(wait)

    def _unavailable(self, error: BaseException, *, starting: bool) -> Unavailable:
        what, fix = _explain(error, self.request, starting)
        return Unavailable(f"grammar checks skipped: {what}; {fix}. All other checks ran.")


def _explain(error: BaseException, req: Request, starting: bool) -> tuple[str, str]:
    """(what happened, how to fix it) for an error of the client."""
    where = "the local LanguageTool" if req.server == "local" else f"LanguageTool at {req.url}"
    cause = error.__cause__
    if isinstance(error, ModuleNotFoundError):
        return ("no 'java' found on PATH; the local LanguageTool needs Java 17 or later",
                "install Java 17+ (e.g. apt install openjdk-17-jre-headless) or use --languagetool URL")
    if isinstance(error, (SystemError, SystemExit, JavaError)):
        return f"Java cannot run the local LanguageTool ({error})", "install Java 17 or later, or use --languagetool URL"
    if isinstance(error, ValueError) and "language" in str(error):
        return f"{where} does not support the language {req.language!r}", "choose another with --lang (e.g. en-US)"
    if starting:
        return (f"could not download or start LanguageTool for --languagetool local ({_first_line(error)})",
                f"check the network, or run a LanguageTool server yourself ({SERVER_HELP})")
    if isinstance(cause, requests.Timeout):
        return (f"{where} did not answer within {req.timeout:g} seconds",
                "raise --languagetool-timeout, or check that the server is not overloaded")
    if isinstance(cause, requests.ConnectionError):
        return f"cannot connect to {where} (connection refused or host unreachable)", \
            f"start the server or point --languagetool at a running one ({SERVER_HELP})"
    if _rate_limited(error):
        return (f"{where} kept refusing requests over its rate limit ({_first_line(error)})",
                "wait a minute and run again, or run your own server (docs/grammar.md)")
    return f"{where} answered with an error: {_first_line(error)}", \
        f"check the server, or use another with --languagetool ({SERVER_HELP})"


def _rate_limited(error: BaseException) -> bool:
    # language_tool_python 3.4 keeps RateLimitError for HTTP 426; LanguageTool's 429 arrives as its text
    return isinstance(error, RateLimitError) or bool(_RATE_LIMITED.search(str(error)))


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]


def _found(match, text: str) -> Found:
    # Match.offset is a Python index already; Match.error_length still counts UTF-16 units
    end = match.offset
    units = 0
    while units < match.error_length and end < len(text):
        units += 2 if ord(text[end]) > 0xFFFF else 1
        end += 1
    return Found(match.offset, end, match.rule_id, match.category or "", match.message,
                 tuple(match.replacements))


_CLIENTS: dict[Request, Client] = {}


def client_for(request: Request) -> Client:
    """The process's client for this way of asking (a local server is started once)."""
    if request not in _CLIENTS:
        _CLIENTS[request] = Client(request)
    return _CLIENTS[request]


@atexit.register
def _close_all() -> None:
    for client in _CLIENTS.values():
        client.close()
