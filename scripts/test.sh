#!/usr/bin/env bash
# Quick start, command 2: set up and run the tests (and the linter).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
bash scripts/test-deps.sh
.venv/bin/ruff check kg tests bench scripts
.venv/bin/ruff format --check kg tests bench scripts
exec .venv/bin/python -m pytest "$@"
