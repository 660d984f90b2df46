"""The pre-commit hooks (.pre-commit-hooks.yaml) work as a user's project would run them:
`pre-commit try-repo` this checkout in a small git repository, in a fresh hook environment
(pre-commit installs the package into it, as for any user: this takes a while)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

DIRTY = "Vladimir Putin (Vladimir Putin) arrived.\n"


def test_cleanup_check_and_cleanup_fix_hooks(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the test extras)")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (repo / "clean.md").write_text("A clean sentence.\n", encoding="utf-8")
    (repo / "data.csv").write_text(DIRTY, encoding="utf-8")  # not a text file the hooks take
    git = ["git", "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run(git + ["init", "-q"], cwd=repo, check=True)
    subprocess.run(git + ["add", "."], cwd=repo, check=True)
    # no hook id: every hook of the manifest, check first, then fix
    r = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files"], cwd=repo,
                       capture_output=True, text=True,
                       env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home"), "NO_COLOR": "1"})
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "- hook id: cleanup-check" in out and "- hook id: cleanup-fix" in out, out
    assert "dirty.txt:1:15: fix [pending]: duplicated-names.name-in-parentheses" in out
    assert "files were modified by this hook" in out
    assert (repo / "dirty.txt").read_text(encoding="utf-8") == "Vladimir Putin arrived.\n"
    assert (repo / "data.csv").read_text(encoding="utf-8") == DIRTY
    assert "Traceback" not in out
