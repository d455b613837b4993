#!/usr/bin/env bash
# `npm test`: every test. Types, unit and integration tests (PGlite always; Postgres when one is reachable at
# DATABASE_URL or 127.0.0.1:5432, in a database created and dropped per test file), then Playwright in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
bash scripts/ensure-chromium.sh
# The Slurm files start a loopback cluster of their own; without the packages (not root) they skip and say why.
bash scripts/ensure-slurm.sh || echo "==> Slurm unavailable: the cluster tests will skip"
export NEXT_TELEMETRY_DISABLED=1

echo "==> Lint (ESLint) and format (Prettier)"
npx eslint .
npx prettier --check . --log-level warn

echo "==> Type check"
npx tsc --noEmit

echo "==> Unit and integration tests (vitest)"
npx vitest run

echo "==> End-to-end tests (Playwright, Chromium)"
source scripts/build-if-stale.sh
npx playwright test
