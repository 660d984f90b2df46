"""Kinds words, foreign-words and lookalike: every rule of a detector runs, with its own settings
and exceptions, and a setting the detector cannot use is refused with the rule file's line."""
from __future__ import annotations

import dataclasses
import textwrap

import pytest

from cleanup import Level, Policy, clean
from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages import build_pipeline
from cleanup.stages.registry import configure


def rule_file(tmp_path, name: str, body: str):
    path = tmp_path / f"{name}.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def rules_of(result, original: str) -> list[str]:
    return [e.rule for e in result.edits if e.original == original]


def run_alone(*paths, text: str, level=Level.SUGGEST):
    """The pipeline of these rule files only (no shipped rules) over `text`."""
    return build_pipeline(load_rulebook(list(paths), shipped=False)).run(text, Policy(level=level))


# -- words -------------------------------------------------------------------------

def test_a_second_run_on_rule_splits_the_tails_it_names(tmp_path):
    path = rule_file(tmp_path, "tails", """\
        id: my-words
        kind: words
        description: Tails the shipped run-on rule does not know.
        rules:
          - id: announced
            detector: run-on
            level: suggest
            glued_tails: [announced]
            message: "Glued to a name"
        examples: []
        """)
    text = "Mayor Petrenkoannounced the plan."
    assert not rules_of(clean(text, level=Level.SUGGEST), "Petrenkoannounced")  # the shipped tails lack it
    result = clean(text, rules=[path], level=Level.SUGGEST)
    assert rules_of(result, "Petrenkoannounced") == ["my-words.announced"]
    assert result.text == "Mayor Petrenko announced the plan."


def test_one_run_on_rules_exceptions_do_not_silence_another(tmp_path):
    path = rule_file(tmp_path, "except", """\
        id: my-words
        kind: words
        description: A run-on rule that leaves fourhours alone.
        rules:
          - id: lenient
            detector: run-on
            max_parts: 2
            exceptions: [fourhours]
            message: "Words run together"
        examples: []
        """)
    result = clean("Talks lasted fourhours on Monday.", rules=[path], level=Level.SUGGEST)
    assert rules_of(result, "fourhours") == ["words.run-on"]  # the shipped rule still judges it


# -- lookalike ---------------------------------------------------------------------

def test_a_second_lookalike_letters_rule_fixes_what_the_first_excepts(tmp_path):
    path = rule_file(tmp_path, "letters", """\
        id: my-lookalike
        kind: lookalike
        description: Two look-alike letter rules.
        rules:
          - id: lenient
            detector: lookalike-letters
            exceptions: ["M\u043escow"]
            message: "Lenient"
          - id: strict
            detector: lookalike-letters
            message: "Strict"
        examples: []
        """)
    result = run_alone(path, text="Talks in M\u043escow and Kyiv.", level=Level.FIX)
    assert rules_of(result, "M\u043escow") == ["my-lookalike.strict"]
    assert result.text == "Talks in Moscow and Kyiv."


# -- foreign-words -----------------------------------------------------------------

FOREIGN = """\
    id: my-foreign
    kind: foreign-words
    description: Two foreign-word rules.
    rules:
      - id: spanish
        detector: foreign-word
        languages: [es]
        exceptions: [toutefois]
        message: "Spanish"
      - id: french
        detector: foreign-word
        languages: [fr]
        message: "French"
    examples: []
    """


def test_a_second_foreign_word_rule_judges_with_its_own_languages_and_exceptions(tmp_path):
    path = rule_file(tmp_path, "foreign", FOREIGN)
    text = "The talks would toutefois continue, and the desarrollo too."
    result = run_alone(path, text=text)
    assert rules_of(result, "toutefois") == ["my-foreign.french"]
    assert rules_of(result, "desarrollo") == ["my-foreign.spanish"]


def test_the_words_stage_leaves_a_word_any_foreign_word_rule_reports(tmp_path):
    foreign = rule_file(tmp_path, "foreign", FOREIGN)
    words = rule_file(tmp_path, "words", """\
        id: my-words
        kind: words
        description: Unknown words only.
        rules:
          - id: unknown
            detector: unknown-word
            message: "Unknown"
        examples: []
        """)
    result = run_alone(foreign, words, text="The talks would toutefois continue.")
    assert rules_of(result, "toutefois") == ["my-foreign.french"]  # one flag, naming the language


# -- settings ----------------------------------------------------------------------

@pytest.mark.parametrize("kind, detector, field, value", [
    ("words", "unknown-word", "min_zipf", "3.0"),               # a run-on setting
    ("lookalike", "transliterated-acronym", "exceptions", "[VVS]"),
    ("foreign-words", "foreign-noun", "letters", '["ß=de"]'),   # a foreign-word setting
])
def test_a_setting_the_detector_does_not_read_is_refused_with_its_line(tmp_path, kind, detector, field, value):
    path = rule_file(tmp_path, "odd", f"""\
        id: odd
        kind: {kind}
        description: A setting in the wrong place.
        rules:
          - id: odd
            detector: {detector}
            message: "Odd"
            {field}: {value}
        examples: []
        """)
    with pytest.raises(RuleFileError) as caught:
        build_pipeline(load_rulebook([path], shipped=False))
    assert f"{path}:8:" in str(caught.value) and field in str(caught.value)


def test_a_setting_of_the_wrong_type_is_refused_with_its_line(tmp_path):
    path = rule_file(tmp_path, "typed", """\
        id: typed
        kind: words
        description: A run-on rule.
        rules:
          - id: split
            detector: run-on
            min_zipf: 3.0
            message: "Split"
        examples: []
        """)
    (rule,) = load_rulebook([path], shipped=False).rules("words")
    assert configure(rule).settings.min_zipf == 3.0
    high = dataclasses.replace(rule, data={**rule.data, "min_zipf": "high"})  # the schema check bypassed
    with pytest.raises(RuleFileError) as caught:
        configure(high)
    assert f"{path}:7:" in str(caught.value) and "min_zipf" in str(caught.value)
