"""The structure, remove-line, replace, names and unicode kinds under the registry, and the one regex tree.

A user's second rule of a structure detector runs with its own settings; a
setting of the wrong type, or one another detector reads, is refused with the
rule file's line; the literals the replace prefilter requires are read off the
regex tree the linter reads too.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.analysis.regex_needs import requirement
from cleanup.analysis.regex_tree import parse, walk
from cleanup.core.edits import Level
from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import Rule, load_rulebook
from cleanup.stages.registry import build_pipeline, configure


def _pipeline(tmp_path, kind: str, rules: str):
    path = tmp_path / "mine.yaml"
    path.write_text(f"id: mine\nkind: {kind}\ndescription: d\nrules:\n{rules}examples:\n  - unchanged: x\n",
                    encoding="utf-8")
    return build_pipeline(load_rulebook([path], shipped=False))


def _by_rule(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for edit in result.edits:
        out.setdefault(edit.rule, []).append(edit.original)
    return out


# -- every rule of a detector, with its own settings ---------------------------

def test_a_second_repeated_word_rule_runs_with_its_own_words_and_exceptions(tmp_path):
    pipeline = _pipeline(tmp_path, "structure",
                         "  - id: articles\n    detector: repeated-word\n    message: article twice\n"
                         "    words: [the, a]\n"
                         "  - id: any\n    detector: repeated-word\n    message: word twice\n"
                         "    exceptions: [that, the]\n")
    result = pipeline.run("He said that that the the plan is is good.\n")
    assert result.text == "He said that that the plan is good.\n"
    found = _by_rule(result)
    assert found == {"mine.articles": [" the"], "mine.any": [" is"]}  # "that that": an exception of the rule
    # that would report it, and not among the words the other rule is limited to


def test_a_second_site_tail_rule_runs_with_its_own_site_words(tmp_path):
    pipeline = _pipeline(tmp_path, "structure",
                         "  - id: agencies\n    detector: site-tail\n    message: agency\n"
                         "    site_words: [Xinhua]\n"
                         "  - id: papers\n    detector: site-tail\n    message: paper\n"
                         "    site_words: [Shimbun]\n")
    text = ("Prices of rice rise again in the north - Xinhua\n\n"
            "Tea farmers open the season early this year - Saga Shimbun\n\n"
            "A quiet week for the markets - Daily Planet\n")
    result = pipeline.run(text)
    assert result.text == ("Prices of rice rise again in the north\n\n"
                           "Tea farmers open the season early this year\n\n"
                           "A quiet week for the markets - Daily Planet\n")
    assert set(_by_rule(result)) == {"mine.agencies", "mine.papers"}


def test_two_duplicate_line_rules_each_use_their_own_least_words(tmp_path):
    """A short repeated line goes only by the rule that allows short lines, and is named by it."""
    pipeline = _pipeline(tmp_path, "structure",
                         "  - id: long\n    detector: duplicate-line\n    message: long copy\n    min_words: 5\n"
                         "  - id: short\n    detector: duplicate-line\n    message: short copy\n    min_words: 2\n")
    result = pipeline.run("Read this first\nRead this first\nThe body of the article.\n")
    assert result.text == "Read this first\nThe body of the article.\n"
    assert set(_by_rule(result)) == {"mine.short"}


# -- settings checked against their types ----------------------------------------

def test_a_structure_setting_of_the_wrong_type_names_file_line_and_field(tmp_path):
    # the schema takes 3.0 as an integer; the detector counts words and needs a whole number
    with pytest.raises(RuleFileError, match=r"mine\.yaml:8: rules\[0\]\.min_words: 3\.0 is not a whole number"):
        _pipeline(tmp_path, "structure", "  - id: dup\n    detector: duplicate-line\n    message: m\n"
                                         "    min_words: 3.0\n")


def test_a_setting_another_detector_reads_is_refused(tmp_path):
    with pytest.raises(RuleFileError, match=r"mine\.yaml:8: rules\[0\]\.similarity: unknown field for detector "
                                            r"'repeated-word'"):
        _pipeline(tmp_path, "structure", "  - id: twice\n    detector: repeated-word\n    message: m\n"
                                         "    similarity: 0.5\n")


@pytest.mark.parametrize("kind, fields, wrong", [
    ("structure", {"detector": "repeated-word", "exceptions": "that"}, "exceptions"),
    ("remove-line", {"pattern": "Read more", "position": "first"}, "position"),
    ("replace", {"pattern": "colour", "replacement": 1}, "replacement"),
    ("names", {"name": "Vladimir Putin", "short": "Putin", "variants": ["Poutine"]}, "short"),
    ("unicode", {"normalizer": "nfc"}, "normalizer"),
])
def test_a_rule_built_in_code_with_a_wrong_value_is_refused_with_its_line(kind, fields, wrong):
    """What the schema would refuse in a file is refused by the registry too (rules built by other tools)."""
    data = {"id": "r", "message": "m", **fields}
    rule = Rule("mine.r", kind, Level.FIX, "m", data, Path("mine.yaml"), 5,
                field_lines={name: 5 + i for i, name in enumerate(data)})
    with pytest.raises(RuleFileError, match=rf"mine\.yaml:{5 + list(data).index(wrong)}: rules\[0\]\.{wrong}: "):
        configure(rule)


def test_settings_keep_their_defaults_in_one_place():
    rule = configure(Rule("mine.r", "remove-line", Level.FIX, "m", {"id": "r", "message": "m", "pattern": "x"}))
    assert (rule.settings.ignore_case, rule.settings.position) == (False, "any")


# -- one regex tree for the prefilter and the linter -------------------------------

@pytest.mark.parametrize("pattern, need", [
    (r"\b(?:talks?|chat)\s+on\s+tea\b", ("and", ["tea", "on", ("or", ["talk", "chat"])])),  # one branch
    (r"political(?:\s+party)?\s+line", ("and", ["political", "line"])),  # an optional group requires nothing
    (r"[Pp]utin said", "utin said"),                                   # a class ends a stretch
    (r"\(Xinhua\)\s*-\s*", ("and", ["(Xinhua)", "-"])),                # escaped punctuation is itself
    (r"(?<!\.)com\b(?=\s+site)", ("and", ["site", "com"])),           # a positive lookahead's text is required too
    (r"ab+c?d", ("and", ["ab", "d"])),
    (r"Putin|Poutine", ("or", ["Poutine", "Putin"])),                  # one of the alternatives
    (r"(?i)putin", None),                                              # inline flags: not followed
])
def test_the_tree_gives_what_the_prefilter_relies_on(pattern, need):
    assert requirement(pattern) == need


def test_the_tree_knows_what_the_linter_asks_of_it():
    tree = parse(r"(?>a+)+(?<=b)[\]x]{2,}")
    kinds = [(n.kind, n.text) for n in walk(tree) if n.kind in ("group", "repeat")]
    assert kinds == [("repeat", ""), ("group", "(?>"), ("repeat", ""), ("group", "(?<="), ("repeat", "")]
    groups = [n for n in walk(tree) if n.kind == "group"]
    assert [g.atomic for g in groups] == [True, False] and [g.zero_width for g in groups] == [False, True]
    assert [n.hi for n in walk(tree) if n.kind == "repeat"] == [None, None, None]
    assert [n.text for n in walk(tree) if n.kind == "atom"] == ["a", "b", r"[\]x]"]
