// "Statistics are refreshed after a bulk ingest", on whichever database a test file opens (PGlite and Postgres):
// events sent through POST /api/v1/events's own handler; the reply does not wait for the ANALYZE, one ANALYZE
// follows a burst of concurrent batches, a small batch on a big table causes none, and the planner's row count
// (pg_class.reltuples) is the table's real size afterwards.
import { expect, it, vi } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { events, projects } from '@/db/schema';
import { createCredential } from '@/server/projects/credentials';
import { handleEventsPost } from './ingest/http';
import { flushStatsRefresh, tableStats } from './stats-refresh';
import { rowsOf } from './sql-rows';

const P = 'proj_stats';

async function analyzeCount(db: Db): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await db.execute(sql`select (analyze_count + autoanalyze_count)::int as n from pg_stat_user_tables where relname = 'events'`),
  );
  return Number(r?.n ?? 0);
}

export function statisticsRefreshCases(db: () => Db) {
  let key = '';
  let sent = 0;
  const post = async (n: number) => {
    const items = Array.from({ length: n }, (_, i) => ({
      agent_id: `agent-${(sent + i) % 5}`,
      prompt: `Question ${sent + i} about my order, reference ${String(sent + i).padStart(6, '0')}.`,
      response: `Answer ${sent + i}.`,
    }));
    sent += n;
    const res = await handleEventsPost(
      db(),
      new Request('http://test/api/v1/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(items),
      }),
      { maxBytes: 10 * 1024 * 1024 },
    );
    expect(res.status).toBe(200);
  };
  const rowsNow = async () => (await db().select({ n: count() }).from(events).where(eq(events.projectId, P)))[0]!.n;

  it('the migration sets per-table autovacuum thresholds on the tables that grow in bulk', async () => {
    const rows = rowsOf<{ relname: string; reloptions: string[] | string | null }>(
      await db().execute(sql`select relname, reloptions from pg_class
        where relname in ('events', 'dataset_examples', 'annotation_items', 'annotation_assignments') order by relname`),
    );
    const options = Object.fromEntries(rows.map((r) => [r.relname, String(r.reloptions)]));
    expect(options.events).toContain('autovacuum_analyze_scale_factor=0.02');
    expect(options.events).toContain('autovacuum_vacuum_scale_factor=0.05');
    expect(options.dataset_examples).toContain('autovacuum_analyze_scale_factor=0.05');
    expect(options.annotation_items).toContain('autovacuum_analyze_scale_factor=0.05');
    expect(options.annotation_assignments).toContain('autovacuum_analyze_scale_factor=0.05');
  });

  it('statistics are refreshed after a bulk ingest, after the reply and once per burst', async () => {
    await db().insert(projects).values({ id: P, name: 'stats', slug: 'stats' });
    key = (await createCredential(db(), { projectId: P, kind: 'api_key', name: 'test', createdBy: null })).secret;
    const before = await analyzeCount(db());

    await post(1000);
    // The reply came back before any ANALYZE: the check runs on a timer after it.
    expect(await analyzeCount(db())).toBe(before);
    await vi.waitFor(async () => expect(await analyzeCount(db())).toBe(before + 1), { timeout: 20_000, interval: 200 });
    expect((await tableStats(db(), 'events'))!.reltuples).toBe(1000);

    // Eight clients at once, 8,000 more rows (8× the analyzed size): analyzed again, but not once per client.
    await Promise.all(Array.from({ length: 8 }, () => post(1000)));
    await vi.waitFor(async () => expect(await analyzeCount(db())).toBeGreaterThan(before + 1), { timeout: 20_000, interval: 200 });
    await flushStatsRefresh(db());
    const afterBurst = await analyzeCount(db());
    expect(afterBurst - (before + 1)).toBeLessThanOrEqual(3);
    const st = (await tableStats(db(), 'events'))!;
    expect(st.reltuples).toBe(await rowsNow());
    expect(st.lastAnalyzed).not.toBeNull();

    // 100 rows on a 9,000-row table is about 1%: not worth an ANALYZE. First let every connection flush its
    // counters (Postgres does within 10 s of going idle) and analyze once more by hand: inserts a connection counted
    // after the last ANALYZE would otherwise count again (which costs, at worst, one early ANALYZE in the app).
    await new Promise((r) => setTimeout(r, 11_000));
    await db().execute(sql`analyze events`);
    const settled = await analyzeCount(db());
    await post(100);
    expect(await flushStatsRefresh(db())).toEqual([]);
    expect(await analyzeCount(db())).toBe(settled);
  }, 90_000);
}
