"""Rules of the MT detector kinds as a user writes them: every rule runs with its own settings.

A user's rule file may hold a second rule of a detector the shipped files
already use (or two of its own): that rule must have effect, with its own
settings and its own exceptions, and a setting its detector cannot use, or
of the wrong type, is refused with the file and line.
"""
from __future__ import annotations

import pytest

from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import load_rulebook
from cleanup.stages.registry import build_pipeline


def _run(tmp_path, kind: str, rules: str, text: str):
    """`text` cleaned by a rule file of `kind` holding `rules` (YAML, indented as list items) alone."""
    path = tmp_path / "mine.yaml"
    path.write_text(f"id: mine\nkind: {kind}\ndescription: d\nrules:\n{rules}examples:\n  - unchanged: x\n",
                    encoding="utf-8")
    return build_pipeline(load_rulebook([path], shipped=False)).run(text)


def test_a_second_rule_of_a_casing_detector_runs_with_its_own_settings(tmp_path):
    rules = ("  - id: covid\n    detector: fixed-case\n    level: fix\n    message: m\n    forms: [COVID-19]\n"
             "  - id: nato\n    detector: fixed-case\n    level: fix\n    message: m\n    forms: [NATO]\n")
    result = _run(tmp_path, "casing", rules, "Both covid-19 and nato were discussed.")
    assert result.text == "Both COVID-19 and NATO were discussed."
    assert [e.rule for e in result.edits] == ["mine.covid", "mine.nato"]


def test_one_casing_rules_exceptions_do_not_silence_another_rule_of_its_detector(tmp_path):
    # the first rule leaves "russian" alone; the second reports it as a people's name
    rules = ("  - id: languages\n    detector: lowercase-language\n    level: fix\n    message: m\n"
             "    exceptions: [russian]\n"
             "  - id: peoples\n    detector: lowercase-language\n    level: fix\n    message: m\n"
             "    min_speakers: 10000000000\n    peoples: [russian]\n")
    result = _run(tmp_path, "casing", rules, "The russian army left.")
    assert result.text == "The Russian army left."
    assert [e.rule for e in result.edits] == ["mine.peoples"]


def test_a_second_doubled_phrase_rule_runs_with_its_own_joints(tmp_path):
    rules = ("  - id: comma\n    detector: doubled-phrase\n    level: flag\n    message: m\n    joints: [',']\n"
             "  - id: or\n    detector: doubled-phrase\n    level: flag\n    message: m\n    joints: [or]\n")
    text = "Give a winter present or winter present, and a region-based, region-based plan."
    found = {(e.rule, e.original) for e in _run(tmp_path, "repetition", rules, text).edits}
    assert found == {("mine.or", "winter present or winter present"),
                     ("mine.comma", "region-based, region-based")}


@pytest.mark.parametrize(("kind", "rule", "field"), [
    ("casing", "detector: fixed-case\n    forms: COVID-19\n", "forms"),       # a word, not a list of words
    ("casing", "detector: lowercase-name\n    min_count: 1.5\n", "min_count"),  # not a whole number
    ("casing", "detector: fixed-case\n    scripts: [Han]\n", "scripts"),      # untranslated's setting
    ("script", "detector: dropped-word\n    min_latin_share: 0.5\n", "min_latin_share"),  # it reads none
    ("grammar", "detector: doubled-quote\n    exceptions: ['*']\n", "exceptions"),  # it has none
    ("repetition", "detector: loop\n    max_legitimate_repeats: many\n", "max_legitimate_repeats"),
])
def test_a_setting_its_detector_cannot_use_is_refused_with_file_line_and_field(tmp_path, kind, rule, field):
    rules = f"  - id: r\n    message: m\n    {rule}"
    with pytest.raises(RuleFileError, match=rf"mine\.yaml:8: .*{field}"):
        _run(tmp_path, kind, rules, "Some text.")
