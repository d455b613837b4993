// The keyset pager on real Postgres: a page deep into a big table is an index range that reads one page of rows,
// where the OR form the cleaning pager used to spell out scans and discards every row before the cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { postgresReachable, scratchPostgres, type ScratchPostgres } from '@/server/testing/db';
import { events, projects } from '@/db/schema';
import { rowsOf } from '@/server/data/sql-rows';
import { keysetPast } from './keyset';

const reachable = await postgresReachable();
if (!reachable) console.warn('Skipping keyset plan tests: no Postgres reachable (set TEST_POSTGRES_URL).');

const P = 'proj_keyset';
const N = 30_000;

type PlanNode = { 'Node Type': string; 'Index Cond'?: string; 'Rows Removed by Filter'?: number; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

describe.skipIf(!reachable)('keyset paging on Postgres', () => {
  let pg: ScratchPostgres;
  let middle: { at: string; id: string };
  beforeAll(async () => {
    pg = await scratchPostgres();
    await pg.db.insert(projects).values({ id: P, name: 'Keyset', slug: 'keyset' });
    // Many events share a timestamp (a bulk upload), so the id half of the key matters too.
    await pg.db.execute(sql`
      insert into events (id, project_id, agent_id, source, prompt, response, occurred_at)
      select 'evt_' || lpad(g::text, 6, '0'), ${P}, 'a', 'api', 'p' || g, 'r', timestamptz '2025-01-01' + (g / 10) * interval '1 second'
      from generate_series(1, ${N}) g`);
    await pg.db.execute(sql`analyze events`);
    const [row] = rowsOf<{ at: string; id: string }>(
      await pg.db.execute(sql`select occurred_at::text as at, id from events order by occurred_at, id offset ${N / 2} limit 1`),
    );
    middle = row!;
  }, 60_000);
  afterAll(() => pg?.drop());

  const plan = async (after: SQL) => {
    const res = await pg.db.execute(sql`explain (analyze, format json)
      select ${events.id} from ${events} where ${events.projectId} = ${P} and ${after}
      order by ${events.occurredAt}, ${events.id} limit 500`);
    const [{ 'QUERY PLAN': doc }] = rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(res) as [{ 'QUERY PLAN': [{ Plan: PlanNode }] }];
    return nodes(doc[0].Plan);
  };

  it('reads a page at the middle of the table as an index range, discarding nothing', async () => {
    const steps = await plan(keysetPast(events.occurredAt, events.id, middle, 'asc'));
    const scan = steps.find((n) => n['Node Type'] === 'Index Scan' || n['Node Type'] === 'Index Only Scan');
    expect(scan?.['Index Cond']).toMatch(/ROW\(occurred_at, id\) > ROW/);
    expect(steps.reduce((n, s) => n + (s['Rows Removed by Filter'] ?? 0), 0)).toBe(0);
  });

  it('tells the forms apart: the OR form discards the rows before the cursor', async () => {
    const or = sql`(${events.occurredAt} > ${middle.at}::timestamptz or (${events.occurredAt} = ${middle.at}::timestamptz and ${events.id} > ${middle.id}))`;
    const steps = await plan(or);
    expect(steps.reduce((n, s) => n + (s['Rows Removed by Filter'] ?? 0), 0)).toBeGreaterThanOrEqual(N / 2);
  });

  it('pages the same rows in both directions', async () => {
    const page = (after: SQL, order: 'asc' | 'desc') =>
      pg.db.execute(
        sql`select id from events where project_id = ${P} and ${after} order by occurred_at ${sql.raw(order)}, id ${sql.raw(order)} limit 3`,
      );
    const ahead = rowsOf<{ id: string }>(await page(keysetPast(events.occurredAt, events.id, middle, 'asc'), 'asc')).map((r) => r.id);
    const behind = rowsOf<{ id: string }>(await page(keysetPast(events.occurredAt, events.id, middle, 'desc'), 'desc')).map((r) => r.id);
    const n = Number(middle.id.slice(4));
    const id = (k: number) => `evt_${String(k).padStart(6, '0')}`;
    expect(ahead).toEqual([id(n + 1), id(n + 2), id(n + 3)]);
    expect(behind).toEqual([id(n - 1), id(n - 2), id(n - 3)]);
  });
});
