"""Shared fixtures. Tests never read ../shared: samples/ holds what they need."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run_cli(*args, input: bytes | None = None, cwd=None, env=None, timeout=120):
    """Run the installed CLI as a user would; returns CompletedProcess (bytes)."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "cleanup", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd, env=full_env, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli


def sample_inputs():
    return sorted(SAMPLES.glob("*.txt"))


# CI runs must not depend on luck: a fixed hypothesis seed there.
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    _settings.load_profile("ci")
