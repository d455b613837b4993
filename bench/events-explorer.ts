// Events explorer over 100k events: time of one page (50 rows) with and without filters, on embedded PGlite and on
// real Postgres (a scratch database, dropped at the end). Run: npx tsx --conditions=react-server bench/events-explorer.ts [--rows 100000] [--only pglite|postgres]
//
// `--pg 1000000`: the issue-16 target on Postgres alone. N realistic events loaded in SQL into a scratch database
// whose tables have autovacuum off, on statistics taken when the table was small (as a team's table grows between
// autovacuum runs, or forever with autovacuum off); then a realistic bulk write through the app's own ingest path
// (8 clients posting batches of 1,000), after which the app analyzes what it changed by itself; then every explorer
// query through the app's functions, against its target (list pages < 50 ms, counts < 200 ms). `--stale` also times
// each query once before the app's write, on the stale statistics.
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDb, type DbHandle } from '@/db/client';
import { postgresReachable, scratchPostgres } from '@/server/testing/db';
import { annotationAssignments, annotationItems, annotationQueues, cleanRuns, events, memberships, projects, users } from '@/db/schema';
import { seededRng } from '@/common/rng';
import { countEvents, listAgents, listEvents } from '@/server/data/events/list';
import type { EventFilter } from '@/server/data/events/filter';
import { rowsOf } from '@/server/data/sql-rows';
import { createCredential } from '@/server/projects/credentials';
import { handleEventsPost } from '@/server/data/ingest/http';
import { flushStatsRefresh, refreshStatistics } from '@/server/data/stats-refresh';
import { bulkEvents, generatedEvents } from './_bulk-events';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    only: { type: 'string' },
    pg: { type: 'string' },
    stale: { type: 'boolean' },
    keep: { type: 'boolean' },
  },
});
const ROWS = Number(values.pg ?? values.rows);
const P = 'proj_bench';
const WORDS = [
  'refund',
  'order',
  'shipping',
  'password',
  'invoice',
  'billing',
  'account',
  'upgrade',
  'cancel',
  'login',
  'timeout',
  'export',
];

async function fill(h: DbHandle) {
  await h.db.insert(projects).values({ id: P, name: 'bench', slug: 'bench' });
  await h.db.insert(users).values({ id: 'u_rater', email: 'r@bench', name: 'r', passwordHash: 'x' });
  await h.db.insert(memberships).values({ projectId: P, userId: 'u_rater', role: 'annotator' });
  const rng = seededRng(1);
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < ROWS; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, ROWS - i) }, (_, k) => {
      const n = i + k;
      const math = n % 3 !== 0;
      const [a, b] = [rng.int(0, 99), rng.int(0, 99)];
      const w = rng.pick(WORDS);
      return {
        id: `evt_b${String(n).padStart(8, '0')}`,
        projectId: P,
        agentId: math ? 'math-agent' : n % 2 ? 'support-bot' : 'sales-bot',
        source: (n % 10 === 0 ? 'upload' : 'api') as 'upload' | 'api',
        prompt: math ? `What is ${a}+${b}?` : `Hi, I have a problem with my ${w}, reference ${rng.digits(6)}. Can you help?`,
        response: math
          ? `<call:calculator>${a}+${b}</call><result>${a + b}</result><answer>${a + b}</answer>`
          : `Sorry about the ${w} trouble; I have opened ticket ${rng.digits(5)}.`,
        occurredAt: new Date(start + n * 60_000),
      };
    });
    await h.db.insert(events).values(rows);
  }
  // One event in seven kept by a (live) cleaning run; verdicts live in their own table.
  await h.db.insert(cleanRuns).values({ id: 'clean_bench', projectId: P, scope: 'all', config: {}, status: 'succeeded', live: true });
  await h.db.execute(sql`
    insert into clean_verdicts (event_id, run_id, project_id, status, occurred_at)
    select id, 'clean_bench', project_id, 'kept', occurred_at from events where project_id = ${P} and right(id, 8)::int % 7 = 0`);
  // 2% of events rated, so the rating filter has a realistic, selective summary to join.
  await h.db.insert(annotationQueues).values({ id: 'q_bench', projectId: P, name: 'bench' });
  for (let i = 0; i < ROWS; i += 50 * 1000) {
    const ids = Array.from({ length: 1000 }, (_, k) => i + k * 50).filter((n) => n < ROWS);
    await h.db.insert(annotationItems).values(
      ids.map((n, k) => ({
        id: `qi_${n}`,
        projectId: P,
        queueId: 'q_bench',
        eventId: `evt_b${String(n).padStart(8, '0')}`,
        position: i + k,
      })),
    );
    await h.db.insert(annotationAssignments).values(
      ids.map((n) => ({
        id: `as_${n}`,
        projectId: P,
        queueId: 'q_bench',
        itemId: `qi_${n}`,
        eventId: `evt_b${String(n).padStart(8, '0')}`,
        userId: 'u_rater',
        status: 'rated' as const,
        value: ((n / 50) % 5) / 4,
      })),
    );
  }
  await h.db.execute(sql`analyze`);
}

async function time(fn: () => Promise<unknown>, reps = 5): Promise<number> {
  await fn();
  const t = performance.now();
  for (let i = 0; i < reps; i++) await fn();
  return (performance.now() - t) / reps;
}

async function measure(h: DbHandle, reps = 5) {
  const deep = await listEvents(h.db, P, { limit: 50 });
  // A cursor deep in the history: the page after the row 90% of the way back.
  const [{ n }] = rowsOf<{ n: number }>(await h.db.execute(sql`select count(*)::int as n from events where project_id = ${P}`)) as [
    { n: number },
  ];
  const res = await h.db.execute(
    sql`select occurred_at::text as at, id from events where project_id = ${P} order by events.occurred_at desc, events.id desc offset ${Math.floor(n * 0.9)} limit 1`,
  );
  const [mid] = rowsOf<{ at: string; id: string }>(res);
  const { encodeCursor } = await import('@/server/data/events/list');
  // A term that occurs in exactly one or a few events: the reference number of one support chat.
  const sample = await listEvents(h.db, P, { agentId: 'support-bot', limit: 50 });
  const rare = sample.rows.map((r) => /reference \d{6}/.exec(r.prompt)?.[0]).find(Boolean)!;
  const cases: [string, EventFilter & { cursor?: string }][] = [
    ['first page, no filter', {}],
    ['page 2 (keyset)', { cursor: deep.nextCursor! }],
    ['page at 90% depth (keyset)', { cursor: encodeCursor(mid!) }],
    ['agent = support-bot', { agentId: 'support-bot' }],
    ['source = upload', { source: 'upload' }],
    ['cleaned (kept)', { cleanStatus: 'kept' }],
    ['date range (one day)', { from: '2025-02-01', to: '2025-02-01' }],
    ['search common ("refund")', { q: 'refund' }],
    [`search rare ("${rare}")`, { q: rare }],
    ['search absent ("zebra")', { q: 'zebra' }],
    ['search 3 chars ("zzq", the shortest searched: shorter is refused)', { q: 'zzq' }],
    ['rating >= 0.75', { minRating: 0.75 }],
    ['agent + search + rating', { agentId: 'sales-bot', q: 'invoice', minRating: 0.5 }],
  ];
  const out: [string, number, number][] = [];
  for (const [name, f] of cases) {
    let rows = 0;
    const ms = await time(async () => (rows = (await listEvents(h.db, P, { ...f, limit: 50 })).rows.length), reps);
    out.push([name, ms, rows]);
  }
  out.push(['count (capped at 10,000), agent filter', await time(() => countEvents(h.db, P, { agentId: 'support-bot' }), reps), -1]);
  out.push(['count, status kept', await time(() => countEvents(h.db, P, { cleanStatus: 'kept' }), reps), -1]);
  out.push(['count, search absent', await time(() => countEvents(h.db, P, { q: 'zebra' }), reps), -1]);
  out.push(['agents list', await time(() => listAgents(h.db, P), reps), -1]);
  return out;
}

const BULK_TABLES = ['events', 'annotation_queues', 'annotation_items', 'annotation_assignments', 'event_ratings'];
/** Statistics taken when the table was this big: what autovacuum last left before the growth. */
const SMALL_START = 10_000;
const APP_CLIENTS = 8;
const APP_BATCHES_PER_CLIENT = 5;
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

async function eventsAnalyzed(h: DbHandle): Promise<{ n: number; reltuples: number }> {
  const [r] = rowsOf<{ n: number; reltuples: number }>(
    await h.db.execute(sql`select (s.analyze_count + s.autoanalyze_count)::int as n, c.reltuples::float8 as reltuples
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'events'`),
  );
  return { n: Number(r!.n), reltuples: Number(r!.reltuples) };
}

/** Cleaning verdicts as a run would leave them (1 in 7 kept), so the status filter has a realistic share to find. */
async function markKept(h: DbHandle) {
  await h.db.insert(cleanRuns).values({ id: 'clean_bench', projectId: P, scope: 'all', config: {}, status: 'succeeded', live: true });
  await h.db.execute(sql`insert into clean_verdicts (event_id, run_id, project_id, status, occurred_at)
    select id, 'clean_bench', project_id, 'kept', occurred_at from events
    where project_id = ${P} and abs(hashint8extended(substr(id, 6)::bigint, 7)) % 7 = 0`);
}

async function runAtScale() {
  const h = await scratchPostgres();
  try {
    for (const t of BULK_TABLES) await h.db.execute(sql`alter table ${sql.identifier(t)} set (autovacuum_enabled = off)`);
    await h.db.insert(projects).values({ id: P, name: 'bench', slug: 'bench' });
    await h.db.insert(users).values({ id: 'u_rater', email: 'r@bench', name: 'r', passwordHash: 'x' });
    await h.db.insert(memberships).values({ projectId: P, userId: 'u_rater', role: 'annotator' });
    const appRows = APP_CLIENTS * APP_BATCHES_PER_CLIENT * 1000;
    const sqlRows = ROWS - appRows;
    if (sqlRows < 2 * SMALL_START) throw new Error(`--pg needs at least ${(appRows + 2 * SMALL_START).toLocaleString('en-US')} events`);
    let t = performance.now();
    await bulkEvents(h.db, { projectId: P, rows: SMALL_START });
    await h.db.execute(sql`analyze`);
    await bulkEvents(h.db, {
      projectId: P,
      rows: sqlRows - SMALL_START,
      from: SMALL_START,
      onChunk: (n) => process.stdout.write(`\r  loaded ${(SMALL_START + n).toLocaleString('en-US')} events in SQL`),
    });
    await markKept(h);
    // As a cleaning run does when it ends: its verdicts' statistics are refreshed by the app.
    await refreshStatistics(h.db, { clean_verdicts: Math.ceil(sqlRows / 7) });
    // 2% of events rated by one rater, so the rating filter has a realistic, selective summary to join.
    await h.db.insert(annotationQueues).values({ id: 'q_bench', projectId: P, name: 'bench' });
    await h.db.execute(sql`insert into annotation_items (id, project_id, queue_id, event_id, position)
      select 'qi_' || g, ${P}, 'q_bench', 'evt_b' || lpad(g::text, 8, '0'), g from generate_series(0, ${sqlRows - 1}, 50) g`);
    await h.db.execute(sql`insert into annotation_assignments (id, project_id, queue_id, item_id, event_id, user_id, status, value)
      select 'as_' || g, ${P}, 'q_bench', 'qi_' || g, 'evt_b' || lpad(g::text, 8, '0'), 'u_rater', 'rated', ((g / 50) % 5) / 4.0
      from generate_series(0, ${sqlRows - 1}, 50) g`);
    // The ratings stand in for raters' work through the app over time, whose writes the app counts (assign, rate):
    // its refresh is told how many there were, as those paths would have told it.
    const rated = Math.ceil(sqlRows / 50);
    const analyzedRatings = await refreshStatistics(h.db, { annotation_items: rated, annotation_assignments: rated });
    const load = await eventsAnalyzed(h);
    console.log(
      `\rpostgres: ${sqlRows.toLocaleString('en-US')} events loaded in SQL in ${seconds(t)}, autovacuum off on ${BULK_TABLES.join(', ')}; ` +
        `the planner believes events has ${load.reltuples.toLocaleString('en-US')} rows; ${rated.toLocaleString('en-US')} ratings (app analyzed: ${analyzedRatings.join(', ')})`,
    );
    const stale = values.stale ? await measure(h, 1) : null;

    // The app's own write path: 8 clients posting batches of 1,000 through POST /api/v1/events's handler.
    const { secret } = await createCredential(h.db, { projectId: P, kind: 'api_key', name: 'bench', createdBy: null });
    t = performance.now();
    let seq = 0;
    await Promise.all(
      Array.from({ length: APP_CLIENTS }, async () => {
        for (let b = 0; b < APP_BATCHES_PER_CLIENT; b++) {
          // The same realistic rows the SQL load makes (the next ids), sent as an API client would send them.
          const lo = sqlRows + 1000 * seq++;
          const items = rowsOf<{ agent_id: string; prompt: string; response: string; occurred_at: string }>(
            await h.db.execute(sql`select agent_id, prompt, response, occurred_at::text from (${generatedEvents(lo, lo + 999)}) r`),
          ).map((r) => ({
            agent_id: r.agent_id,
            prompt: r.prompt,
            response: r.response,
            created_at: new Date(r.occurred_at).toISOString(),
          }));
          const res = await handleEventsPost(
            h.db,
            new Request('http://bench/api/v1/events', {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
              body: JSON.stringify(items),
            }),
            { maxBytes: 10 * 1024 * 1024 },
          );
          if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
        }
      }),
    );
    const wrote = performance.now();
    console.log(`app: ${appRows.toLocaleString('en-US')} events through the ingest handler (${APP_CLIENTS} clients) in ${seconds(t)}`);
    // The app's debounced check runs by itself after the batches; wait for it to show in pg_stat_user_tables.
    let after = await eventsAnalyzed(h);
    while (after.n === load.n && performance.now() - wrote < 60_000) {
      await new Promise((r) => setTimeout(r, 100));
      after = await eventsAnalyzed(h);
    }
    await flushStatsRefresh(h.db);
    after = await eventsAnalyzed(h);
    console.log(
      `app: analyzed events ${after.n - load.n} time(s) by itself, done ${((performance.now() - wrote) / 1000).toFixed(1)} s after the last batch; ` +
        `the planner now believes ${after.reltuples.toLocaleString('en-US')} rows`,
    );
    console.log(
      `load average: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (${cpus().length} cores, shared with other work)\n`,
    );

    const fresh = await measure(h);
    console.log(`  ${'query'.padEnd(42)} ${stale ? 'stale stats'.padStart(12) : ''} ${'app-refreshed'.padStart(14)}  target`);
    fresh.forEach(([name, ms, rows], i) => {
      const target = name.startsWith('count') ? 200 : 50;
      const was = stale ? `${stale[i]![1].toFixed(1).padStart(9)} ms` : '';
      console.log(
        `  ${name.padEnd(42)} ${was} ${ms.toFixed(1).padStart(11)} ms  < ${target} ms ${ms < target ? 'ok' : 'MISSED'}${rows >= 0 ? `  (${rows} rows)` : ''}`,
      );
    });
  } finally {
    // --keep: the scratch database stays, for EXPLAIN by hand (psql <url>); drop it yourself after.
    if (values.keep) {
      console.log(`  kept the database: ${h.url}`);
      await h.close();
    } else await h.drop();
  }
}

async function run(kind: 'pglite' | 'postgres') {
  const scratch = kind === 'postgres' ? await scratchPostgres() : null;
  const h = scratch ?? (await openDb({ kind: 'pglite' }));
  try {
    const t = performance.now();
    await fill(h);
    console.log(`\n${kind}: ${ROWS.toLocaleString('en-US')} events inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    for (const [name, ms, rows] of await measure(h))
      console.log(`  ${name.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms${rows >= 0 ? `  (${rows} rows)` : ''}`);
  } finally {
    if (scratch) await scratch.drop();
    else await h.close();
  }
}

if (values.pg) {
  if (await postgresReachable()) await runAtScale();
  else console.log('postgres: not reachable at TEST_POSTGRES_URL / DATABASE_URL / 127.0.0.1:5432, skipped');
} else {
  if (values.only !== 'postgres') await run('pglite');
  if (values.only !== 'pglite') {
    if (await postgresReachable()) await run('postgres');
    else console.log('\npostgres: not reachable at TEST_POSTGRES_URL / DATABASE_URL / 127.0.0.1:5432, skipped');
  }
}
