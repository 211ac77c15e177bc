#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run every check and test.
# Safe to run again: installs are skipped when already present.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v pdfinfo >/dev/null || ! command -v node >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-liberation poppler-utils nodejs npm >/dev/null
  else
    echo "scripts/test.sh: chromium, poppler-utils or node missing; browser tests will be skipped" >&2
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[test]"
if command -v npm >/dev/null; then
  npm ci --no-audit --no-fund --silent
fi

python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
NO_MKDOCS_2_WARNING=1 python3 -m pytest "$@"
