// `npm run bench [-- name … [--flag value …]]`: runs every benchmark in bench/ (or the named ones) one after another, each in its own
// process so one's memory and JIT state cannot colour the next's figures.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
// Names first, then flags for the benchmarks themselves (`npm run bench -- cleaning-scale --pg 1000000`).
const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const wanted = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const chosen = wanted.length ? all.filter((b) => wanted.includes(b)) : all;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(`Unknown benchmark(s): ${wanted.filter((w) => !all.includes(w)).join(', ')}. Available: ${all.join(', ')}`);
  process.exit(2);
}
// The worker's V8 heap flags and allocator settings (package.json's "worker" script): a benchmark's RSS is then what the worker's would be.
const workerScript = (JSON.parse(readFileSync(path.join(dir, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
  .worker!;
const workerWords = workerScript.split(/\s+/);
const workerHeapFlags = workerWords.filter((a) => /^--max-(semi|old)-space-size=/.test(a));
// Its leading NAME=value words are the environment it runs with (a value may hold '=' itself).
const envWords = workerWords.slice(
  0,
  workerWords.findIndex((w) => !/^[A-Z_]+=/.test(w)),
);
const workerEnv = Object.fromEntries(envWords.map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
let failed = 0;
for (const name of chosen) {
  console.log(`\n=== bench/${name}.ts ===`);
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', ...workerHeapFlags, '--conditions=react-server', '--import', 'tsx', path.join(dir, `${name}.ts`), ...flags],
    { stdio: 'inherit', env: { ...process.env, ...workerEnv } },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
