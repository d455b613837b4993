// POST /api/v1/events end to end on a real (embedded) database: auth, limits, per-item replies and idempotent retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID, SANDBOX_PROJECT_ID } from '@/server/main/demo-seed';
import { events } from '@/db/schema';
import type { DbHandle } from '@/db';
import { createCredential } from '@/server/projects/credentials';
import { handleEventsPost } from './http';
import type { BatchReply } from './batch';

let h: DbHandle;
let key: string;
let sandboxKey: string;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
  key = (await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'api_key', name: 'test', createdBy: null })).secret;
  sandboxKey = (await createCredential(h.db, { projectId: SANDBOX_PROJECT_ID, kind: 'api_key', name: 'test', createdBy: null })).secret;
});
afterAll(() => h.close());

const post = (body: unknown, o: { secret?: string | null; raw?: string; maxBytes?: number } = {}) =>
  handleEventsPost(
    h.db,
    new Request('http://test/api/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.secret !== null ? { authorization: `Bearer ${o.secret ?? key}` } : {}) },
      body: o.raw ?? JSON.stringify(body),
    }),
    { maxBytes: o.maxBytes ?? 10 * 1024 * 1024 },
  );

const item = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `retry-${i}`,
  agent_id: 'math-agent',
  prompt: `What is ${i}+1?`,
  response: `<answer>${i + 1}</answer>`,
  ...extra,
});

async function storedCount(clientIds: string[], projectId = DEMO_PROJECT_ID) {
  const [row] = await h.db
    .select({ n: count() })
    .from(events)
    .where(and(eq(events.projectId, projectId), inArray(events.clientId, clientIds)));
  return row!.n;
}

describe('POST /api/v1/events', () => {
  it('stores a batch once: sending it again reports every item as a duplicate of the first send', async () => {
    const batch = [item(1), item(2), item(3, { created_at: '2025-03-01T12:00:00Z', metadata: { session: 's1' }, channel: 'web' })];
    const first = await post(batch);
    expect(first.status).toBe(200);
    const a = (await first.json()) as BatchReply;
    expect(a.counts).toEqual({ received: 3, stored: 3, duplicates: 0, rejected: 0 });
    expect(a.stored.map((s) => s.client_id)).toEqual(['retry-1', 'retry-2', 'retry-3']);

    const again = (await (await post(batch)).json()) as BatchReply;
    expect(again.counts).toEqual({ received: 3, stored: 0, duplicates: 3, rejected: 0 });
    // The retry names the ids the first send stored, so a client can reconcile.
    expect(again.duplicates.map((d) => d.id)).toEqual(a.stored.map((s) => s.id));
    expect(await storedCount(['retry-1', 'retry-2', 'retry-3'])).toBe(3);

    const [third] = await h.db.select().from(events).where(eq(events.id, a.stored[2]!.id));
    expect(third!.occurredAt.toISOString()).toBe('2025-03-01T12:00:00.000Z');
    expect(third!.source).toBe('api');
    // Unknown fields are kept in metadata rather than dropped.
    expect(third!.metadata).toEqual({ session: 's1', channel: 'web' });
  });

  it('reports new, duplicate and rejected items side by side, by index', async () => {
    const reply = (await (
      await post([
        item(1),
        item(10),
        { agent_id: 'a', prompt: 'p' },
        item(11, { created_at: 'yesterday' }),
        { prompt: 'x', response: 'y' },
        item(10),
        'nope',
      ])
    ).json()) as BatchReply;
    expect(reply.stored.map((s) => s.index)).toEqual([1]);
    expect(reply.duplicates.map((s) => s.index)).toEqual([0, 5]);
    expect(reply.duplicates[1]!.id).toBe(reply.stored[0]!.id);
    expect(reply.rejected).toEqual([
      { index: 2, reason: 'missing "response"' },
      { index: 3, reason: expect.stringContaining('"created_at" must be an ISO 8601 timestamp') },
      { index: 4, reason: 'missing "agent_id"' },
      { index: 6, reason: 'expected a JSON object' },
    ]);
  });

  it('stores the rest of a batch when the database refuses one item, and names that item', async () => {
    // A lone UTF-16 surrogate passes JSON and zod but Postgres jsonb refuses it: the batch must not fail as a whole.
    const reply = (await (await post([item(20), item(21, { metadata: { note: 'bad \ud800 surrogate' } }), item(22)])).json()) as BatchReply;
    expect(reply.stored.map((s) => s.index)).toEqual([0, 2]);
    expect(reply.rejected).toEqual([{ index: 1, reason: expect.stringMatching(/^the database refused it \(/) }]);
    expect(reply.rejected[0]!.reason).not.toMatch(/Failed query|params:|insert into/i);
  });

  it('accepts {"events": [...]} and keeps client ids apart per project', async () => {
    const reply = (await (await post({ events: [item(1)] }, { secret: sandboxKey })).json()) as BatchReply;
    expect(reply.counts.stored).toBe(1);
    expect(await storedCount(['retry-1'], SANDBOX_PROJECT_ID)).toBe(1);
  });

  it('refuses more than 1,000 items with 413 and stores none of them', async () => {
    const res = await post(Array.from({ length: 1001 }, (_, i) => item(5000 + i)));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/1,001.*limit is 1,000/);
    expect(await storedCount(['retry-5000'])).toBe(0);
  });

  it('answers malformed JSON, empty batches, oversized bodies and bad keys clearly', async () => {
    const bad = await post(null, { raw: '[{"agent_id": "a",' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^Malformed JSON/);
    expect((await post([])).status).toBe(400);
    expect((await post({ nope: 1 })).status).toBe(400);
    const big = await post([item(1, { prompt: 'x'.repeat(2000) })], { maxBytes: 1000 });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toMatch(/larger than the 1000 bytes limit/);
    expect((await post([item(1)], { secret: null })).status).toBe(401);
    expect((await post([item(1)], { secret: 'af_live_wrong' })).status).toBe(401);
  });
});
