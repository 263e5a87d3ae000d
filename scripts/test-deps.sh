#!/usr/bin/env bash
# System packages the tests need (Chromium for the HTML view test). Best effort: tests that
# need a missing tool are skipped with a reason, except in CI where they must run.
set -uo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium for the browser test (one time) ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  else
    echo "note: chromium not found and cannot be installed here; browser tests will be skipped" >&2
  fi
fi
exit 0
