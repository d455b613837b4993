// Dataset build at scale on real Postgres (a scratch database, dropped at the end): N realistic events loaded in
// SQL, then one version built from all of them through the app's own buildDataset, with this process's peak RSS
// sampled every 20 ms (the build should not hold its members or their statistics rows in the worker).
// `--pglite` runs it on the embedded default (in memory) instead, where the build's one statement holds the database.
// Run: npx tsx --conditions=react-server bench/dataset-build.ts [--rows 200000] [--pglite] (issue 16's figures: --rows 671000)
import { parseArgs } from 'node:util';
import { projects } from '@/db/schema';
import { openDb } from '@/db/client';
import { postgresReachable, scratchPostgres, type ScratchPostgres } from '@/server/testing/db';
import { createDatasetVersion } from '@/server/data/datasets/create';
import { buildDataset } from '@/server/data/datasets/build';
import { bulkEvents } from './_bulk-events';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, pglite: { type: 'boolean' } } });
const ROWS = Number(values.rows);
const P = 'proj_bench';
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

if (!values.pglite && !(await postgresReachable())) {
  console.log('postgres: not reachable at TEST_POSTGRES_URL / DATABASE_URL / 127.0.0.1:5432, skipped');
  process.exit(0);
}
const h = values.pglite ? await openDb({ kind: 'pglite' }) : await scratchPostgres();
const done = () => ('drop' in h ? (h as ScratchPostgres).drop() : h.close());
try {
  await h.db.insert(projects).values({ id: P, name: 'bench', slug: 'bench' });
  let t = performance.now();
  await bulkEvents(h.db, { projectId: P, rows: ROWS });
  console.log(
    `${values.pglite ? 'pglite' : 'postgres'}: ${ROWS.toLocaleString('en-US')} events loaded in SQL in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const ds = await createDatasetVersion(h.db, {
    projectId: P,
    name: 'all',
    filter: {},
    seed: 42,
    validationFraction: 0.1,
    createdBy: null,
  });
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  t = performance.now();
  const built = await buildDataset(h.db, P, ds.id, { exports: 'hash' });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  console.log(
    `built ${built.exampleCount.toLocaleString('en-US')} examples (${built.trainCount} train, ${built.validationCount} validation) in ${seconds.toFixed(1)} s`,
  );
  console.log(`worker RSS: ${mb(baseline)} before, ${mb(peak)} peak (+${mb(peak - baseline)}); peak heap used ${mb(peakHeap)}`);
  console.log(`membership ${built.membershipHash?.slice(0, 16)}…, train export ${built.trainExportSha256?.slice(0, 16)}…`);
} finally {
  await done();
}
