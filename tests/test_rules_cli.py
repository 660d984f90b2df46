"""`cleanup rules list|show|test|lint|new`: what a rule author sees.

A broken rule file must give one line naming the file, the line and what
is wrong, exit 1, and no traceback, from both `rules lint` and `rules test`.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
import regex

from cleanup.authoring.lint import nested_loops, runs_away
from cleanup.core.errors import RuleFileError
from cleanup.rulebook.loading import load_rule_file

from .conftest import SAMPLES, invoke

# in this process, as a new process would read them: these tests rewrite rule files between runs
run_cli = functools.partial(invoke, fresh=True)


def rule_file(rule: str, examples: str = '  - before: "The colour red."\n    after: "The color red."\n'
              '  - unchanged: "A red car."\n', file_id: str = "spelling") -> str:
    return (f"id: {file_id}\nkind: replace\ndescription: Spelling.\nrules:\n{rule}"
            f"examples:\n{examples}")


COLOUR = "  - id: us\n    literal: colour\n    replacement: color\n    message: US spelling\n"


def line_of(text: str, marker: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if marker in line)


BROKEN = {
    # name: ({file: text}, (file, marker on the offending line, words the message must hold))
    "invalid yaml": ({"a.yaml": rule_file(COLOUR).replace("rules:\n", "rules: [\n")},
                     ("a.yaml", None, "invalid YAML")),
    "unknown field": ({"a.yaml": rule_file(COLOUR + "    replacment: colr\n")},
                      ("a.yaml", "replacment", "unknown field 'replacment'")),
    "regex does not compile": ({"a.yaml": rule_file("  - id: r\n    pattern: 'colou(r'\n    replacement: c\n"
                                                    "    message: m\n")},
                               ("a.yaml", "pattern:", "rules[0].pattern: invalid regular expression")),
    "catastrophic pattern": ({"a.yaml": rule_file("  - id: r\n    pattern: '(a+)+$'\n    replacement: b\n"
                                                  "    message: m\n",
                                                  '  - before: "Say aaa"\n    after: "Say b"\n  - unchanged: "Nothing here."\n')},
                             ("a.yaml", "pattern:", "rules[0].pattern: '(a+)+'")),
    "same id in two files": ({"a.yaml": rule_file(COLOUR), "b.yaml": rule_file(COLOUR)},
                             ("b.yaml", "id: spelling", "spelling.us defined in both")),
    "A to B and B to A": ({"a.yaml": rule_file(COLOUR),
                           "b.yaml": rule_file("  - id: uk\n    pattern: '\\bcolor\\b'\n    replacement: colour\n"
                                               "    message: UK spelling\n",
                                               '  - before: "The color red."\n    after: "The colour red."\n'
                                               '  - unchanged: "A red car."\n', file_id="british")},
                          ("a.yaml", "- id: us", "british.uk")),
    "after does not match": ({"a.yaml": rule_file(COLOUR, '  - before: "The colour red."\n'
                                                          '    after: "The colour blue."\n'
                                                          '  - unchanged: "A red car."\n')},
                             ("a.yaml", "- before:", "examples[0]: alone: the output is not the expected 'after'")),
}


@pytest.mark.parametrize("command", ["lint", "test"])
@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_broken_rule_file_gives_one_line_naming_file_line_and_problem(tmp_path, case, command):
    files, (culprit, marker, what) = BROKEN[case]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    r = run_cli("rules", command, *files, cwd=tmp_path)
    out, errors = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 1, out + errors
    assert "Traceback" not in out + errors
    # one line says it (a broken rule may break an example too, or clash with a shipped rule: said apart)
    hits = [line for line in out.splitlines() if regex.match(rf"{culprit}:\d+: error: ", line) and what in line]
    assert len(hits) == 1, out
    if marker is not None:
        assert hits[0].startswith(f"{culprit}:{line_of(files[culprit], marker)}: error: "), hits[0]
    else:  # invalid YAML: the line the parser stopped at, whatever the parser's wording
        assert regex.match(rf"{culprit}:[1-9]\d*: error: ", hits[0])
    assert what in hits[0], hits[0]


def test_a_failing_example_shows_a_readable_diff(tmp_path):
    (tmp_path / "a.yaml").write_text(BROKEN["after does not match"][0]["a.yaml"], encoding="utf-8")
    out = run_cli("rules", "test", "a.yaml", cwd=tmp_path).stdout.decode()
    assert "-The colour blue.\n+The color red." in out
    assert "1 rule file(s): 0 error(s); 2 example(s): 1 passed, 1 failed" in out


def test_a_rule_broken_by_another_rule_fails_in_the_whole_pipeline(tmp_path):
    """Alone it works; with another active rule file (--rules) its output is rewritten again."""
    text = rule_file("  - id: smithe\n    literal: Smyth\n    replacement: Smithe\n    message: m\n",
                     '  - before: "Mr Smyth spoke."\n    after: "Mr Smithe spoke."\n'
                     '  - unchanged: "Smith spoke."\n')
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "id: people\nkind: names\ndescription: d\nrules:\n  - id: smith\n    name: John Smith\n"
        "    short: [Smith]\n    variants: [Smithe]\nexamples:\n  - unchanged: Fine.\n", encoding="utf-8")
    assert run_cli("rules", "test", "a.yaml", cwd=tmp_path).returncode == 0
    r = run_cli("rules", "test", "a.yaml", "--rules", "b.yaml", cwd=tmp_path)
    out = r.stdout.decode()
    assert r.returncode == 1
    assert f"a.yaml:{line_of(text, '- before')}: error: examples[0]: in the whole pipeline: " in out
    assert "+Mr Smith spoke." in out


def test_warnings_alone_exit_zero(tmp_path):
    (tmp_path / "a.yaml").write_text(rule_file(COLOUR, '  - before: "The colour red."\n'
                                                       '    after: "The color red."\n'), encoding="utf-8")
    r = run_cli("rules", "lint", "a.yaml", cwd=tmp_path)
    out = r.stdout.decode()
    assert r.returncode == 0, out
    assert "a.yaml:1: warning: examples: no 'unchanged' example" in out
    assert "0 error(s), 1 warning(s)" in out


def test_a_rule_no_example_exercises_is_a_warning(tmp_path):
    rule = COLOUR + "  - id: grey\n    literal: grey\n    replacement: gray\n    message: US spelling\n"
    text = rule_file(rule)
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    out = run_cli("rules", "lint", "a.yaml", cwd=tmp_path).stdout.decode()
    assert f"a.yaml:{line_of(text, 'id: grey')}: warning: rules[1]: no example shows spelling.grey at work" in out


def test_two_rules_rewriting_the_same_text_differently(tmp_path):
    rule = COLOUR + "  - id: fr\n    literal: colour\n    replacement: couleur\n    message: French\n"
    (tmp_path / "a.yaml").write_text(rule_file(rule), encoding="utf-8")
    out = run_cli("rules", "lint", "a.yaml", cwd=tmp_path).stdout.decode()
    assert "rewrite 'colour' differently ('color' / 'couleur')" in out


def test_a_rule_that_rewrites_its_own_output_is_an_error(tmp_path):
    """'dollar' -> 'dollars' matches again in its output: a second run would write 'dollarss'."""
    text = rule_file("  - id: plural\n    literal: dollar\n    replacement: dollars\n    message: m\n",
                     '  - before: "Ten dollar."\n    after: "Ten dollars."\n  - unchanged: "A euro."\n')
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    r = run_cli("rules", "lint", "a.yaml", cwd=tmp_path)
    assert r.returncode == 1
    assert "a.yaml:5: error: rules[0]: rewrites its own output again ('dollar' into 'dollars" in r.stdout.decode()


def test_a_replacement_naming_a_missing_group_is_a_lint_error_not_a_crash(tmp_path):
    text = rule_file("  - id: r\n    pattern: 'col(o)ur'\n    replacement: '\\2'\n    message: m\n")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    r = run_cli("rules", "lint", "a.yaml", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr.decode()
    assert "a.yaml:7: error: rules[0].replacement: refers to group 2" in r.stdout.decode()  # the field's line


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)+$", r"(x+x+)+y", r"(?:\s*\w+)*:"])
def test_nested_loops_nothing_separates_are_flagged(pattern):
    assert nested_loops(pattern)


@pytest.mark.parametrize("pattern", [r"(\w+,)+", r"\p{Lu}(?:\s+\p{Lu}+)*", r"(?>a+)+$", r"(a++)+$",
                                     r"(?:[a-z]+-)+x", r"(?:\s+\p{Lu}[\p{L}.-]*){0,4}"])
def test_loops_kept_apart_or_bounded_are_not_flagged(pattern):
    assert nested_loops(pattern) is None


def test_a_pattern_that_backtracks_at_run_time_is_caught_by_probing():
    """(a|aa)+$ has no loop in a loop, but overlapping alternatives explode: only probing finds it."""
    assert nested_loops(r"(a|aa)+$") is None
    assert runs_away(r"(a|aa)+$", 0)
    assert runs_away(r"\b(?:foo|bar)+\s+baz\b", 0) is None


def test_shipped_rule_files_lint_clean():
    """Whatever is in rules/ now, from any helper: no errors, no warnings."""
    r = run_cli("rules", "lint")
    out = r.stdout.decode()
    assert r.returncode == 0 and "warning:" not in out and "error:" not in out, out
    assert "no problems" in out


# -- list and show ----------------------------------------------------------------

def write_project(tmp_path: Path, disable: str) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "a.yaml").write_text(
        rule_file(COLOUR + "  - id: grey\n    literal: grey\n    replacement: gray\n    message: m\n"
                  "    enabled: false\n"), encoding="utf-8")
    (tmp_path / "cleanup.toml").write_text(f'rules = ["mine"]\ndisable = [{disable}]\n', encoding="utf-8")


def test_list_shows_rules_from_config_folders_and_why_they_are_off(tmp_path):
    write_project(tmp_path, '"spelling.us", "words"')
    rows = json.loads(run_cli("rules", "list", "--format", "json", cwd=tmp_path).stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["spelling.us"]["disabled_by"] == "config: disable"
    assert by_id["spelling.grey"]["disabled_by"] == "enabled: false"
    assert by_id["words.run-on"]["disabled_by"] == "config: disable"   # a whole family
    assert by_id["boilerplate.read-on"]["enabled"] is True
    assert by_id["spelling.us"]["file"] == "mine/a.yaml" and by_id["spelling.us"]["line"] == 5
    table = run_cli("rules", "list", cwd=tmp_path).stdout.decode()
    line = next(ln for ln in table.splitlines() if ln.startswith("spelling.us "))
    assert line.split()[1:4] == ["replace", "fix", "no"] and line.endswith("mine/a.yaml:5")


def test_show_prints_the_rule_its_fields_examples_and_where_it_is(tmp_path):
    write_project(tmp_path, "")
    out = run_cli("rules", "show", "spelling.us", cwd=tmp_path).stdout.decode()
    assert "defined at: mine/a.yaml:5" in out and "message:    US spelling" in out
    assert "literal: colour" in out and "replacement: color" in out
    assert '* mine/a.yaml:15: before: "The colour red."' in out       # this rule acts on it
    assert '  mine/a.yaml:17: unchanged: "A red car."' in out


def test_show_an_unknown_id_suggests_close_ones(tmp_path):
    r = run_cli("rules", "show", "boilerplate.read-one", cwd=tmp_path)
    err = r.stderr.decode().strip()
    assert r.returncode == 2 and len(err.splitlines()) == 1
    assert "no rule 'boilerplate.read-one'; did you mean boilerplate.read-on" in err


# -- new ------------------------------------------------------------------------------

def test_new_writes_a_skeleton_that_is_refused_until_filled_in(tmp_path):
    r = run_cli("rules", "new", "read-also", "--kind", "remove-line", "--dir", "my-rules", cwd=tmp_path)
    path = tmp_path / "my-rules" / "read-also.yaml"
    out = r.stdout.decode()
    assert r.returncode == 0 and "cleanup rules test my-rules/read-also.yaml" in out
    assert "cleanup fix --rules my-rules/read-also.yaml FILE" in out
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = regex.fullmatch(r"# yaml-language-server: \$schema=(.+)", first).group(1)
    assert (path.parent / schema).resolve().is_file()
    with pytest.raises(RuleFileError, match=r"read-also.yaml:\d+: .*still the skeleton's placeholder"):
        load_rule_file(path)
    lint = run_cli("rules", "lint", path, cwd=tmp_path)
    assert lint.returncode == 1 and "still the skeleton's placeholder" in lint.stdout.decode()
    assert run_cli("rules", "test", path, cwd=tmp_path).returncode != 0
    fix = run_cli("fix", "--rules", path, "-", cwd=tmp_path, input=b"Some text.\n")
    assert fix.returncode == 2 and "still the skeleton's placeholder" in fix.stderr.decode()


def test_new_writes_to_the_current_folder_by_default(tmp_path):
    assert run_cli("rules", "new", "x", "--kind", "replace", cwd=tmp_path).returncode == 0
    assert (tmp_path / "x.yaml").is_file() and not (tmp_path / "rules").exists()


@pytest.mark.parametrize("kind", ["replace", "names", "structure", "words", "languagetool", "repetition"])
def test_every_kind_gets_a_skeleton_that_validates_once_filled_in(tmp_path, kind):
    assert run_cli("rules", "new", "x", "--kind", kind, cwd=tmp_path).returncode == 0
    path = tmp_path / "x.yaml"
    filled = path.read_text(encoding="utf-8").replace("'TODO'", "'Filled'").replace('"TODO"', '"Filled"')
    path.write_text(filled.replace(": TODO", ": Filled").replace("- TODO", "- Filled"), encoding="utf-8")
    assert load_rule_file(path).kind == kind


def test_new_refuses_to_overwrite_and_rejects_unknown_kinds(tmp_path):
    (tmp_path / "x.yaml").write_text("mine", encoding="utf-8")
    r = run_cli("rules", "new", "x", "--kind", "replace", cwd=tmp_path)
    assert r.returncode == 2 and "already exists" in r.stderr.decode()
    assert (tmp_path / "x.yaml").read_text(encoding="utf-8") == "mine"
    r = run_cli("rules", "new", "y", "--kind", "replac", cwd=tmp_path)
    assert r.returncode == 2 and "did you mean replace" in r.stderr.decode()


def test_a_filled_in_rule_file_cleans_a_sample(tmp_path):
    run_cli("rules", "new", "dup-names", "--kind", "replace", "--dir", "rules", cwd=tmp_path)
    (tmp_path / "rules" / "dup-names.yaml").write_text(rule_file(
        "  - id: central-news\n    literal: '(Central News Agency) '\n    replacement: ''\n"
        "    message: An agency tag\n",
        '  - before: "(Central News Agency) Talks began."\n    after: "Talks began."\n'
        '  - unchanged: "The Central News Agency reported it."\n', file_id="dup-names"), encoding="utf-8")
    assert run_cli("rules", "test", "rules/dup-names.yaml", cwd=tmp_path).returncode == 0
    out = run_cli("fix", "--rules", "rules", SAMPLES / "seed000.txt", cwd=tmp_path).stdout.decode()
    assert out.startswith("Russian President Vladimir Putin held talks")
