"""Shared fixtures. Tests never read ../shared: samples/ holds what they need."""
from __future__ import annotations

import io
import os
import subprocess
import tempfile
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

# parsed rule files are cached between runs (cleanup/rulebook/cache.py): the tests, and the
# commands they start, use a cache of their own, so every test exercises it and none sees another run's
os.environ.setdefault("CLEANUP_CACHE_DIR", tempfile.mkdtemp(prefix="cleanup-test-cache-"))


def run_cli(*args, input: bytes | None = None, cwd=None, env=None):
    """Run the installed CLI as a user would; returns CompletedProcess (bytes).

    (No time limit: a busy machine is slow, not broken; a hang shows as a hung test.)
    """
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "cleanup", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd, env=full_env)


def invoke(*args, cwd=None, input: bytes = b"", fresh: bool = False) -> subprocess.CompletedProcess:
    """Run the CLI in this process (the pipeline is built once, not once per call), as run_cli
    would in a subprocess: the exit code, and standard output and error as bytes.

    `fresh`: read rule files anew, as a new process would (rule files are cached by path, so a
    test that rewrites one between two calls needs it).
    """
    from cleanup import get_pipeline
    from cleanup.cli.main import app
    from cleanup.rulebook import loading as rulebook

    if fresh:
        get_pipeline.cache_clear()
        rulebook._load_cached.cache_clear()

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    saved, here = (sys.stdin, sys.stdout, sys.stderr), os.getcwd()
    sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(input), encoding="utf-8"), out, err
    try:
        if cwd:
            os.chdir(cwd)
        try:
            app(list(map(str, args)))
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        os.chdir(here)
        sys.stdin, sys.stdout, sys.stderr = saved
    out.flush(), err.flush()
    return subprocess.CompletedProcess(args, code, out.buffer.getvalue(), err.buffer.getvalue())


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
