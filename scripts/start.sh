#!/usr/bin/env bash
# `npm start`: install, build, then serve. The server migrates and seeds its database at start and prints the demo sign-ins.
# Embedded PGlite under .data/ unless DATABASE_URL points at Postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
source scripts/build-if-stale.sh
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"
export NEXT_TELEMETRY_DISABLED=1
echo "==> Agent Factory will be at $NEXTAUTH_URL"
exec npx next start -p "$PORT"
