"""Grammar checks through LanguageTool, end to end against a PROTOCOL DOUBLE.

tests/lt_double.py is not LanguageTool: it is a small HTTP server that speaks
LanguageTool's /v2 protocol (same endpoints, form fields, status codes, JSON
shape, offsets counted in UTF-16 units like the Java server) and "checks"
with a few regexes under real LanguageTool rule ids. Each test starts one on
127.0.0.1 with an ephemeral port and reaches it the way a user would:
`--languagetool http://127.0.0.1:PORT`, through language_tool_python's own
client. What it proves is how cleanup talks to LanguageTool (offsets, chunks,
cache, rule selection, failures), not the quality of LanguageTool's grammar.
tests/test_languagetool_real.py repeats the main assertions against a real
server when CLEANUP_LANGUAGETOOL names one.
"""
from __future__ import annotations

import json
import re
import shutil
import socket
import sys
from pathlib import Path

import pytest

from cleanup.api.runner import Options, clean_document
from cleanup.authoring.examples import check_example
from cleanup.core.config import GrammarSettings
from cleanup.core.document import Document
from cleanup.core.edits import Level
from cleanup.rulebook.loading import RuleBook, load_rulebook
from cleanup.stages import build_pipeline, ltclient
from cleanup.stages.languagetool import MAX_REQUEST_BYTES, cache_folder

from .conftest import SAMPLES, run_cli
from .lt_double import LanguageToolDouble

SEED000, SEED002, SEED004 = (SAMPLES / f"seed00{i}.txt" for i in (0, 2, 4))
SPELLER = "languagetool.MORFOLOGIK_RULE_EN_US"
# after earlier stages changed the text: a boilerplate line goes, mojibake is repaired; then
# multi-byte letters and emoji (2 UTF-16 units each, a ZWJ family of 5 code points) before the
# matches, and astral letters inside one
SHIFTED = ("Please read on...\n\n"
           "Russiaâ€™s envoy 🎉👩‍👩‍👧 said they recieve 𝐭𝐞𝐡 letters.\n\n"
           "Café naïve 日本語 😀: we recieve them weekly.\n")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # the double is always local
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(ltclient, "_CLIENTS", {})  # each test meets its own server


@pytest.fixture
def double():
    with LanguageToolDouble(misspellings={"recieve": ["receive"], "𝐭𝐞𝐡": ["the"],
                                          "teh": ["the", "tea", "ten", "eh"]}) as d:
        yield d


def clean_text(text: str, settings: GrammarSettings, **options):
    doc = Document.from_bytes(text.encode("utf-8"), "t")
    return clean_document(doc, Options(grammar=settings, language=settings.language, **options))


def no_grammar_output(path: Path) -> bytes:
    doc = Document.from_bytes(path.read_bytes(), path.name)
    return doc.to_bytes(clean_document(doc, Options()).text)


def dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


def cli_env(tmp_path) -> dict:
    return {"CLEANUP_CACHE_DIR": str(tmp_path / "cache"), "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost", "CLEANUP_LANGUAGETOOL": ""}


# -- shared with tests/test_languagetool_real.py ------------------------------

def assert_seed004_records(records: list[dict]) -> list[dict]:
    """Every record speaks of the original characters; the offline stray-quote flag is there.
    Returns the LanguageTool records."""
    original = SEED004.read_text(encoding="utf-8")
    for r in records:
        assert original[r["start"]:r["end"]] == r["original"], r
    stray = original.index("initiative”") + len("initiative")
    assert any(r["rule"] == "grammar.unbalanced-quotes" and r["start"] == stray for r in records)
    return [r for r in records if r["rule"].startswith("languagetool.")]


def assert_spelling_found_in_the_original(result, word: str, suggestion: str) -> None:
    """Each `word` in the original is reported at its own place, with `suggestion`."""
    expected = [m.span() for m in re.finditer(re.escape(word), result.original)]
    found = [(e.start, e.end) for e in result.edits
             if e.family == "languagetool" and e.original == word and e.replacement == suggestion]
    assert found == expected and expected
    assert all(result.original[e.start:e.end] == e.original for e in result.edits)


# -- acceptance --------------------------------------------------------------

def test_check_seed004_lists_the_doubles_matches_at_original_spans_with_the_stray_quote(double, tmp_path):
    # an en-US speller would question the British spellings of this document
    double.misspellings = {"stabilising": ["stabilizing"], "honours": ["honors"], "neighbours": ["neighbors"],
                           "minimising": ["minimizing"]}
    r = run_cli("check", SEED004, "--grammar", "--languagetool", double.url, "--format", "json", env=cli_env(tmp_path))
    assert r.returncode & 4 == 0, r.stderr.decode()  # grammar was not skipped
    ours = assert_seed004_records(json.loads(r.stdout))
    original = SEED004.read_text(encoding="utf-8")
    expected = sorted((m.start(), m.end(), m.group(), double.misspellings[m.group()][0])
                      for m in re.finditer(r"\b(?:stabilising|honours|neighbours|minimising)\b", original))
    assert sorted((x["start"], x["end"], x["original"], x["replacement"]) for x in ours) == expected
    assert {x["rule"] for x in ours} == {SPELLER} and {x["level"] for x in ours} == {"suggest"}
    sent = double.requests[0]
    assert sent["language"] == "en-US"
    assert {"ENGLISH_WORD_REPEAT_RULE", "UPPERCASE_SENTENCE_START"} <= set(sent["disabledRules"].split(","))


def test_offsets_survive_earlier_edits_multibyte_characters_and_emoji(double):
    result = clean_text(SHIFTED, GrammarSettings(server=double.url))
    assert "Please read on" not in result.text and "Russia’s" in result.text  # earlier stages did change it
    assert_spelling_found_in_the_original(result, "recieve", "receive")
    assert_spelling_found_in_the_original(result, "𝐭𝐞𝐡", "the")  # LanguageTool's length is in UTF-16 units
    fixed = clean_text(SHIFTED, GrammarSettings(server=double.url), level=Level.SUGGEST).text
    assert "they receive the letters" in fixed and "we receive them" in fixed


# -- LanguageTool unavailable ------------------------------------------------

def serve_failing(failure: str, double) -> str:
    """The URL of a server that fails this way: refused, HTTP 500, or too slow."""
    if failure == "refused":
        return dead_url()
    double.mode, double.delay = failure, 3
    return double.url


@pytest.mark.parametrize("failure, reason", [
    ("refused", "cannot connect to LanguageTool at http://127.0.0.1:"),
    ("error500", "answered with an error: Error: Internal Error"),
    ("slow", "did not answer within 0.3 seconds"),
])
def test_check_says_why_grammar_was_skipped_and_adds_4_to_its_exit_code(failure, reason, double, tmp_path):
    url = serve_failing(failure, double)
    r = run_cli("check", SEED000, "--grammar", "--languagetool", url, "--languagetool-timeout", "0.3",
                env=cli_env(tmp_path))
    err = r.stderr.decode()
    assert reason in err and "Traceback" not in err, err
    assert r.returncode == 1 + 4  # seed000 has fixes pending (1); grammar skipped (+4)


def test_fix_without_languagetool_writes_every_other_fix_and_warns_once(tmp_path):
    r = run_cli("fix", SEED000, SEED002, "-o", tmp_path / "out", "--grammar", "--languagetool", dead_url(),
                env=cli_env(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 0 and "Traceback" not in err
    assert err.count("grammar checks skipped") == 1, err  # the same reason for every file, said once
    for seed in (SEED000, SEED002):
        assert (tmp_path / "out" / seed.name).read_bytes() == no_grammar_output(seed)


def test_local_mode_without_java_says_so_and_still_writes_the_output(tmp_path):
    env = {**cli_env(tmp_path), "PATH": str(Path(sys.executable).parent), "LTP_PATH": str(tmp_path / "ltp")}
    r = run_cli("fix", SEED000, "--grammar", "--languagetool", "local", env=env)
    err = r.stderr.decode()
    assert r.returncode == 0 and "Traceback" not in err
    assert "no 'java' found on PATH" in err and "Java 17" in err
    assert r.stdout == no_grammar_output(SEED000)


@pytest.mark.skipif(not shutil.which("java"), reason="needs java on PATH to get as far as the download")
def test_local_mode_when_the_download_is_impossible_says_so(tmp_path):
    env = {**cli_env(tmp_path), "LTP_PATH": str(tmp_path / "ltp"),
           "LTP_DOWNLOAD_HOST_NEW_RELEASES": dead_url() + "/", "LTP_DOWNLOAD_HOST_RELEASE": dead_url() + "/"}
    r = run_cli("check", SEED000, "--grammar", "--languagetool", "local", env=env)
    err = r.stderr.decode()
    assert "could not download or start LanguageTool" in err and "Traceback" not in err
    assert r.returncode == 1 + 4


def test_a_server_that_is_not_a_url_is_a_clear_warning(double):
    result = clean_text("They recieve it.", GrammarSettings(server="localhost:8081"))
    assert [p.kind for p in result.problems] == ["grammar-skipped"]
    assert "'localhost:8081' is not 'local', 'public' or an http(s) URL" in result.problems[0].message


def test_a_url_ending_in_v2_reaches_the_same_server(double):
    result = clean_text("They recieve it.", GrammarSettings(server=double.url + "/v2/"))
    assert not result.problems
    assert_spelling_found_in_the_original(result, "recieve", "receive")


# -- cache ---------------------------------------------------------------------

def test_a_second_run_asks_only_about_paragraphs_that_changed(double, tmp_path):
    settings = GrammarSettings(server=double.url)
    text = "They recieve it.\n\nWe recieve letters.\n\nNothing here."
    first = clean_text(text, settings)
    asked = len(double.requests)
    assert asked == 1 and list((tmp_path / "cache").rglob("*.json"))  # $CLEANUP_CACHE_DIR is used
    again = clean_text(text, settings)
    assert len(double.requests) == asked and again.edits == first.edits
    changed = clean_text(text.replace("Nothing here.", "Nothing new here, teh end."), settings)
    assert [r["text"] for r in double.requests[asked:]] == ["Nothing new here, teh end."]
    assert_spelling_found_in_the_original(changed, "recieve", "receive")
    clean_text(text, GrammarSettings(server=double.url, cache=False))
    assert len(double.requests) == asked + 2  # no cache: asked again


def test_cache_folder_follows_cleanup_cache_dir_then_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "a"))
    assert cache_folder() == tmp_path / "a"
    monkeypatch.delenv("CLEANUP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "cleanup"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "cleanup"


# -- the public API ------------------------------------------------------------

def test_public_mode_keeps_every_request_under_its_limit_with_exact_offsets(double, monkeypatch):
    monkeypatch.setattr(ltclient, "PUBLIC_URL", double.url)
    count = iter(range(10_000))

    def sentences(n):  # numbered, so that no later stage takes them for a repeated line
        return "".join(f"In week {next(count)}, Café 🎉 naïve staff recieve letters from 日本. " for _ in range(n))

    text = "\n\n".join(sentences(30) for _ in range(12)) + "\n\n" + "\n".join(sentences(30) for _ in range(10)) \
        + "\n\n" + sentences(400)  # blank-line paragraphs, a block of lines, one line over the limit
    assert len(text.encode("utf-8")) > 3 * MAX_REQUEST_BYTES
    result = clean_text(text, GrammarSettings(server="public"))
    assert result.text == text  # nothing else changed it: every "recieve" is there to be found
    sizes = [len(r["text"].encode("utf-8")) for r in double.requests]
    assert len(sizes) >= 4 and max(sizes) <= MAX_REQUEST_BYTES
    assert_spelling_found_in_the_original(result, "recieve", "receive")


def test_public_mode_waits_and_retries_when_rate_limited(double, monkeypatch):
    monkeypatch.setattr(ltclient, "PUBLIC_URL", double.url)
    waits = []
    monkeypatch.setattr(ltclient, "sleep", waits.append)
    double.ratelimit_requests, double.mode = 2, "ratelimit"
    result = clean_text("They recieve it.", GrammarSettings(server="public"))
    assert not result.problems and waits == list(ltclient.RATE_LIMIT_WAITS[:2]) and len(double.requests) == 3
    assert_spelling_found_in_the_original(result, "recieve", "receive")


def test_public_mode_gives_up_after_its_retries_with_a_warning(double, monkeypatch):
    monkeypatch.setattr(ltclient, "PUBLIC_URL", double.url)
    monkeypatch.setattr(ltclient, "sleep", lambda s: None)
    double.ratelimit_requests, double.mode = 100, "ratelimit"
    result = clean_text("They recieve it.", GrammarSettings(server="public"))
    assert len(double.requests) == len(ltclient.RATE_LIMIT_WAITS) + 1
    assert [p.kind for p in result.problems] == ["grammar-skipped"]
    assert "rate limit" in result.problems[0].message
    assert not [e for e in result.edits if e.family == "languagetool"]


# -- which rules, at which level ---------------------------------------------

def test_promoted_rules_become_fixes_and_disabled_ones_are_not_reported(double, tmp_path):
    rule_file = tmp_path / "lt.yaml"
    rule_file.write_text(
        "id: my-lt\nkind: languagetool\ndescription: d\nrules:\n"
        "  - {id: speller, match: 'MORFOLOGIK_RULE_*', action: promote}\n"
        "  - {id: agreement, match: 'NON3PRS*', action: disable}\n"
        "examples:\n  - unchanged: x\n", encoding="utf-8")
    settings = GrammarSettings(server=double.url, disable=("EN_A_VS_AN",), disable_categories=("CASING",))
    result = clean_text("They recieve a apple. They was late. He saw teh cat.", settings, rules=(str(rule_file),))
    ours = {e.original: e for e in result.edits if e.family == "languagetool"}
    assert set(ours) == {"recieve", "teh"}  # no a/an (disabled rule), no "was" (disabled by a glob)
    assert ours["recieve"].applied and ours["recieve"].level is Level.FIX and "They receive" in result.text
    teh = ours["teh"]  # several replacements: a flag that names them
    assert (teh.level, teh.replacement, teh.applied) == (Level.FLAG, None, False)
    assert "“the”, “tea”, “ten”, “eh”" in teh.message
    sent = double.requests[0]
    assert "EN_A_VS_AN" in sent["disabledRules"].split(",") and "CASING" in sent["disabledCategories"].split(",")
    assert "NON3PRS*" not in sent["disabledRules"]  # a glob is applied to the answers, not sent


def test_lang_picks_the_variant_asked_for(double):
    result = clean_text("They recieve it.", GrammarSettings(server=double.url, language="en-GB"))
    assert double.requests[0]["language"] == "en-GB"
    assert [e.rule for e in result.edits if e.family == "languagetool"] == ["languagetool.MORFOLOGIK_RULE_EN_GB"]


def test_the_shipped_languagetool_rule_file_examples_hold_against_the_double(double):
    assert_shipped_examples_hold("languagetool", GrammarSettings(server=double.url))


def assert_shipped_examples_hold(kind: str, settings: GrammarSettings) -> None:
    """Every example of the shipped rule files of `kind`, with grammar checks on, alone and in the whole pipeline."""
    book = load_rulebook()
    files = book.files_of(kind)
    assert files
    for rf in files:
        alone = build_pipeline(RuleBook((rf,)), grammar=settings)
        whole = build_pipeline(book, grammar=settings)
        for ex in rf.examples:
            for pipeline, setting in ((alone, "alone"), (whole, "in the whole pipeline")):
                failure = check_example(rf, ex, pipeline, setting)
                assert failure is None, str(failure)
