"""Drive tests/lt_double.py through language_tool_python's own client (3.4.0).

Besides checking the double, these tests pin down the client behaviour that
the grammar stage relies on; docs/languagetool-protocol.md explains each fact.
"""
import json
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import language_tool_python
import pytest
import requests
from language_tool_python.exceptions import LanguageToolError, RateLimitError

try:
    from tests.lt_double import LanguageToolDouble
except ImportError:  # tests/ is not a package, so pytest put tests/ itself on sys.path
    from lt_double import LanguageToolDouble

LONG_SENTENCE = "Start " + " ".join(f"item{i}" for i in range(40)) + "."  # 41 words


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    # requests and urllib honour *_proxy variables; the double is always local.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def double():
    with LanguageToolDouble() as d:
        yield d


@pytest.fixture
def tool(double):
    with language_tool_python.LanguageTool("en-US", remote_server=double.url) as t:
        yield t


def post(url, **form):
    data = urllib.parse.urlencode(form).encode()
    with urllib.request.urlopen(url, data, timeout=5) as response:
        assert response.headers["Content-Type"] == "application/json"
        return json.load(response)


def py_length(text, py_offset, utf16_length):
    """How many code points of `text` from `py_offset` cover `utf16_length` UTF-16 units."""
    n = units = 0
    while units < utf16_length:
        units += 2 if ord(text[py_offset + n]) > 0xFFFF else 1
        n += 1
    return n


def by_rule(matches, text):
    return {m.rule_id: (text[m.offset:m.offset + m.error_length], m.replacements) for m in matches}


def test_client_fetches_languages_once_then_posts_one_form_per_check(double, tool):
    tool.check("First chunk.")
    tool.check("Second chunk.")
    assert double.calls == [("GET", "/v2/languages"), ("POST", "/v2/check"), ("POST", "/v2/check")]
    assert double.requests == [{"language": "en-US", "text": "First chunk."},
                               {"language": "en-US", "text": "Second chunk."}]


def test_matches_carry_rule_ids_messages_categories_and_replacements(tool):
    text = "This is a example. He saw teh the the dog , then left."
    matches = tool.check(text)
    assert by_rule(matches, text) == {
        "EN_A_VS_AN": ("a", ["an"]),
        "MORFOLOGIK_RULE_EN_US": ("teh", ["the", "tea", "ten", "eh"]),
        "ENGLISH_WORD_REPEAT_RULE": ("the the", ["the"]),
        "COMMA_PARENTHESIS_WHITESPACE": (" ,", [","]),
    }
    spell = next(m for m in matches if m.rule_id == "MORFOLOGIK_RULE_EN_US")
    assert (spell.message, spell.category, spell.rule_issue_type) == (
        "Possible spelling mistake found.", "TYPOS", "misspelling")
    assert spell.sentence == "He saw teh the the dog , then left."
    assert spell.matched_text == "teh"  # context[offset_in_context:...], fine without emoji
    assert tool.correct(text) == "This is an example. He saw the the dog, then left."


@pytest.mark.parametrize("prefix", ["", "Café naïve ", "日本語 ", "🎉 ", "🎉😀 ", "👩‍👩‍👧 ", "𝐁𝐨𝐥𝐝 "])
def test_client_offset_is_a_code_point_index_even_after_emoji(tool, prefix):
    text = prefix + "They recieve it."
    (m,) = [m for m in tool.check(text) if m.rule_id == "MORFOLOGIK_RULE_EN_US"]
    assert text[m.offset:m.offset + m.error_length] == "recieve"


def test_client_leaves_length_and_context_offset_in_utf16_units(double, tool):
    # language_tool_python 3.4.0 converts Match.offset only (match.py); a match that
    # itself contains astral characters keeps a UTF-16 error_length.
    double.misspellings = {"𝐭𝐞𝐡": ["the"]}
    text = "🎉 I saw 𝐭𝐞𝐡 cat."
    (m,) = tool.check(text)
    assert m.offset == text.index("𝐭𝐞𝐡")
    assert m.error_length == 6  # 3 code points, 6 UTF-16 units
    assert text[m.offset:m.offset + m.error_length] == "𝐭𝐞𝐡 ca"  # 6 code points: too long
    assert text[m.offset:m.offset + py_length(text, m.offset, m.error_length)] == "𝐭𝐞𝐡"
    assert m.offset_in_context == m.context.index("𝐭𝐞𝐡") + 1  # 🎉 counted twice


def test_disabled_rules_are_sent_and_honoured(double, tool):
    tool.disabled_rules = {"MORFOLOGIK_RULE_EN_US"}
    assert [m.rule_id for m in tool.check("I recieve a apple.")] == ["EN_A_VS_AN"]
    assert double.requests[-1]["disabledRules"] == "MORFOLOGIK_RULE_EN_US"


def test_disable_spellchecking_sends_disabled_category_typos(double, tool):
    tool.disable_spellchecking()
    assert [m.rule_id for m in tool.check("I recieve a apple.")] == ["EN_A_VS_AN"]
    assert double.requests[-1]["disabledCategories"] == "TYPOS"


def test_enabled_rules_switch_on_default_off_rules_and_enabled_only_restricts(double, tool):
    assert [m.rule_id for m in tool.check(LONG_SENTENCE)] == []
    tool.enabled_rules = {"TOO_LONG_SENTENCE"}
    assert [m.rule_id for m in tool.check(LONG_SENTENCE)] == ["TOO_LONG_SENTENCE"]
    tool.enabled_rules, tool.enabled_rules_only = {"EN_A_VS_AN"}, True
    assert [m.rule_id for m in tool.check("I recieve a apple.")] == ["EN_A_VS_AN"]
    assert double.requests[-1]["enabledOnly"] == "true"
    tool.disabled_rules = {"WHITESPACE_RULE"}  # the real server refuses this mix with HTTP 400
    with pytest.raises(LanguageToolError, match="cannot specify disabled rules or categories"):
        tool.check("Hello.")


def test_http_500_raises_language_tool_error_without_retry(double, tool):
    double.mode = "error500"
    with pytest.raises(LanguageToolError, match="^Error: Internal Error") as info:
        tool.check("Hello.")
    assert type(info.value) is LanguageToolError
    assert len(double.requests) == 1


def test_timeout_raises_language_tool_error_after_one_retry(double, tool):
    double.mode, double.delay = "slow", 5
    tool._TIMEOUT = 0.3  # class constant (300 s) used for every request; no public setter
    start = time.monotonic()
    with pytest.raises(LanguageToolError) as info:
        tool.check("Hello.")
    assert isinstance(info.value.__cause__, requests.exceptions.Timeout)  # ReadTimeout here
    assert len(double.requests) == 2  # check() tries twice
    assert time.monotonic() - start < 2


def test_http_429_is_a_plain_language_tool_error_then_recovers(double, tool):
    double.ratelimit_requests, double.mode = 2, "ratelimit"
    for _ in range(2):
        with pytest.raises(LanguageToolError, match="Client request limit of 20 requests") as info:
            tool.check("I recieve it.")
        assert not isinstance(info.value, RateLimitError)  # 3.4.0 keeps that for HTTP 426
    assert [m.rule_id for m in tool.check("I recieve it.")] == ["MORFOLOGIK_RULE_EN_US"]
    assert len(double.requests) == 3


def test_text_over_max_length_gives_413_counted_in_utf16_units(double, tool):
    double.max_text_length = 10
    with pytest.raises(LanguageToolError, match=re.escape(
            "Error: Your text exceeds the limit of 10 characters (it's 12 characters).")):
        tool.check("🎉 abcdefghi")  # 11 code points, 12 UTF-16 units
    assert tool.check("Abcdefghi.") == []  # exactly at the limit


def test_connection_refused_raises_language_tool_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(LanguageToolError) as info:
        language_tool_python.LanguageTool("en-US", remote_server=dead)
    assert isinstance(info.value.__cause__, requests.exceptions.ConnectionError)
    with LanguageToolDouble() as d:
        tool = language_tool_python.LanguageTool("en-US", remote_server=d.url)
    with pytest.raises(LanguageToolError) as info:  # server gone after start-up
        tool.check("Hello.")
    assert isinstance(info.value.__cause__, requests.exceptions.ConnectionError)


def test_unknown_language_is_refused_by_the_client_at_construction(double):
    with pytest.raises(ValueError, match="unsupported language"):
        language_tool_python.LanguageTool("xx-YY", remote_server=double.url)


def test_raw_check_json_shape_and_utf16_offsets(double):
    text = "🎉 Café, a apple."
    body = post(double.url + "/v2/check", text=text, language="en-US")
    assert list(body) == ["software", "warnings", "language", "matches", "sentenceRanges",
                          "extendedSentenceRanges"]
    assert body["software"]["name"] == "LanguageTool" and body["software"]["apiVersion"] == 1
    assert body["language"]["code"] == "en-US"
    (m,) = body["matches"]
    assert set(m) == {"message", "shortMessage", "replacements", "offset", "length", "context",
                      "sentence", "type", "rule", "ignoreForIncompleteSentence", "contextForSureMatch"}
    assert m["rule"] == {"id": "EN_A_VS_AN", "description": "Use of 'a' vs. 'an'",
                         "issueType": "misspelling", "category": {"id": "MISC", "name": "Miscellaneous"}}
    assert m["replacements"] == [{"value": "an"}] and m["shortMessage"] == "Wrong article"
    assert (m["offset"], m["length"]) == (text.index("a apple") + 1, 1)  # 🎉 = 2 units
    units = text.encode("utf-16-le")
    assert units[2 * m["offset"]:2 * (m["offset"] + m["length"])].decode("utf-16-le") == "a"
    assert m["context"] == {"text": text, "offset": m["offset"], "length": 1}
    assert body["sentenceRanges"] == [[0, len(units) // 2]]


def test_raw_languages_healthcheck_and_errors(double):
    for request in (double.url + "/v2/languages",
                    urllib.request.Request(double.url + "/v2/languages", b"", method="POST")):
        with urllib.request.urlopen(request, timeout=5) as response:
            languages = json.load(response)
        assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages
    with urllib.request.urlopen(double.url + "/v2/healthcheck", timeout=5) as response:
        assert response.read() == b"OK"
    for form, status, text in [
        ({"language": "en-US"}, 400, "Error: Missing 'text' or 'data' parameter"),
        ({"language": "en-US", "text": "x", "enabledOnly": "true"}, 400,
         "Error: You must specify enabled rules or categories when using enabledOnly=true"),
        ({"language": "xx", "text": "x"}, 400, "Error: 'xx' is not a language code known"),
    ]:
        with pytest.raises(urllib.error.HTTPError) as info:
            post(double.url + "/v2/check", **form)
        with info.value as error:  # an HTTPError holds the open response
            assert error.code == status and error.read().decode().startswith(text)
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(double.url + "/v2/nope", timeout=5)
    with info.value as error:
        assert error.code == 404 and error.read().startswith(b"Error: Unsupported action: 'nope'")


def test_raw_data_annotation_offsets_point_into_the_markup_string(double):
    parts = [{"markup": "<p>"}, {"text": "I recieve "}, {"markup": "<b>"}, {"text": "a apple"},
             {"markup": "</b></p>", "interpretAs": "\n\n"}]
    original = "".join(p.get("text", p.get("markup")) for p in parts)
    body = post(double.url + "/v2/check", data=json.dumps({"annotation": parts}), language="en-US")
    assert [(m["rule"]["id"], original[m["offset"]:m["offset"] + m["length"]])
            for m in body["matches"]] == [("MORFOLOGIK_RULE_EN_US", "recieve"), ("EN_A_VS_AN", "a")]
    assert double.requests[-1]["data"] == json.dumps({"annotation": parts})
