"""A protocol double of LanguageTool's HTTP API (/v2). It is NOT LanguageTool.

It speaks the wire protocol a LanguageTool client such as language_tool_python
uses: the same endpoints, form fields, status codes, error texts and JSON shape
as LanguageTool's Java server (ApiV2, LanguageToolHttpHandler,
RuleMatchesAsJsonSerializer). Offsets and lengths are counted in UTF-16 code
units, as Java counts them. The "checking" is only a few regexes that borrow
real LT rule ids, messages and categories. Use it to test how code talks to LT
(offsets, chunking, rule selection, failures), never to judge what LT would
flag. docs/languagetool-protocol.md lists the protocol facts behind it.
"""
from __future__ import annotations

import json
import re
import sys
import threading
import urllib.parse
from bisect import bisect_right
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

MODES = ("ok", "error500", "slow", "ratelimit")
CATEGORIES = {"TYPOS": "Possible Typo", "GRAMMAR": "Grammar", "TYPOGRAPHY": "Typography",
              "CASING": "Capitalization", "MISC": "Miscellaneous", "STYLE": "Style"}
# (name, code, longCode), sorted by name as ApiV2.getLanguages() sorts them.
LANGUAGES = [("English", "en", "en"), ("English (Australian)", "en", "en-AU"),
             ("English (Canadian)", "en", "en-CA"), ("English (GB)", "en", "en-GB"),
             ("English (New Zealand)", "en", "en-NZ"), ("English (South African)", "en", "en-ZA"),
             ("English (US)", "en", "en-US"), ("French", "fr", "fr"), ("German", "de", "de"),
             ("German (Germany)", "de", "de-DE"), ("Spanish", "es", "es")]
DEFAULT_MISSPELLINGS = {"teh": ["the", "tea", "ten", "eh"], "recieve": ["receive"],
                        "occured": ["occurred", "occur red"], "seperate": ["separate"],
                        "definately": ["definitely", "defiantly"]}
API_DOC_URL = "https://languagetool.org/http-api/swagger-ui/#/default"
CONTEXT_SIZE = 40  # UTF-16 units each side, as the Java server's ContextTools uses


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    issue_type: str
    description: str
    message: str  # str.format_map()-ed with the regex's named groups
    short_message: str
    pattern: str  # named group "e" is the span LT would mark
    fix: Callable[[re.Match], list[str]]
    context_for_sure: int = 0
    default_on: bool = True  # TOO_LONG_SENTENCE is off so enabledRules has work to do
    flags: int = 0


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


RULES = [
    Rule("EN_A_VS_AN", "MISC", "misspelling", "Use of 'a' vs. 'an'",
         "Use “an” instead of ‘a’ if the following word starts with a vowel sound, "
         "e.g. ‘an article’, ‘an hour’.", "Wrong article",
         r"\b(?P<e>[Aa])(?= [aeiouAEIOU]\w)", lambda m: [m["e"] + "n"], 1),
    Rule("NON3PRS_VERB", "GRAMMAR", "grammar",
         "Agreement error: Third person verb with a non-third person pronoun",
         "The pronoun ‘{p}’ must be used with a non-third-person form of a verb.",
         "Grammatical problem: agreement error", r"\b(?P<p>[Ww]e|[Tt]hey|[Yy]ou) (?P<e>is|was|has)\b",
         lambda m: [{"is": "are", "was": "were", "has": "have"}[m["e"]]], 1),
    Rule("ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", "Word repetition (e.g. 'will will')",
         "Possible typo: you repeated a word.", "Word repetition",
         r"\b(?P<e>(?P<w>\w+)\s+(?P=w))\b", lambda m: [m["w"]], flags=re.IGNORECASE),
    Rule("COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace",
         "Use of whitespace before comma and before/after parentheses",
         "Put a space after the comma, but not before the comma.", "", r"(?P<e> +,)",
         lambda m: [","]),
    Rule("WHITESPACE_RULE", "TYPOGRAPHY", "whitespace", "Whitespace repetition (bad formatting)",
         "Possible typo: you repeated a whitespace", "", r"(?<=\S)(?P<e> {2,})(?=\S)",
         lambda m: [" "]),
    Rule("UPPERCASE_SENTENCE_START", "CASING", "typographical",
         "Checks that a sentence starts with an uppercase letter",
         "This sentence does not start with an uppercase letter.", "",
         r"(?:\A\s*|[.!?]\s+)(?P<e>[a-z]\w*)", lambda m: [_cap(m["e"])], -1),
    Rule("TOO_LONG_SENTENCE", "STYLE", "style", "Readability: sentence over 40 words",
         "This sentence is over 40 words long. Consider revising it (for example by splitting "
         "it into two or more sentences) to make it easier to read.", "Sentence is over 40 words long",
         r"(?P<e>\b\w+(?:[^\w.!?]+\w+){40,})", lambda m: [], default_on=False),
]


class _HTTPError(Exception):
    """args = (HTTP status, LT's error text without its "Error: " prefix)"""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that timed out has hung up; LT would log it, tests want silence.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    double: LanguageToolDouble

    def log_message(self, *args):  # keep pytest output clean
        pass

    def do_GET(self):
        self._dispatch({})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._dispatch(dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), True)))

    def _dispatch(self, params: dict[str, str]):
        url = urllib.parse.urlsplit(self.path)
        params.update(urllib.parse.parse_qsl(url.query, True))  # LT: query overrides body
        self.double.calls.append((self.command, url.path))
        try:
            if url.path == "/v2/healthcheck":
                return self._send(200, "OK", "text/plain")
            if url.path == "/v2/languages":
                langs = [{"name": n, "code": c, "longCode": lc} for n, c, lc in LANGUAGES]
                return self._send(200, json.dumps(langs), "application/json")
            if url.path == "/v2/check":
                return self._send(200, json.dumps(self.double._check(params, self.client_address[0])),
                                  "application/json")
            if url.path.startswith("/v2/"):
                raise _HTTPError(404, f"Unsupported action: '{url.path[4:]}'. Please see {API_DOC_URL}")
            raise _HTTPError(400, "This is the LanguageTool API. You have not specified any "
                                  f"parameters. Please see {API_DOC_URL}")
        except _HTTPError as e:
            self._send(e.args[0], f"Error: {e.args[1]}", None)  # LT's sendError() sets no Content-Type

    def _send(self, status: int, body: str, ctype: str | None):
        data = body.encode("utf-8")
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _annotated(params: dict[str, str]) -> tuple[str, str, list[tuple[int, int, bool]]]:
    """(plain text, original text, [(plain_start, orig_start, is_text)]) like LT's AnnotatedText."""
    if "text" in params and "data" in params:
        raise _HTTPError(400, "Set only 'text' or 'data' parameter, not both")
    if "text" in params:
        return params["text"], params["text"], [(0, 0, True)]
    if "data" not in params:
        raise _HTTPError(400, "Missing 'text' or 'data' parameter")
    try:
        data = json.loads(params["data"])
    except ValueError:
        raise _HTTPError(400, "Could not parse JSON from 'data' parameter") from None
    if "text" in data:
        return str(data["text"]), str(data["text"]), [(0, 0, True)]
    plain, orig, segs = "", "", []
    for node in data.get("annotation", []):
        segs.append((len(plain), len(orig), "text" in node))
        if "text" in node:
            plain, orig = plain + node["text"], orig + node["text"]
        elif "markup" in node:
            plain, orig = plain + node.get("interpretAs", ""), orig + node["markup"]
        else:
            raise _HTTPError(400, f"Only 'text' and 'markup' are supported in 'annotation' list: {node}")
    return plain, orig, segs or [(0, 0, True)]


def _to_orig(segs: list[tuple[int, int, bool]], pos: int) -> int:
    plain_start, orig_start, is_text = segs[bisect_right([s[0] for s in segs], pos) - 1]
    return orig_start + (pos - plain_start) if is_text else orig_start


class LanguageToolDouble:
    """Serve the LT protocol on 127.0.0.1:<ephemeral port>; use as a context manager.

    Failure modes apply to /v2/check only, so a client can always be constructed
    (it fetches /v2/languages first) and then be made to fail. `mode` and the
    other knobs may be changed while running.
    """

    def __init__(self, mode: str = "ok", *, delay: float = 1.0, ratelimit_requests: int = 1,
                 max_text_length: int | None = None, misspellings: dict[str, list[str]] | None = None):
        self.delay, self.ratelimit_requests, self.max_text_length = delay, ratelimit_requests, max_text_length
        self.misspellings = dict(DEFAULT_MISSPELLINGS if misspellings is None else misspellings)
        self.requests: list[dict[str, str]] = []  # form of every /v2/check request, in order
        self.calls: list[tuple[str, str]] = []  # (method, path) of every request
        self._lock, self._stopping = threading.Lock(), threading.Event()
        self.mode = mode
        self._server = _Server(("127.0.0.1", 0), type("Handler", (_Handler,), {"double": self}))
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        if value not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {value!r}")
        self._mode, self._limited = value, 0  # "first N requests" count from now

    def __enter__(self) -> LanguageToolDouble:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()  # wakes "slow" handlers so shutdown is quick
        self._server.shutdown()
        self._server.server_close()

    def _check(self, params: dict[str, str], client_ip: str) -> dict:
        with self._lock:
            self.requests.append(dict(params))
            limited = self._mode == "ratelimit" and self._limited < self.ratelimit_requests
            self._limited += limited
        if limited:  # the public API's status and text (LanguageToolHttpHandler + RequestLimiter)
            raise _HTTPError(429, f"Access from {client_ip} denied: Client request limit of 20 "
                                  "requests per 60 seconds exceeded")
        if self._mode == "error500":
            raise _HTTPError(500, "Internal Error: simulated by lt_double (mode='error500')")
        if self._mode == "slow":
            self._stopping.wait(self.delay)
        plain, orig, segs = _annotated(params)
        size = len(plain.encode("utf-16-le", "surrogatepass")) // 2  # Java String.length()
        if self.max_text_length is not None and size > self.max_text_length:
            raise _HTTPError(413, f"Your text exceeds the limit of {self.max_text_length} characters "
                                  f"(it's {size} characters). Please submit a shorter text.")
        if "language" not in params:
            raise _HTTPError(400, "Missing 'language' parameter")
        wanted = "en-US" if params["language"] == "auto" else params["language"]
        lang = next((x for x in LANGUAGES if x[2].lower() == wanted.lower()), None)
        if lang is None:
            raise _HTTPError(400, f"'{params['language']}' is not a language code known to LanguageTool. "
                                  f"Supported language codes are: {', '.join(x[2] for x in LANGUAGES)}.")
        pre = [0]  # pre[i] = UTF-16 offset of orig[i]
        for ch in orig:
            pre.append(pre[-1] + (2 if ord(ch) > 0xFFFF else 1))
        orig16 = orig.encode("utf-16-le", "surrogatepass")
        sentences = [m.span() for m in re.finditer(r"[^\s.!?][^.!?\n]*[.!?]*", plain)]
        matches = []
        for rule in self._active_rules(params, lang[2]):
            for m in re.finditer(rule.pattern, plain, rule.flags):
                start, end = m.span("e")
                off, stop = pre[_to_orig(segs, start)], pre[_to_orig(segs, end - 1) + 1]
                ctx_start, ctx_end = max(off - CONTEXT_SIZE, 0), min(stop + CONTEXT_SIZE, len(orig16) // 2)
                prefix, suffix = "..." * (ctx_start > 0), "..." * (ctx_end < len(orig16) // 2)
                ctx = orig16[2 * ctx_start:2 * ctx_end].decode("utf-16-le", "surrogatepass")
                matches.append({
                    "message": rule.message.format_map(m.groupdict()), "shortMessage": rule.short_message,
                    "replacements": [{"value": v} for v in rule.fix(m)], "offset": off, "length": stop - off,
                    "context": {"text": prefix + ctx.replace("\n", " ") + suffix,
                                "offset": len(prefix) + off - ctx_start, "length": stop - off},
                    "sentence": next((plain[a:b].strip() for a, b in sentences if a <= start < b), ""),
                    "type": {"typeName": "Other"},
                    "rule": {"id": rule.id, "description": rule.description, "issueType": rule.issue_type,
                             "category": {"id": rule.category, "name": CATEGORIES[rule.category]}},
                    "ignoreForIncompleteSentence": rule.context_for_sure == -1 or rule.context_for_sure > 3,
                    "contextForSureMatch": rule.context_for_sure})
        ranges = [[pre[_to_orig(segs, a)], pre[_to_orig(segs, b - 1) + 1]] for a, b in sentences]
        return {"software": {"name": "LanguageTool", "version": "6.8", "buildDate": "lt_double",
                             "apiVersion": 1, "premium": False, "status": ""},
                "warnings": {"incompleteResults": False},
                "language": {"name": lang[0], "code": lang[2], "detectedLanguage": {
                    "name": lang[0], "code": lang[2], "confidence": 0.99, "source": "lt_double"}},
                "matches": sorted(matches, key=lambda x: x["offset"]),
                "sentenceRanges": ranges,
                "extendedSentenceRanges": [{"from": a, "to": b, "detectedLanguages": [
                    {"language": lang[1], "rate": 1.0}]} for a, b in ranges]}

    def _active_rules(self, params: dict[str, str], long_code: str) -> list[Rule]:
        def ids(key: str) -> set[str]:
            return {x.strip() for x in params.get(key, "").split(",") if x.strip()}

        on_r, off_r = ids("enabledRules"), ids("disabledRules")
        on_c, off_c = ids("enabledCategories"), ids("disabledCategories")
        only = params.get("enabledOnly") in ("true", "yes")
        if only and (off_r or off_c):  # TextChecker's own checks and wording
            raise _HTTPError(400, "You cannot specify disabled rules or categories using enabledOnly=true")
        if only and not (on_r or on_c):
            raise _HTTPError(400, "You must specify enabled rules or categories when using enabledOnly=true")
        if not long_code.startswith("en"):
            return []
        rules = list(RULES)
        if "-" in long_code and self.misspellings:  # plain "en" has no speller in LT either
            words = "|".join(map(re.escape, sorted(self.misspellings, key=len, reverse=True)))
            table = {k.lower(): v for k, v in self.misspellings.items()}
            rules.insert(0, Rule(
                f"MORFOLOGIK_RULE_{long_code.upper().replace('-', '_')}", "TYPOS", "misspelling",
                "Possible spelling mistake", "Possible spelling mistake found.", "Spelling mistake",
                rf"\b(?P<e>{words})\b",
                lambda m: [_cap(s) if m["e"][0].isupper() else s for s in table[m["e"].lower()]],
                flags=re.IGNORECASE))
        return [r for r in rules if (r.id in on_r or r.category in on_c or (r.default_on and not only))
                and r.id not in off_r and r.category not in off_c]


class ScriptedServer:
    """Not LanguageTool either: a server on 127.0.0.1 that answers what a test tells it to, for the
    replies a broken or hostile server sends. `/v2/languages` answers as LanguageTool does unless
    `languages` is given; `/v2/check` answers `check` (status, body), or with `trickle` sends its
    headers and body one byte every `trickle` seconds until stopped. Use as a context manager.
    """

    def __init__(self, check: tuple[int, bytes | str] = (200, b'{"matches": []}'), *,
                 languages: tuple[int, bytes | str] | None = None, trickle: float | None = None):
        self.check, self.languages, self.trickle = check, languages, trickle
        self.calls: list[str] = []     # the path of every request, in order
        self.stopped = threading.Event()
        self.trickling = threading.Event()  # set while a trickled reply is still being sent
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self._answer()

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self._answer()

            def _answer(self):
                path = urllib.parse.urlsplit(self.path).path
                scripted.calls.append(path)
                if path == "/v2/languages":
                    langs = [{"name": n, "code": c, "longCode": lc} for n, c, lc in LANGUAGES]
                    return self._send(*(scripted.languages or (200, json.dumps(langs))))
                if scripted.trickle is not None:
                    return self._trickle()
                self._send(*scripted.check)

            def _send(self, status: int, body):
                data = body.encode("utf-8") if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _trickle(self):
                body = b'{"matches": []}'.ljust(100_000)
                reply = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" \
                    % (len(body), body)
                scripted.trickling.set()
                try:
                    for i in range(len(reply)):
                        if scripted.stopped.wait(scripted.trickle):
                            return
                        self.wfile.write(reply[i:i + 1])
                        self.wfile.flush()
                finally:
                    scripted.trickling.clear()

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> ScriptedServer:
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self._server.shutdown()
        self._server.server_close()
