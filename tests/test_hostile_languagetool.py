"""LanguageTool servers that break the protocol: replies of the wrong shape, matches outside the
text, a reply sent one byte at a time, a poisoned cache (issue 17). Each case runs against a
small local server on 127.0.0.1 (tests/lt_double.py: ScriptedServer) that answers what the test
tells it to. None of them may stop the output from being written: one warning says what happened.
"""
from __future__ import annotations

import json

import pytest

from cleanup.core.config import GrammarSettings
from cleanup.core.edits import Level
from cleanup.stages import ltclient

from .conftest import SAMPLES, run_cli
from .lt_double import ScriptedServer
from .test_languagetool import clean_text, cli_env, no_grammar_output

SEED000 = SAMPLES / "seed000.txt"
TEXT = "They recieve it 😀 and recieve more."


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(ltclient, "_CLIENTS", {})


def match(offset: int, length: int, **fields) -> dict:
    """A match as LanguageTool sends it (offsets in UTF-16 units)."""
    return {"message": "Possible spelling mistake found.", "replacements": [{"value": "receive"}],
            "offset": offset, "length": length,
            "rule": {"id": "MORFOLOGIK_RULE_EN_US", "category": {"id": "TYPOS", "name": "Possible Typo"}},
            **fields}


def reply(*matches) -> tuple[int, str]:
    return 200, json.dumps({"matches": list(matches)})


def units(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


FIRST = TEXT.index("recieve")
SECOND = TEXT.index("recieve", FIRST + 1)
GOOD = match(FIRST, 7)
GOOD_AFTER_EMOJI = match(units(TEXT, SECOND), 7)


# -- replies of the wrong shape: one warning, the output still written --------------

@pytest.mark.slow  # each runs the CLI in a new process
@pytest.mark.parametrize("server, reason", [
    (ScriptedServer((500, json.dumps({"matches": [GOOD]}))), "answered with an error: {\"matches\""),
    (ScriptedServer((200, "{}")), "sent a reply of the wrong shape (/v2/check sent an object"),
    (ScriptedServer((200, "[]")), "sent a reply of the wrong shape (/v2/check sent a list"),
    (ScriptedServer((200, '{"matches": "oops"}')), "sent a reply of the wrong shape (/v2/check sent an object"),
    (ScriptedServer((200, "<html>busy</html>")), "a reply that is not JSON"),
    (ScriptedServer((200, "[" * 100_000)), "a reply that is not JSON"),
    (ScriptedServer(languages=(200, '{"en-US": "English"}')), "/v2/languages sent an object"),
], ids=["http-500-with-json", "empty-object", "list", "matches-not-a-list", "not-json", "deep-nesting",
        "languages-a-dict"])
def test_a_reply_of_the_wrong_shape_is_one_warning_and_the_output_is_still_written(server, reason, tmp_path):
    with server:
        r = run_cli("fix", SEED000, SEED000.with_name("seed002.txt"), "-o", tmp_path / "out", "--grammar",
                    "--languagetool", server.url, env=cli_env(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 0 and "Traceback" not in err, err
    assert err.count("warning") == 1 and reason in err, err
    for seed in (SEED000, SEED000.with_name("seed002.txt")):
        assert (tmp_path / "out" / seed.name).read_bytes() == no_grammar_output(seed)


def test_replacements_null_is_a_match_without_replacements():
    with ScriptedServer(reply(match(FIRST, 7, replacements=None))) as server:
        result = clean_text(TEXT, GrammarSettings(server=server.url))
    assert not result.problems
    [flag] = [e for e in result.edits if e.family == "languagetool"]
    assert (flag.original, flag.level, flag.replacement) == ("recieve", Level.FLAG, None)


@pytest.mark.parametrize("bad", [
    {k: v for k, v in GOOD.items() if k != "rule"},
    {k: v for k, v in GOOD.items() if k != "offset"},
    match(FIRST, 7, rule="MORFOLOGIK"),
    match("5", 7),
    match(FIRST, 7, replacements=[{"value": 3}]),
    match(FIRST, 7, message=None),
], ids=["no-rule", "no-offset", "rule-a-string", "offset-a-string", "replacement-a-number", "message-null"])
def test_a_match_missing_fields_is_dropped_and_counted_and_the_others_are_reported(bad):
    with ScriptedServer(reply(GOOD, bad)) as server:
        result = clean_text(TEXT, GrammarSettings(server=server.url))
    assert [(e.original, e.start) for e in result.edits if e.family == "languagetool"] == [("recieve", FIRST)]
    [problem] = result.problems
    assert problem.kind == "grammar-skipped" and "sent 1 match(es)" in problem.message


def test_matches_outside_the_text_are_dropped_and_counted_never_an_insertion_at_the_end():
    end = units(TEXT, len(TEXT))
    outside = [match(-3, 2), match(-1, 0), match(end + 5, 1), match(end - 2, 5), match(FIRST, -2),
               match(units(TEXT, TEXT.index("😀")) + 1, 1)]  # the last one starts inside the emoji
    with ScriptedServer(reply(GOOD, *outside, GOOD_AFTER_EMOJI)) as server:
        result = clean_text(TEXT, GrammarSettings(server=server.url))
    ours = [(e.start, e.end, e.original) for e in result.edits if e.family == "languagetool"]
    assert ours == [(FIRST, FIRST + 7, "recieve"), (SECOND, SECOND + 7, "recieve")]
    assert "sent 6 match(es)" in result.problems[0].message


def test_a_poisoned_cache_entry_is_a_miss_and_the_server_is_asked_again(tmp_path):
    with ScriptedServer(reply(GOOD)) as server:
        settings = GrammarSettings(server=server.url)
        first = clean_text(TEXT, settings)
        entries = list((tmp_path / "cache" / "languagetool").rglob("*.json"))
        assert len(entries) == 1
        for poison in ('[[0, 99999, "R", "C", "m", []]]', '[[-4, 2, "R", "C", "m", []]]',
                       '[["0", 2, "R", "C", "m", []]]', '[[0, 2, "R", "C", "m", null]]', '{"a": 1}', "7",
                       "[" * 100_000):
            entries[0].write_text(poison, encoding="utf-8")
            again = clean_text(TEXT, settings)
            assert again.edits == first.edits and not again.problems, poison
        assert server.calls.count("/v2/check") == 8  # the first run and once per poisoned entry


def test_a_server_that_sends_a_byte_at_a_time_is_given_up_at_the_deadline_after_one_try():
    with ScriptedServer(trickle=0.05) as server:
        result = clean_text(TEXT, GrammarSettings(server=server.url, timeout=0.5))
        assert server.trickling.is_set()  # the reply was still coming when the client gave up
    [problem] = result.problems
    assert "did not answer within 0.5 seconds" in problem.message
    assert server.calls.count("/v2/check") == 1  # one try: the seconds in the message are the seconds waited
    assert result.text == TEXT


def test_a_reply_too_large_is_refused_without_reading_it_all(monkeypatch):
    monkeypatch.setattr(ltclient, "MAX_REPLY_BYTES", 1000)
    with ScriptedServer(reply(*[GOOD] * 50)) as server:
        result = clean_text(TEXT, GrammarSettings(server=server.url))
    [problem] = result.problems
    assert "sent a reply of the wrong shape (a reply of more than 1,000 bytes)" in problem.message
