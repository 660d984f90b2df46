"""Every example of every shipped rule file, alone and in the whole pipeline."""
from __future__ import annotations

import pytest

from cleanup.authoring.examples import check_example, runs_offline
from cleanup.rulebook.loading import RuleBook, load_rulebook
from cleanup.stages import build_pipeline

BOOK = load_rulebook()
# languagetool files need a server: tests/test_languagetool.py runs theirs against the protocol double;
# harper files need the engine in the pipeline: tests/test_harper.py runs theirs with it
CASES = [(rf, ex) for rf in BOOK.files if runs_offline(rf) and rf.kind != "harper" for ex in rf.examples]
# the whole pipeline for each language the files are written for (a German file runs among German ones)
WHOLE = {lang: build_pipeline(BOOK, language=lang) for lang in {rf.run_language for rf in BOOK.files}}
ALONE = {rf.id: build_pipeline(RuleBook((rf,))) for rf in BOOK.files}


@pytest.mark.parametrize("rf,ex", CASES, ids=[f"{rf.path.name}:{ex.line}" for rf, ex in CASES])
def test_example(rf, ex):
    for pipeline, setting in ((ALONE[rf.id], "alone"), (WHOLE[rf.run_language], "in the whole pipeline")):
        failure = check_example(rf, ex, pipeline, setting)
        assert failure is None, str(failure)


def test_every_shipped_file_has_changing_and_unchanged_examples():
    for rf in BOOK.files:
        kinds = {ex.kind for ex in rf.examples}
        assert "unchanged" in kinds, f"{rf.path}: no 'unchanged' example guards against false positives"
        assert kinds & {"change", "flagged"}, f"{rf.path}: no example shows what the rules do"


def test_a_wrong_after_is_reported_with_a_diff(tmp_path):
    """The example checker itself can fail: a wrong expectation is caught."""
    from cleanup.rulebook.loading import load_rule_file

    path = tmp_path / "x.yaml"
    path.write_text(
        "id: x\nkind: replace\ndescription: d\n"
        "rules:\n  - id: r\n    literal: colour\n    replacement: color\n    message: m\n"
        "examples:\n  - before: The colour red.\n    after: The colour blue.\n", encoding="utf-8")
    rf = load_rule_file(path)
    failure = check_example(rf, rf.examples[0], build_pipeline(RuleBook((rf,))), "alone")
    assert failure is not None and "x.yaml:10" in str(failure)
    assert "-The colour blue." in failure.detail and "+The color red." in failure.detail
