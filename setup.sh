#!/usr/bin/env bash
# Set up cleanup in ./.venv (idempotent): Python 3.11+, the package and its test tools.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 \
  | grep -v -e "is ignored: it is neither a file nor a directory" || true
.venv/bin/python -c "import cleanup" 
