#!/usr/bin/env bash
# Set up cleanup in ./.venv (idempotent): Python 3.11+ and what running the tool needs.
#   ./setup.sh          the tool
#   ./setup.sh --test   the tool and the test tools (pytest, hypothesis, pre-commit, ...)
# pip's progress shows as it installs; PYTHON=python3.12 chooses the interpreter.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
case "${1:-}" in
  "") target="." ;;
  --test) target=".[test]" ;;
  *) echo "usage: ./setup.sh [--test]" >&2; exit 2 ;;
esac
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: cleanup needs Python 3.11 or newer; $PY is $("$PY" --version 2>&1 || echo missing)." \
       "Choose another with PYTHON=python3.12 ./setup.sh" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv ($("$PY" --version))"
  "$PY" -m venv .venv
fi
echo "setup: installing ${target/./cleanup} into .venv (the first time takes a minute or two)"
# pip's own progress (a bar per download on a terminal); only a warning about a missing
# local package index some machines configure is dropped
.venv/bin/python -m pip install --disable-pip-version-check -e "$target" \
  2> >(grep --line-buffered -v "is ignored: it is neither a file nor a directory" >&2)
echo "setup: ready: $(.venv/bin/cleanup --version) in .venv/bin/cleanup"
