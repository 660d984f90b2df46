"""A wheel built from the project works on its own: installed into a fresh
virtual environment outside the checkout, it carries its rules and schema.

This is what pipx, Dask workers on other machines and any non-editable
install get. The environment's dependencies come from the package index (or
pip's cache), so the test is slow; it is marked so.
"""
from __future__ import annotations

import os
import subprocess
import sys
import venv

import pytest

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The `cleanup` command of a fresh virtual environment holding only the built wheel."""
    where = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", where / "dist", ROOT],
                   check=True, capture_output=True, cwd=where, env=_outside())
    wheel = next((where / "dist").glob("cleanup-*.whl"))
    venv.create(where / "env", with_pip=True)
    python = where / "env" / "bin" / "python"
    r = subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel],
                       capture_output=True, cwd=where, env=_outside())
    if r.returncode != 0:
        pytest.fail(f"installing the wheel failed:\n{r.stderr.decode()[-2000:]}")
    return where


def _outside() -> dict:
    """The environment without this checkout on the path (a PYTHONPATH to it would satisfy the install)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def run(installed, *args, input=None):
    return subprocess.run([installed / "env" / "bin" / "cleanup", *map(str, args)], input=input,
                          capture_output=True, cwd=installed, env={**_outside(), "NO_COLOR": "1"})


def test_the_wheel_carries_the_rules_and_fixes_a_sample(installed):
    sample = (SAMPLES / "seed002.txt").read_bytes()
    expected = (SAMPLES / "expected" / "seed002.txt").read_bytes()
    r = run(installed, "fix", "-", input=sample)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout == expected


def test_the_installed_tool_lists_and_checks_with_its_shipped_rules(installed):
    listed = run(installed, "rules", "list")
    assert listed.returncode == 0 and "boilerplate.read-on" in listed.stdout.decode()
    (installed / "a.txt").write_bytes((SAMPLES / "seed002.txt").read_bytes())
    assert run(installed, "check", "a.txt").returncode == 1  # fixes pending
    where = subprocess.run([installed / "env" / "bin" / "python", "-c",
                            "import cleanup.rulebook.loading as r; print(r.SHIPPED_RULES)"], capture_output=True, cwd=installed,
                           env=_outside())
    assert "site-packages" in where.stdout.decode()  # the wheel's own copy, not the checkout's


def test_the_installed_tool_knows_its_version(installed):
    r = run(installed, "--version")
    assert r.returncode == 0 and r.stdout.decode().strip().endswith("0.1.0")
