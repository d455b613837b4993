#!/usr/bin/env bash
# Builds the Next.js app unless the last build is newer than every source file.
set -euo pipefail
if [ -f .next/BUILD_ID ] && [ -z "$(find app components server db drizzle public next.config.mjs package-lock.json postcss.config.mjs -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  echo "==> Build is up to date"
else
  echo "==> Building the app (about a minute on 2 cores)"
  NEXT_TELEMETRY_DISABLED=1 npx next build
fi
