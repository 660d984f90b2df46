"""Reaching LanguageTool through language_tool_python, and failing clearly.

One client per way of asking (server, language, timeout, disabled rules
and categories) per process, so the managed local server starts once and
is closed at exit. Every way LanguageTool can be unavailable becomes one
`Unavailable` error whose message says what happened and how to fix it.
After one, the client gives up for the rest of the run: every document gets
the same message, and nobody waits for the same timeout twice.

language_tool_python starts and finds the server and builds the requests;
the asking and the reading of answers are ours, because a server is not
to be trusted: each request is asked once and must be answered within the
timeout in all (a per-read timeout never ends with a server that sends a
byte a second), the reply must be a 2xx of at most MAX_REPLY_BYTES, and of
the shape LanguageTool sends. A reply of the wrong shape makes LanguageTool
unavailable for the run; one match of the wrong shape, or outside the text
checked, is dropped and counted (`Client.dropped`).
"""
from __future__ import annotations

import atexit
import json
import re
import threading
import urllib.parse
from dataclasses import dataclass
from time import sleep

import language_tool_python
import requests
from language_tool_python.exceptions import JavaError, LanguageToolError, RateLimitError

from ..core.config import is_server
from .languagetool import Match

PUBLIC_URL = "https://api.languagetool.org"
RATE_LIMIT_WAITS = (5.0, 20.0, 60.0)  # seconds before each retry of a request refused for its rate
_RATE_LIMITED = re.compile(r"limit of .+ per \d+ seconds|too many requests|rate limit", re.IGNORECASE)
SERVER_HELP = "see docs/grammar.md to run one, or leave out --grammar"
MAX_REPLY_BYTES = 64 * 1024 * 1024  # far beyond any answer about 20 KB of text


class Unavailable(Exception):
    """LanguageTool cannot be used for this run; str() says why and what to do."""


class WrongShape(LanguageToolError):
    """A reply that is not what LanguageTool sends (not JSON, or not the fields it always has)."""


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
    """language_tool_python's client; its requests asked and its replies read by us (see above)."""

    def __init__(self, language: str, *, timeout: float, **kwargs):
        self._TIMEOUT = timeout  # the client reads this class constant; it has no setter
        super().__init__(language, **kwargs)

    def _query_server(self, url: str, params=None, num_tries: int = 1, method: str = "get"):
        return fetch_json(method, url, params, self._TIMEOUT, self._proxies)

    def _get_languages(self) -> set[str]:
        self._start_server_if_needed()
        reply = self._query_server(urllib.parse.urljoin(self._url, "languages"))
        if not isinstance(reply, list) or not all(isinstance(e, dict) for e in reply):
            raise WrongShape(f"/v2/languages sent {_kind(reply)}, not a list of languages")
        return {code for e in reply for code in (e.get("code"), e.get("longCode")) if isinstance(code, str)} | {"auto"}

    def matches(self, text: str) -> list:
        """The raw matches LanguageTool sends about `text` (a list, each yet to be checked)."""
        reply = self._query_server(urllib.parse.urljoin(self._url, "check"), self._create_params(text), method="post")
        matches = reply.get("matches") if isinstance(reply, dict) else None
        if not isinstance(matches, list):
            raise WrongShape(f"/v2/check sent {_kind(reply)} without a list of matches")
        return matches


def fetch_json(method: str, url: str, params, seconds: float, proxies=None):
    """The JSON of a 2xx reply, asked once and complete within `seconds` in all; raises LanguageToolError
    (its __cause__ a requests error when the request failed or timed out)."""
    outcome = {}

    def ask():
        try:
            with requests.request(method.upper(), url, params=params if method == "get" else None,
                                  data=params if method == "post" else None, timeout=seconds,
                                  proxies=proxies, stream=True) as response:
                outcome["reply"] = response.status_code, _read_capped(response)
        except Exception as e:  # anything the request raised, handed to the caller's thread
            outcome["error"] = e

    worker = threading.Thread(target=ask, name="languagetool-request", daemon=True)
    worker.start()
    worker.join(seconds)  # a worker still reading after that is abandoned (daemon; its reads time out)
    if isinstance(outcome.get("error"), LanguageToolError):  # a reply too large
        raise outcome["error"]
    if "error" in outcome:
        raise LanguageToolError(f"{url}: {outcome['error']}") from outcome["error"]
    if "reply" not in outcome:
        raise LanguageToolError(f"{url}: no complete answer within {seconds:g} seconds") from requests.Timeout()
    status, body = outcome["reply"]
    text = body.decode("utf-8", "replace")
    if status == 426:
        raise RateLimitError(f"{text.strip()[:200]} (HTTP 426)")
    if not 200 <= status < 300:
        raise LanguageToolError(f"{text.strip()[:200] or 'an empty reply'} (HTTP {status})")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise WrongShape(f"{url.rsplit('/v2/', 1)[-1] or url} sent a reply that is not JSON: {text[:80]!r}") from None


def _read_capped(response) -> bytes:
    body = bytearray()
    for chunk in response.iter_content(64 * 1024):
        body += chunk
        if len(body) > MAX_REPLY_BYTES:
            raise WrongShape(f"a reply of more than {MAX_REPLY_BYTES:,} bytes")
    return bytes(body)


def _kind(value) -> str:
    what = {dict: "an object", list: "a list", str: "a string", type(None): "null"}.get(type(value), "a value")
    return f"{what} ({json.dumps(value)[:60]})"


class Client:
    def __init__(self, request: Request):
        self.request = request
        self._tool = None
        self._failure: Unavailable | None = None
        self.dropped = 0  # matches of the wrong shape or outside the text, over the client's life

    def check(self, text: str) -> list[Match]:
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
        index = _indexes(text)
        found = [_found(m, index, len(text)) for m in matches]
        self.dropped += found.count(None)
        return [f for f in found if f is not None]

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
                return self._tool.matches(text)
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
    if isinstance(error, WrongShape):
        return (f"{where} sent a reply of the wrong shape ({_first_line(error)})",
                f"check that --languagetool names a LanguageTool server ({SERVER_HELP})")
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


def _found(match, index: dict[int, int], size: int) -> Match | None:
    """A match as a Match over the text checked (`index`: its UTF-16 offsets to Python indexes), or None
    when a field is missing or of the wrong type, or its span is not within the text (nor on a character's edge)."""
    try:
        rule, offset, length = match["rule"], match["offset"], match["length"]
        category = rule.get("category") or {}
        row = [offset, offset + length, rule["id"], category.get("id", ""), match["message"],
               [r["value"] for r in match.get("replacements") or ()]]
    except (KeyError, TypeError, AttributeError):
        return None
    if not all(type(x) is int for x in (offset, length)):
        return None
    row[:2] = index.get(row[0], -1), index.get(row[1], -1)
    return Match.checked(row, size)


def _indexes(text: str) -> dict[int, int]:
    """UTF-16 offset -> Python index, for every character edge of `text`."""
    out, units = {0: 0}, 0
    for i, ch in enumerate(text, 1):
        units += 2 if ord(ch) > 0xFFFF else 1
        out[units] = i
    return out


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
