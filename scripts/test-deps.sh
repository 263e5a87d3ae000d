#!/usr/bin/env bash
# System packages the tests need: Chromium for the browser test, Virtuoso 7.2 for the
# triple-store test (tests/test_virtuoso.py). Best effort: tests that need a missing tool
# are skipped with a reason, except in CI where they must run.
set -uo pipefail

# install PACKAGE COMMAND WHAT: apt-get install PACKAGE unless COMMAND is on the PATH.
install() {
  local package="$1" command="$2" what="$3"
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $package for the $what (one time) ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null) \
      || echo "warning: could not install $package; $what will be skipped" >&2
  else
    echo "note: $command not found and cannot be installed here; $what will be skipped" >&2
  fi
}

install chromium chromium "browser tests"
install virtuoso-opensource-7-bin virtuoso-t "Virtuoso tests"
exit 0
