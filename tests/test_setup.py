"""The README's two commands and .ci/run agree, and setup.sh installs the test tools only when
the test command asks for them."""
from __future__ import annotations

import os
import re
import subprocess

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _console_commands(markdown: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```console\n(.*?)```", markdown, re.S) if "\n" not in
            block.strip()]


def test_ci_runs_exactly_the_readme_test_command():
    setup, test = _console_commands(README.split("## Two commands", 1)[1])[:2]
    assert setup == "./setup.sh && .venv/bin/cleanup diff samples/seed002.txt"
    ci_lines = [ln for ln in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")]
    assert ci_lines[-1] == test == "./setup.sh --test && .venv/bin/python -m pytest"


def test_the_readme_names_the_fast_subset_and_the_plain_install():
    assert 'pytest -m "not slow"' in README
    assert "pipx install ." in README and "pip install ." in README


def _setup(*args, **env):
    return subprocess.run(["bash", str(ROOT / "setup.sh"), *args], capture_output=True, text=True,
                          env={**os.environ, **env})


def test_setup_installs_test_tools_only_for_the_test_command():
    script = (ROOT / "setup.sh").read_text(encoding="utf-8")
    plain, test = re.search(r'""\) target="([^"]+)"', script), re.search(r'--test\) target="([^"]+)"', script)
    assert plain.group(1) == "." and test.group(1) == ".[test]"
    assert "--quiet" not in script  # pip's progress is what a new user watches
    r = _setup("--tests")
    assert r.returncode == 2 and "usage: ./setup.sh [--test]" in r.stderr


def test_setup_says_which_python_it_needs():
    r = _setup(PYTHON="false")
    assert r.returncode == 2 and "needs Python 3.11 or newer" in r.stderr
