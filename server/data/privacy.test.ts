// Private by default: an uncleaned event's e-mail and phone never reach a viewer or an annotator (list, detail,
// rating screen, queue rows); an engineer sees the raw text only by asking for the original; the badge shows only
// where something was redacted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { createCaller } from '@/server/routers/_app';
import { ingestBatch } from '@/server/data/ingest/batch';
import type { DbHandle } from '@/db';

let h: DbHandle;
const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } });
const EMAIL = 'ana.lopez@example.org';
const PHONE = '+1 415 555 0199';
const PRIVATE_PROMPT = `Please call me back at ${PHONE} or write to ${EMAIL} about my refund.`;
let privateId = '';
let plainId = '';

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  const reply = await ingestBatch(h.db, {
    projectId: P,
    source: 'api',
    items: [
      { agent_id: 'privacy-agent', prompt: PRIVATE_PROMPT, response: `Noted, I will write to ${EMAIL}.` },
      { agent_id: 'privacy-agent', prompt: 'What is 2+2?', response: '4' },
    ],
  });
  [privateId, plainId] = reply.stored.map((a) => a.id) as [string, string];
});
afterAll(() => h?.close());

describe('what readers see of raw events', () => {
  it('lists redacted previews, with the badge only on the row that had personal data', async () => {
    const page = await as('user_viewer').data.events.list({ projectId: P, agentId: 'privacy-agent', limit: 10 });
    const text = JSON.stringify(page.rows);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain('555 0199');
    expect(page.rows.find((r) => r.id === privateId)?.redacted).toBe(true);
    expect(page.rows.find((r) => r.id === plainId)).toMatchObject({ redacted: false, prompt: 'What is 2+2?' });
  });

  it('never gives a viewer the original, even when asked; gives it to an engineer who asks', async () => {
    const viewer = await as('user_viewer').data.events.get({ projectId: P, eventId: privateId, original: true });
    expect(JSON.stringify(viewer)).not.toContain(EMAIL);
    expect(viewer).toMatchObject({ original: null, mayReadOriginal: false, event: { redacted: true, cleaned: false } });

    const engineer = await as('user_engineer').data.events.get({ projectId: P, eventId: privateId });
    expect(JSON.stringify(engineer.event)).not.toContain(EMAIL);
    expect(engineer).toMatchObject({ original: null, mayReadOriginal: true });
    const asked = await as('user_engineer').data.events.get({ projectId: P, eventId: privateId, original: true });
    expect(asked.original?.prompt).toBe(PRIVATE_PROMPT);
  });

  it('shows annotators and the queue list the redacted text of an uncleaned event', async () => {
    const engineer = as('user_engineer').data.annotation;
    const queue = await engineer.createQueue({ projectId: P, name: 'privacy', blind: false });
    await engineer.addItems({ projectId: P, queueId: queue.id, mode: 'filter', filter: { agentId: 'privacy-agent' }, limit: 10 });
    await engineer.assign({ projectId: P, queueId: queue.id, strategy: 'everyone', userIds: ['user_annotator'] });
    const annotator = as('user_annotator').data.annotation;
    const mine = await annotator.myItems({ projectId: P, queueId: queue.id });
    const items = await Promise.all(mine.items.map((i) => annotator.item({ projectId: P, assignmentId: i.assignmentId })));
    const item = items.find((i) => i.eventId === privateId);
    expect(item).toBeDefined();
    expect(JSON.stringify(items)).not.toContain(EMAIL);
    expect(item!.redacted).toBe(true);
    expect(items.find((i) => i.eventId === plainId)?.redacted).toBe(false);
    const rows = await as('user_viewer').data.annotation.items({ projectId: P, queueId: queue.id });
    expect(JSON.stringify(rows)).not.toContain(EMAIL);
  });
});
