// Events explorer over 100k events: time of one page (50 rows) with and without filters, on embedded PGlite and on
// real Postgres (a scratch database, dropped at the end). Run: npx tsx --conditions=react-server bench/events-explorer.ts [--rows 100000] [--only pglite|postgres]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDb, type DbHandle } from '@/db/client';
import { postgresReachable, scratchPostgres } from '@/server/testing/db';
import { annotationAssignments, annotationItems, annotationQueues, cleanRuns, events, memberships, projects, users } from '@/db/schema';
import { seededRng } from '@/common/rng';
import { countEvents, listAgents, listEvents } from '@/server/data/events/list';
import type { EventFilter } from '@/server/data/events/filter';
import { rowsOf } from '@/server/data/sql-rows';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, only: { type: 'string' } } });
const ROWS = Number(values.rows);
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
    insert into clean_verdicts (event_id, run_id, project_id, status)
    select id, 'clean_bench', project_id, 'kept' from events where project_id = ${P} and right(id, 8)::int % 7 = 0`);
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

async function measure(h: DbHandle) {
  const deep = await listEvents(h.db, P, { limit: 50 });
  // A cursor deep in the history: the page after the row 90% of the way back.
  const res = await h.db.execute(
    sql`select occurred_at::text as at, id from events where project_id = ${P} order by events.occurred_at desc, events.id desc offset ${Math.floor(ROWS * 0.9)} limit 1`,
  );
  const [mid] = rowsOf<{ at: string; id: string }>(res);
  const { encodeCursor } = await import('@/server/data/events/list');
  // A term that occurs in exactly one or a few events: the reference number of one support chat.
  const sample = await listEvents(h.db, P, { agentId: 'support-bot', limit: 1 });
  const rare = /reference \d{6}/.exec(sample.rows[0]!.prompt)![0];
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
    ['search 2 chars ("zz", no index)', { q: 'zz' }],
    ['rating >= 0.75', { minRating: 0.75 }],
    ['agent + search + rating', { agentId: 'sales-bot', q: 'invoice', minRating: 0.5 }],
  ];
  const out: [string, number, number][] = [];
  for (const [name, f] of cases) {
    let rows = 0;
    const ms = await time(async () => (rows = (await listEvents(h.db, P, { ...f, limit: 50 })).rows.length));
    out.push([name, ms, rows]);
  }
  out.push(['count (capped at 10,000), agent filter', await time(() => countEvents(h.db, P, { agentId: 'support-bot' })), -1]);
  out.push(['count, search absent', await time(() => countEvents(h.db, P, { q: 'zebra' })), -1]);
  out.push(['agents list', await time(() => listAgents(h.db, P)), -1]);
  return out;
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

if (values.only !== 'postgres') await run('pglite');
if (values.only !== 'pglite') {
  if (await postgresReachable()) await run('postgres');
  else console.log('\npostgres: not reachable at TEST_POSTGRES_URL / DATABASE_URL / 127.0.0.1:5432, skipped');
}
