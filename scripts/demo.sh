#!/usr/bin/env bash
# Quick start, command 1: set up and run the main job on the bundled sample corpus.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
exec .venv/bin/kg run data/sample -o out "$@"
