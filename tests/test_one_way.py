"""One way to do each thing (issue 14): one error type that carries where, one apply_edits, one
count of edits, one renderer interface. What a user sees of each, whichever command shows it."""
from __future__ import annotations

import html
import json
import pickle
import re

import pytest

from cleanup.api.runner import Options, clean_document
from cleanup.authoring import lint as linting
from cleanup.core.document import Document
from cleanup.core.edits import Level, apply_edits
from cleanup.core.errors import RuleFileError
from cleanup.render.formats import formats
from cleanup.render.html import render_report, report_file
from cleanup.rulebook.loading import load_rule_file

from .conftest import invoke

ARTICLE = ("Vladimir Putin (Vladimir Putin) held talks on tea with Xi.\nPlease read on...\n"
           "They met in the the Kremlin and talks lasted fourhours.\nXi expressed confidence.\n"
           "Xi expressed confidence.  \u00a9 Sergei KARPUKHIN / AFP\nMoscow vowed to regulate the situation.\n"
           "He praised the “One Belt One Road” initiative” that builds roads.\n")  # (a flag)

BAD_REGEX = """\
id: badre
kind: replace
description: a pattern that does not compile
rules:
  - id: r
    message: m
    pattern: "foo(bar"
    replacement: x
examples:
  - unchanged: A plain sentence.
"""

OTHER_DETECTORS_FIELD = """\
id: loops
kind: repetition
description: a field of the doubled-phrase detector on a loop rule
rules:
  - id: r
    detector: loop
    message: m
    max_words: 3
examples:
  - unchanged: A plain sentence.
"""

WRONG_DETECTOR = """\
id: wrongdet
kind: repetition
description: a detector of another kind
rules:
  - id: r
    message: m
    detector: capital-after-comma
examples:
  - unchanged: A plain sentence.
"""


# -- one error that carries where ---------------------------------------------------------------

def test_a_rule_file_error_carries_file_line_and_field_and_reads_as_before():
    err = RuleFileError.at("rules/x.yaml", 12, "rules[2].pattern", "invalid regular expression")
    assert (err.path, err.line, err.field, err.problem) == ("rules/x.yaml", 12, "rules[2].pattern",
                                                           "invalid regular expression")
    assert str(err) == "rules/x.yaml:12: rules[2].pattern: invalid regular expression"
    assert str(RuleFileError.at("x.yaml", None, None, "no such rule file or folder")) == \
        "x.yaml: no such rule file or folder"
    again = pickle.loads(pickle.dumps(err))  # from a worker process: still says where
    assert (str(again), again.line, again.field) == (str(err), 12, "rules[2].pattern")


def test_loading_a_rule_file_with_a_bad_regex_says_where(tmp_path):
    path = tmp_path / "badre.yaml"
    path.write_text(BAD_REGEX, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path)
    err = caught.value
    assert (err.path, err.line, err.field) == (path, 7, "rules[0].pattern")
    assert err.problem.startswith("invalid regular expression: missing )")
    assert str(err) == f"{path}:7: rules[0].pattern: {err.problem}"


@pytest.mark.parametrize("text,line,field,problem", [
    (BAD_REGEX, 7, "rules[0].pattern", "invalid regular expression: missing )"),
    (OTHER_DETECTORS_FIELD, 8, "rules[0].max_words", "unknown field for detector 'loop'"),
    (WRONG_DETECTOR, 7, "rules[0].detector", "'capital-after-comma' is not one of"),
], ids=["bad regex", "another detector's field", "a detector of another kind"])
@pytest.mark.parametrize("command", ["lint", "test"])
def test_lint_and_test_report_file_line_and_field_of_a_broken_rule_file(tmp_path, command, text, line, field,
                                                                        problem):
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    r = invoke("rules", command, "broken.yaml", cwd=tmp_path, fresh=True)
    out = r.stdout.decode() + r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in out, out
    assert f"broken.yaml:{line}: error: {field}: {problem}" in out, out
    assert out.count("error:") == 1, out  # said once, at its field


def test_lint_findings_come_from_the_errors_attributes(tmp_path):
    path = tmp_path / "loops.yaml"
    path.write_text(OTHER_DETECTORS_FIELD, encoding="utf-8")
    [finding] = [f for f in linting.lint(linting.load_workset([path], [])) if f.severity == "error"]
    assert (finding.line, finding.message.split(": ", 1)[0]) == (8, "rules[0].max_words")


# -- one apply_edits --------------------------------------------------------------------------------

def _cleaned_in_page(page: str) -> str:
    body = re.search(r'<article class="doc cleaned" id="cleaned-0" hidden>(.*?)</article>', page, re.S).group(1)
    return html.unescape(body)


def test_the_html_reports_cleaned_text_is_apply_edits_of_its_edits():
    doc, opts = Document.from_text(ARTICLE), Options()
    result = clean_document(doc, opts)
    assert result.applied  # (the article has changes to apply)
    page = render_report([report_file("a.txt", doc, opts)])
    assert _cleaned_in_page(page) == apply_edits(doc.text, result.applied) == result.text


def test_the_html_reports_cleaned_text_follows_the_level():
    doc, opts = Document.from_text(ARTICLE), Options(level=Level.SUGGEST)
    result = clean_document(doc, opts)
    page = render_report([report_file("a.txt", doc, opts)])
    assert _cleaned_in_page(page) == apply_edits(doc.text, result.applied) == result.text


# -- one count of edits -------------------------------------------------------------------------------

def test_fix_batch_and_the_html_page_count_edits_alike(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = clean_document(Document.from_text(ARTICLE), Options(reject=("boilerplate",)))
    counts = result.counts()
    assert counts.applied and counts.proposed and counts.flagged  # all three kinds, a rejected fix among them

    fixed = invoke("fix", "in/a.txt", "--reject", "boilerplate", cwd=tmp_path)
    assert (f"{counts.applied} change(s) applied" in fixed.stderr.decode()
            and f"; {counts.proposed} suggestion(s) not applied; {counts.flagged} flag(s)" in fixed.stderr.decode())

    batch = invoke("batch", "in", "-o", "out", "--reject", "boilerplate", "--report", "report.json", "-j", "1",
                   "-q", cwd=tmp_path)
    assert batch.returncode == 0, batch.stderr
    rules = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["rules"]
    assert rules == {rule: n._asdict() for rule, n in result.counts_by_rule().items()}

    page = invoke("diff", "in/a.txt", "--reject", "boilerplate", "--format", "html", cwd=tmp_path).stdout.decode()
    assert (f"<b>{counts.applied}</b> applied · <b>{counts.proposed}</b> suggestions · "
            f"<b>{counts.flagged}</b> flags") in page


# -- one renderer interface ---------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["diff", "check"])
def test_every_format_is_made_the_same_way_and_renders_a_checked_file(command):
    from cleanup.render.formats import Checked

    doc, opts = Document.from_text(ARTICLE), Options()
    item = Checked("a.txt", doc, clean_document(doc, opts))
    for name, (renderer_class, _) in formats(command).items():
        renderer = renderer_class(terminal=False, opts=opts)
        out = renderer.file(item)
        out = (out.decode("utf-8") if isinstance(out, bytes) else out) + _text(renderer.end())
        assert "(Vladimir Putin)" in out, name  # the first change of the article shows


def _text(data) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else data


@pytest.mark.parametrize("format,prose", [("text", True), ("json", False), ("sarif", False), ("github", False)])
def test_check_adds_its_summary_line_only_to_a_format_people_read(tmp_path, format, prose):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    r = invoke("check", "a.txt", "--format", format, cwd=tmp_path)
    assert r.returncode == 1
    assert ("1 file(s): 1 with fixes pending, 0 error(s)" in r.stderr.decode()) is prose


# -- one way to standard output ---------------------------------------------------------------------

def test_apply_into_a_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    from cleanup.review.decisions_file import save

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    save(tmp_path / "d.json", {}, file="a.txt", level=Level.FIX)
    proc = subprocess.Popen([sys.executable, "-m", "cleanup", "apply", "a.txt", "--decisions", "d.json"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # as `| head -0` does: gone before the command has written anything
    err = proc.stderr.read()
    assert proc.wait() == 0, err
    assert b"Traceback" not in err


def test_skipped_grammar_is_said_once_a_command_and_in_every_command(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    for _ in range(2):  # the same process (as a program using the CLI in-process would)
        r = invoke("check", "a.txt", "b.txt", "--grammar", "--lang", "de-DE", cwd=tmp_path)
        assert r.returncode & 4, r.stderr
        assert r.stderr.decode().count("grammar checks skipped") == 1, r.stderr
