// The ingestion and dataset paths on real Postgres (postgres-js serialises the unnest arrays differently from PGlite):
// idempotent retries under concurrency, a refused row, a streamed CSV upload, and the seeded dataset export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import { postgresAdminUrl, postgresReachable, scratchPostgres, type ScratchPostgres } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { events } from '@/db/schema';
import { exportLines } from '@/server/data/datasets/export';
import { ingestBatch } from './batch';
import { ingestUpload } from './upload';

const reachable = await postgresReachable();
if (!reachable) {
  const where = new URL(postgresAdminUrl());
  where.password = '';
  console.warn(`Skipping ingestion tests on Postgres: none reachable at ${where} (set TEST_POSTGRES_URL to point at one).`);
}

const P = DEMO_PROJECT_ID;

describe.skipIf(!reachable)('ingestion on Postgres', () => {
  let pg: ScratchPostgres;
  beforeAll(async () => {
    pg = await scratchPostgres({ seed: true });
  });
  afterAll(() => pg?.drop());

  it('stores each event once when the same batch is sent by several clients at the same time', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => ({
      id: `pg-${i}`,
      agent_id: 'a',
      prompt: `p${i}`,
      response: 'r',
      ...(i % 2 ? { created_at: '2025-01-02T03:04:05.678Z' } : {}),
    }));
    const replies = await Promise.all(Array.from({ length: 4 }, () => ingestBatch(pg.db, { projectId: P, source: 'api', items: batch })));
    expect(replies.reduce((n, r) => n + r.counts.stored, 0)).toBe(300);
    expect(replies.reduce((n, r) => n + r.counts.duplicates, 0)).toBe(900);
    const [row] = await pg.db
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.projectId, P), like(events.clientId, 'pg-%')));
    expect(row!.n).toBe(300);
    const [one] = await pg.db.select().from(events).where(eq(events.clientId, 'pg-1'));
    expect(one!.occurredAt.toISOString()).toBe('2025-01-02T03:04:05.678Z');
  });

  it('names the one item the database refuses and stores the others', async () => {
    const reply = await ingestBatch(pg.db, {
      projectId: P,
      source: 'api',
      items: [
        { agent_id: 'a', prompt: 'ok 1', response: 'r' },
        { agent_id: 'a', prompt: 'bad', response: 'r', metadata: { x: 'lone \ud800' } },
        { agent_id: 'a', prompt: 'ok 2', response: 'r' },
      ],
    });
    expect(reply.stored.map((s) => s.index)).toEqual([0, 2]);
    expect(reply.rejected.map((r) => r.index)).toEqual([1]);
  });

  it('streams a CSV upload with a bad row in the middle', async () => {
    async function* body() {
      yield Buffer.from('agent_id,prompt,response\nsupport-bot,"multi\nline",ok\nsupport-bot,short\n');
      yield Buffer.from('support-bot,last,row\n');
    }
    const r = await ingestUpload(pg.db, body(), {
      projectId: P,
      fileName: 'x.csv',
      format: 'csv',
      maxBytes: 1 << 20,
      kind: 'cli',
      createdBy: null,
    });
    expect(r).toMatchObject({ stored: 2, rejected: 1, rejections: [{ line: 4, reason: expect.stringMatching(/wrong number of cells/) }] });
  });

  it('exports the seeded ds_math_v1 as valid chat JSONL', async () => {
    let n = 0;
    for await (const line of exportLines(pg.db, P, 'ds_math_v1', 'validation')) {
      const obj = JSON.parse(line) as { messages: { role: string }[] };
      expect(obj.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      n++;
    }
    expect(n).toBe(360);
  });
});
