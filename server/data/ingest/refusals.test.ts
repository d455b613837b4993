// Bad input gets a clear per-item answer and loses nothing: values the database cannot store are rejected item by
// item (never a 500, never SQL in the reason), and every stored event's batch record exists and is finished.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNull, sql } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID, SANDBOX_PROJECT_ID } from '@/server/main/demo-seed';
import { events, ingestBatches } from '@/db/schema';
import type { DbHandle } from '@/db';
import { createCredential } from '@/server/projects/credentials';
import { handleEventsPost } from './http';
import { storeEvents } from './store';
import { ingestUpload } from './upload';
import type { BatchReply } from './batch';

let h: DbHandle;
let key: string;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
  key = (await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'api_key', name: 'test', createdBy: null })).secret;
});
afterAll(() => h.close());

const post = async (body: unknown) => {
  const res = await handleEventsPost(
    h.db,
    new Request('http://test/api/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    }),
    { maxBytes: 1024 * 1024 },
  );
  return { status: res.status, body: (await res.json()) as BatchReply & { error?: string } };
};
const ok = { agent_id: 'a', prompt: 'What is 1+1?', response: '2' };
async function* bytesOf(text: string) {
  yield new TextEncoder().encode(text);
}
const SQL_TEXT = /insert into|select |params:|Failed query/i;

describe('values the database cannot store', () => {
  it.each([
    ['a NUL in agent_id', { ...ok, agent_id: 'a\u0000b' }, /"agent_id" contains a NUL/],
    ['a NUL in id', { ...ok, id: 'x\u0000' }, /"id" contains a NUL/],
    ['created_at in year 0', { ...ok, created_at: '0000-01-01' }, /"created_at" must fall between the years 0001 and 9999/],
  ])('%s, alone in a batch, is rejected with a reason, not a 500', async (_, item, reason) => {
    const { status, body } = await post([item]);
    expect(status).toBe(200);
    expect(body.counts).toEqual({ received: 1, stored: 0, duplicates: 0, rejected: 1 });
    expect(body.rejected[0]!.reason).toMatch(reason);
  });

  it('rejects such items inside a larger batch while the good ones land, with no SQL in any reason', async () => {
    const { status, body } = await post([
      ok,
      { ...ok, agent_id: 'bad\u0000' },
      { ...ok, prompt: 'What is 2+2?' },
      { ...ok, created_at: '0000-01-01' },
    ]);
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ stored: 2, rejected: 2 });
    expect(body.rejected.map((r) => r.index)).toEqual([1, 3]);
    for (const r of body.rejected) expect(r.reason).not.toMatch(SQL_TEXT);
  });

  it('turns a refusal only the database can make into that item’s rejection, in its own words', async () => {
    // Bypasses validation on purpose: what the database refuses on its own must still be a per-item answer.
    const item = { clientId: null, agentId: 'a\u0000b', prompt: 'p', response: 'r', metadata: {}, occurredAt: null };
    const out = await storeEvents(h.db, { projectId: SANDBOX_PROJECT_ID, source: 'api', batchId: null }, [{ index: 0, item }]);
    expect(out.stored).toEqual([]);
    expect(out.failed).toHaveLength(1);
    expect(out.failed[0]!.reason).toMatch(/^the database refused it \(/);
    expect(out.failed[0]!.reason).not.toMatch(SQL_TEXT);
  });
});

describe('batch records', () => {
  it('exist for every stored event, API requests included', async () => {
    await post([{ ...ok, prompt: 'recorded?' }]);
    const orphans = await h.db.execute(
      sql`select count(*)::int as n from ${events} e where e.batch_id is not null and not exists (select 1 from ${ingestBatches} b where b.id = e.batch_id)`,
    );
    const rows = Array.isArray(orphans) ? orphans : (orphans as { rows: { n: number }[] }).rows;
    expect((rows[0] as { n: number }).n).toBe(0);
    expect(await h.db.select().from(ingestBatches).where(isNull(ingestBatches.finishedAt))).toEqual([]);
  });

  it('keep a rejection that quotes a NUL, and the upload still completes', async () => {
    const file = [JSON.stringify(ok), '{"agent_id": "a", "prompt": "bro\u0000ken', JSON.stringify({ ...ok, prompt: 'What is 3+3?' })].join(
      '\n',
    );
    const r = await ingestUpload(h.db, bytesOf(file), {
      projectId: SANDBOX_PROJECT_ID,
      fileName: 'nul.jsonl',
      format: 'jsonl',
      maxBytes: 1024 * 1024,
      kind: 'upload',
      createdBy: null,
    });
    expect(r).toMatchObject({ stored: 2, rejected: 1 });
    const [batch] = await h.db.select().from(ingestBatches).where(eq(ingestBatches.id, r.id));
    expect(batch).toMatchObject({ status: 'done', stored: 2, rejected: 1 });
  });

  it('are finished with the error when an upload stops half-way, and the events before it stay', async () => {
    async function* failing() {
      yield new TextEncoder().encode(`${JSON.stringify({ ...ok, prompt: 'before the failure' })}\n`);
      throw new Error('the connection to the client was lost');
    }
    const opts = {
      projectId: SANDBOX_PROJECT_ID,
      fileName: 'cut.jsonl',
      format: 'jsonl' as const,
      maxBytes: 1 << 20,
      kind: 'upload' as const,
      createdBy: null,
    };
    await expect(ingestUpload(h.db, failing(), opts)).rejects.toThrow(/connection to the client was lost/);
    const [batch] = await h.db.select().from(ingestBatches).where(eq(ingestBatches.fileName, 'cut.jsonl'));
    expect(batch).toMatchObject({ status: 'failed' });
    expect(batch!.error).toMatch(/stopped after line \d+ on a server error \(err_\w+\)/);
    expect(batch!.finishedAt).not.toBeNull();
    const kept = await h.db.select().from(events).where(eq(events.batchId, batch!.id));
    expect(kept.map((e) => e.prompt)).toEqual(['before the failure']);
    expect(batch!.stored).toBe(1);
  });
});
