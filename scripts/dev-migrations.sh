#!/usr/bin/env bash
# While factories are being built side by side: regenerate every uncommitted migration from the current schema.
# Committed migrations are never touched; the lock keeps two regenerations from interleaving.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/agent-factory-drizzle.lock
flock 9
git clean -fdq -- drizzle/
git checkout -q -- drizzle/
npx drizzle-kit generate --name "${1:-factories}"
