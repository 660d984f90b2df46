"""`cleanup fix` on a file imports only what cleaning a file needs: what other commands use
(the batch engine, the learner, the rule linter, rich tables, pathspec for folders) and the
YAML parser (rule files come from the cache once parsed) are imported where they are used."""
import json
import subprocess
import sys

from .conftest import run_cli

NOT_FOR_FIX = ["yaml", "pathspec", "jsonschema", "rich.table", "cleanup.batch.run", "cleanup.learn.rulefiles",
               "cleanup.learn.learner", "cleanup.authoring.lint", "cleanup.authoring.examples",
               "wordfreq", "langcodes", "ftfy", "language_data"]

PROBE = """
import json, sys
from cleanup.cli.main import app
try:
    app(["fix", sys.argv[1], "-o", sys.argv[2]])
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules if m in set(sys.argv[3:]))}))
"""


def _fix_in_a_new_process(tmp_path):
    src, out = tmp_path / "one.txt", tmp_path / "one.out"
    src.write_text("The delegation arrived in Geneva on Tuesday.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(src), str(out), *NOT_FOR_FIX],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1]), out


def test_fix_imports_nothing_only_other_commands_use(tmp_path):
    _fix_in_a_new_process(tmp_path)  # the first run may parse the rule files (and import yaml) into the cache
    found, out = _fix_in_a_new_process(tmp_path)
    assert found == {"code": 0, "modules": []}
    assert out.read_text(encoding="utf-8") == "The delegation arrived in Geneva on Tuesday.\n"


def test_the_commands_that_need_them_still_have_them(tmp_path):
    rules = tmp_path / "rules"
    done = run_cli("rules", "new", "read-also", "--kind", "remove-line", "--dir", rules)
    assert done.returncode == 0, done.stderr
    done = run_cli("rules", "lint", rules / "read-also.yaml")  # linter and yaml, imported on demand
    assert b"rule file(s)" in done.stdout
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Some text.\n", encoding="utf-8")
    (tmp_path / "docs" / ".gitignore").write_text("b.txt\n", encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text("Ignored.\n", encoding="utf-8")
    done = run_cli("check", tmp_path / "docs")  # a folder: pathspec reads its .gitignore
    assert done.returncode == 0, done.stderr
    assert b"1 file(s)" in done.stderr
