#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lock file. Sourced by start.sh and test.sh.
set -euo pipefail
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> Installing npm dependencies"
  npm ci --no-audit --no-fund
fi
