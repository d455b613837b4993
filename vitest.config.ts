import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  // `server-only` marks modules the browser bundle must never get; outside Next.js it is the empty module, as under
  // Next's own react-server condition.
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.data/**'],
    environment: 'node',
    testTimeout: 30_000,
    // Opening a seeded demo database (3,600 questions, cleaned once) took over a minute on a loaded 2-core machine.
    hookTimeout: 180_000,
    // Each integration file opens its own in-memory PGlite (wasm, ~100 MB): two at a time fits a 2-core CI box.
    maxWorkers: 2,
  },
});
