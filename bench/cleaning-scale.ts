// Cleaning at a team's scale, end to end: the real cleaning run (executeCleanRun: database read → pipeline → database
// write) over N realistic events (50–400 characters, 5% with e-mails or phones, 20% exact and 10% near copies, 3%
// junk) on Postgres and on the embedded PGlite, then a re-run ('all') and a "new events only" run after 5% more
// events arrive. Prints events/s end to end beside the pipeline's own events/s on the same events, the database time,
// the worker's peak RSS, the first and last 10% of each run (their ratio shows whether it is still superlinear), and
// the index sizes of events and of the verdict/key tables before and after each run.
// Targets (issue 16): ≥ 20,000 events/s end to end on Postgres and ≥ 0.4× the pipeline's own speed, last 10% ≤ 1.2×
// the first, RSS < 400 MB at a million kept events, events index growth per run < 10%.
// Run: npm run bench -- cleaning-scale [--pg 1000000] [--pglite 200000] [--only pg|pglite]
//   --keep leaves the Postgres database (its URL is printed); --db <url> reuses one so kept, loading only what it lacks
//   (each full run adds its 5% of new events to it, so later runs see more),
//   and --first-only stops after the first run: for trying a change at a million events without loading them again.
// The events are loaded by a child process (bulk SQL, not the API), so their generation does not count in the RSS.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { and, asc, eq, sql } from 'drizzle-orm';
import { openDb, type DbHandle } from '@/db/client';
import type { Db } from '@/db';
import { intArray, textArray } from '@/db/pg-arrays';
import { randomToken } from '@/db/ids';
import { keysetPast } from '@/db/keyset';
import { events, projects } from '@/db/schema';
import { executeCleanRun } from '@/server/data/cleaning/execute';
import { Cleaner } from '@/server/data/cleaning/pipeline';
import { startCleanRun } from '@/server/data/cleaning/runs';
import { rowsOf } from '@/server/data/sql-rows';
import { postgresReachable, scratchPostgres } from '@/server/testing/db';
import { syntheticEventStream } from '@/server/testing/cleaning-events';
// Every job a worker serves, loaded as `npm run worker` loads them: the RSS printed is then a worker's.
import '@/server/main/jobs';

const P = 'proj_bench_clean';
const { values } = parseArgs({
  options: {
    pg: { type: 'string', default: '100000' },
    pglite: { type: 'string', default: '20000' },
    only: { type: 'string' },
    // Child mode: load events into the database named by --load (postgres URL, or pglite:<dir>).
    load: { type: 'string' },
    n: { type: 'string' },
    seed: { type: 'string' },
    prefix: { type: 'string' },
    from: { type: 'string' },
    keep: { type: 'boolean' },
    db: { type: 'string' },
    'first-only': { type: 'boolean' },
    history: { type: 'boolean' },
  },
});

const openTarget = (target: string) =>
  target.startsWith('pglite:') ? openDb({ kind: 'pglite', dataDir: target.slice(7) }) : openDb({ kind: 'postgres', url: target, max: 2 });

/**
 * Child: inserts events in bulk (one unnest statement per 2,000), one millisecond apart from `from`; `history` ones
 * arrived when they happened (a team's past log), the others arrive now (what a "new events only" run is for).
 */
async function load(target: string, n: number, seed: number, prefix: string, from: number, history: boolean) {
  const h = await openTarget(target);
  let batch: { id: string; prompt: string; response: string }[] = [];
  let i = from;
  const flush = async () => {
    if (!batch.length) return;
    const ms = batch.map((_, k) => i - batch.length + k);
    await h.db.execute(sql`
      insert into events (id, project_id, agent_id, source, prompt, response, occurred_at, ingested_at)
      select t.id, ${P}, 'bench-bot', 'api', t.p, t.r, t.at, case when ${history} then t.at else now() end
      from (select u.*, timestamptz '2025-01-01' + u.ms * interval '1 millisecond' as at
        from unnest(${textArray(batch.map((e) => e.id))}::text[], ${textArray(batch.map((e) => e.prompt))}::text[],
          ${textArray(batch.map((e) => e.response))}::text[], ${intArray(ms)}::int8[]) as u(id, p, r, ms)) t`);
    batch = [];
  };
  for (const e of syntheticEventStream(n, seed, prefix)) {
    batch.push(e);
    i++;
    if (batch.length === 2000) await flush();
  }
  await flush();
  await h.close();
}

if (values.load) {
  await load(values.load, Number(values.n), Number(values.seed), values.prefix!, Number(values.from), values.history ?? false);
  process.exit(0);
}

function loadInChild(target: string, n: number, seed: number, prefix: string, from: number, history: boolean): number {
  const t = performance.now();
  const file = new URL(import.meta.url).pathname;
  const args = ['--conditions=react-server', '--import', 'tsx', file, '--load', target, '--n', String(n), '--seed', String(seed)];
  const r = spawnSync(process.execPath, [...args, '--prefix', prefix, '--from', String(from), ...(history ? ['--history'] : [])], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`loading events failed (${r.status})`);
  return performance.now() - t;
}

type Sizes = { eventsIdx: number; eventsHeap: number; verdicts: number; verdictsIdx: number; keys: number; keysIdx: number };

async function sizes(db: Db): Promise<Sizes> {
  const [row] = rowsOf<Record<string, string>>(
    await db.execute(sql`select
      (select coalesce(sum(pg_relation_size(indexrelid)), 0) from pg_index where indrelid = 'events'::regclass)::int8::text as events_idx,
      pg_relation_size('events')::int8::text as events_heap,
      pg_relation_size('clean_verdicts')::int8::text as verdicts,
      (select coalesce(sum(pg_relation_size(indexrelid)), 0) from pg_index where indrelid = 'clean_verdicts'::regclass)::int8::text as verdicts_idx,
      (select coalesce(sum(pg_relation_size(relid)), 0) from pg_partition_tree('clean_keys') where isleaf)::int8::text as keys,
      (select coalesce(sum(pg_indexes_size(relid)), 0) from pg_partition_tree('clean_keys') where isleaf)::int8::text as keys_idx`),
  );
  return {
    eventsIdx: Number(row!.events_idx),
    eventsHeap: Number(row!.events_heap),
    verdicts: Number(row!.verdicts),
    verdictsIdx: Number(row!.verdicts_idx),
    keys: Number(row!.keys),
    keysIdx: Number(row!.keys_idx),
  };
}

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} events/s`;

let peakRss = 0;
/** What the process held when its RSS peaked: V8's heap, and typed arrays' memory outside it. */
let atPeak = { heapUsed: 0, heapTotal: 0, arrayBuffers: 0 };
const sampleRss = () => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) {
    peakRss = m.rss;
    atPeak = { heapUsed: m.heapUsed, heapTotal: m.heapTotal, arrayBuffers: m.arrayBuffers };
  }
};

/** What an idle worker holds between jobs: garbage collected, and typed arrays' memory (freed after the GC) gone. */
async function settle() {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  gc?.();
}

async function measuredRun(db: Db, label: string, scope: 'all' | 'raw') {
  await settle();
  peakRss = 0;
  sampleRss();
  const startRss = peakRss;
  const rssTimer = setInterval(sampleRss, 50);
  const before = await sizes(db);
  const run = await startCleanRun(db, { projectId: P, scope, createdBy: null });
  const marks: { t: number; f: number }[] = [];
  let cleaningDone = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const done = await executeCleanRun(db, P, run.id, {
    progress: async (f) => {
      sampleRss();
      const t = performance.now();
      if (f <= 0.99) marks.push({ t, f });
      if (f > 0.99 && !cleaningDone) cleaningDone = t;
    },
  });
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(rssTimer);
  const after = await sizes(db);
  // Cleaning proper: from the start to the run going live (the 0.99 report); the indexing of its keys for later runs
  // and the pruning of superseded rows after it are reported on their own.
  const start = marks[0]?.t ?? t0;
  const end = marks.at(-1)?.t ?? t0 + total;
  const at = (frac: number) => marks.find((m) => m.f >= frac)?.t ?? end;
  const first10 = at(0.1) - start;
  const lastFrom = marks.filter((m) => m.f <= 0.9 + 1e-9).at(-1)?.t ?? start;
  const last10 = end - lastFrom;
  // Every tenth's time: where a run slows, if it does (the last tenth ends when the run goes live).
  const tenths = Array.from({ length: 10 }, (_, k) => ((k === 9 ? end : at((k + 1) / 10)) - (k === 0 ? start : at(k / 10))) / 1000);
  const n = done.processed;
  const lines = [
    `  ${label}: ${n.toLocaleString('en-US')} events (${done.kept.toLocaleString('en-US')} kept) in ${(total / 1000).toFixed(1)} s`,
    `    end to end: ${rate(n, end - t0)} until its verdicts are live; ${rate(n, total)} including the indexing of its keys for later runs (${((done.report?.timings.indexKeys ?? 0) / 1000).toFixed(1)} s) and the prune after it`,
    `    database time (writes, overlapping the cleaning, + probes): ${((done.report?.timings.database ?? 0) / 1000).toFixed(1)} s; waited for writes ${((done.report?.timings.waitedForWrites ?? 0) / 1000).toFixed(1)} s; worker CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`,
    `    first 10%: ${(first10 / 1000).toFixed(2)} s, last 10%: ${(last10 / 1000).toFixed(2)} s, ratio ${(last10 / Math.max(first10, 1)).toFixed(2)}; each tenth (s): ${tenths.map((x) => x.toFixed(1)).join(' ')}`,
    `    peak worker RSS: ${mb(peakRss)} (${mb(startRss)} at the start; at the peak ${mb(atPeak.heapUsed)} of JS heap in use of ${mb(atPeak.heapTotal)}, ${mb(atPeak.arrayBuffers)} of typed arrays)`,
    `    events indexes ${mb(before.eventsIdx)} → ${mb(after.eventsIdx)} (growth ${(((after.eventsIdx - before.eventsIdx) / Math.max(before.eventsIdx, 1)) * 100).toFixed(1)}%); events heap ${mb(before.eventsHeap)} → ${mb(after.eventsHeap)}`,
    `    clean_verdicts ${mb(before.verdicts)} + ${mb(before.verdictsIdx)} indexes → ${mb(after.verdicts)} + ${mb(after.verdictsIdx)}; clean_keys ${mb(before.keys)} + ${mb(before.keysIdx)} → ${mb(after.keys)} + ${mb(after.keysIdx)}`,
    `    stage times (ms): ${JSON.stringify(done.report?.timings)}`,
  ];
  console.log(lines.join('\n'));
  return { n, ms: end - t0 };
}

/** The pipeline alone, in memory, on the same events (read back in pages; the read is not timed). */
async function pipelineAlone(db: Db): Promise<{ n: number; ms: number }> {
  const cleaner = new Cleaner();
  let ms = 0;
  let n = 0;
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = await db
      .select({ id: events.id, prompt: events.prompt, response: events.response, at: sql<string>`${events.occurredAt}::text` })
      .from(events)
      .where(and(eq(events.projectId, P), after ? keysetPast(events.occurredAt, events.id, after, 'asc') : undefined))
      .orderBy(asc(events.occurredAt), asc(events.id))
      .limit(5000);
    const t = process.cpuUsage();
    for (const e of page) cleaner.clean(e);
    const c = process.cpuUsage(t);
    ms += (c.user + c.system) / 1000;
    n += page.length;
    if (page.length < 5000) return { n, ms };
    after = { at: page.at(-1)!.at, id: page.at(-1)!.id };
  }
}

async function scenario(kind: 'postgres' | 'pglite', n: number) {
  let h: DbHandle;
  let target: string;
  let drop: () => Promise<void>;
  if (kind === 'postgres' && values.db) {
    h = await openTarget(values.db);
    target = values.db;
    drop = () => h.close();
  } else if (kind === 'postgres') {
    const scratch = await scratchPostgres();
    h = scratch;
    target = scratch.url;
    drop = values.keep ? async () => (console.log(`  kept the database: ${scratch.url}`), await scratch.close()) : scratch.drop;
  } else {
    const dir = path.resolve('.data', `bench-cleaning-${randomToken(8)}`);
    h = await openDb({ kind: 'pglite', dataDir: dir });
    await h.close();
    target = `pglite:${dir}`;
    drop = async () => {
      // Closed already when the scenario failed between a child's load and reopening: the failure is what to show.
      await h.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    if (kind === 'pglite') h = await openTarget(target);
    await h.db.insert(projects).values({ id: P, name: 'Bench', slug: 'bench' }).onConflictDoNothing();
    const loaded = (prefix: string) =>
      h.db
        .execute(sql`select count(*)::int as n from events where project_id = ${P} and id like ${`${prefix}%`}`)
        .then((r) => Number(rowsOf<{ n: number }>(r)[0]!.n));
    const have = await loaded('evt_b_');
    // PGlite is one process's: the loading child needs its directory to itself.
    if (kind === 'pglite') await h.close();
    const loadMs = have >= n ? 0 : loadInChild(target, n, 1, 'evt_b_', 0, true);
    if (kind === 'pglite') h = await openTarget(target);
    // The bench loads by bulk SQL, past the app's ingest path: refresh the statistics it would have.
    await h.db.execute(sql`analyze events`);
    console.log(
      `\n${kind}: ${n.toLocaleString('en-US')} events loaded in ${(loadMs / 1000).toFixed(1)} s; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${os.cpus().length} cores`,
    );
    const firstRun = await measuredRun(h.db, 'first run (all)', 'all');
    if (values['first-only']) return;
    await measuredRun(h.db, 're-run (all)', 'all');
    const extra = Math.round(n * 0.05);
    // New each time, after every event already there: on a kept database (--db) earlier batches are cleaned already.
    const earlierNew = await loaded('evt_n');
    if (kind === 'pglite') await h.close();
    loadInChild(target, extra, 2 + earlierNew, `evt_n${Date.now().toString(36)}_`, n + 10 + earlierNew, false);
    if (kind === 'pglite') h = await openTarget(target);
    await h.db.execute(sql`analyze events`);
    await measuredRun(h.db, `new events only (raw, ${extra.toLocaleString('en-US')} new)`, 'raw');
    const alone = await pipelineAlone(h.db);
    const e2e = firstRun.n / (firstRun.ms / 1000);
    const own = alone.n / (alone.ms / 1000);
    console.log(
      `  pipeline alone (Cleaner in memory, one core, CPU time) on the same ${alone.n.toLocaleString('en-US')} events: ${rate(alone.n, alone.ms)}`,
    );
    console.log(`  first run end to end / pipeline alone: ${(e2e / own).toFixed(2)}×; load average now ${os.loadavg()[0]!.toFixed(1)}`);
  } finally {
    await drop();
  }
}

if (values.only !== 'pglite') {
  if (await postgresReachable()) await scenario('postgres', Number(values.pg));
  else console.log('\npostgres: not reachable at TEST_POSTGRES_URL / DATABASE_URL / 127.0.0.1:5432, skipped');
}
if (values.only !== 'pg') await scenario('pglite', Number(values.pglite));
process.exit(0);
