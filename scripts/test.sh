#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run every check and test.
# Safe to run again: installs are skipped when already present.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium fonts-liberation)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "scripts/test.sh: missing ${missing[*]}; the tests that need them will be skipped" >&2
  fi
fi

python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e ".[test]"
if command -v npm >/dev/null; then
  npm ci --no-audit --no-fund --silent  # axe-core and eslint, pinned in package-lock.json
fi

python3 -m ruff check .
python3 -m ruff format --check .
python3 -m mypy
# The page scripts have no build step: parse each, then ESLint (tests/test_assets.py does the same).
if command -v node >/dev/null; then
  for script in hooks/limber/assets/*.js; do node --check "$script"; done
  if [ -x node_modules/.bin/eslint ]; then node_modules/.bin/eslint --max-warnings 0 hooks/limber/assets; fi
fi
NO_MKDOCS_2_WARNING=1 python3 -m pytest "$@"
