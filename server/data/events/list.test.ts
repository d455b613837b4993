// The explorer's read model on the seeded demo: keyset pages visit every event once, filters and search narrow correctly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq, sql } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { annotationAssignments, annotationItems, annotationQueues, events } from '@/db/schema';
import type { DbHandle } from '@/db';
import { ingestBatch } from '@/server/data/ingest/batch';
import { eventFilterSchema, type EventFilter } from './filter';
import { countEvents, getEvent, listAgents, listEvents } from './list';
import { setVerdict } from '@/server/testing/verdicts';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

const P = DEMO_PROJECT_ID;

async function walk(f: EventFilter, limit: number) {
  const rows: Awaited<ReturnType<typeof listEvents>>['rows'] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await listEvents(h.db, P, { ...f, cursor, limit });
    rows.push(...page.rows);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return rows;
}

describe('events explorer', () => {
  it('pages newest first through every event exactly once', async () => {
    const [total] = await h.db.select({ n: count() }).from(events).where(eq(events.projectId, P));
    const rows = await walk({}, 97);
    expect(rows.length).toBe(total!.n);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.occurredAt.getTime()).toBeGreaterThanOrEqual(rows[i]!.occurredAt.getTime());
  });

  it('breaks ties on the same timestamp by id, so no event is skipped or repeated', async () => {
    const at = '2020-01-01T00:00:00.123456Z';
    await ingestBatch(h.db, {
      projectId: P,
      source: 'api',
      items: Array.from({ length: 7 }, (_, i) => ({ agent_id: 'tie-agent', prompt: `tie ${i}`, response: 'r', created_at: at })),
    });
    const rows = await walk({ agentId: 'tie-agent' }, 2);
    expect(rows.map((r) => r.prompt).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `tie ${i}`));
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort().reverse());
  });

  it('filters by agent, source and cleaning status, and searches prompt and response text', async () => {
    const support = await walk({ agentId: 'support-bot' }, 200);
    expect(support.length).toBeGreaterThanOrEqual(140);
    expect(support.every((r) => r.agentId === 'support-bot')).toBe(true);
    expect((await countEvents(h.db, P, { agentId: 'math-agent', source: 'seed' })).count).toBe(3600);
    expect((await countEvents(h.db, P, { source: 'upload' })).count).toBe(0);

    const iban = await walk({ q: 'iban' }, 50);
    expect(iban.length).toBeGreaterThan(0);
    expect(iban.every((r) => /iban/i.test(r.prompt + r.response))).toBe(true);
    // The transcript lives in the response: searching it finds the calculator calls.
    const [mathEvent] = (await listEvents(h.db, P, { agentId: 'math-agent', limit: 1 })).rows;
    const call = /<call:calculator>[^<]+<\/call>/.exec(mathEvent!.response)![0];
    const calls = await countEvents(h.db, P, { q: call });
    expect(calls.count).toBeGreaterThan(0);
    // LIKE wildcards typed by a user are literal: "30%" is in a chat, "3_%" (which as a pattern would match it) is not.
    expect((await countEvents(h.db, P, { q: '30%' })).count).toBeGreaterThan(0);
    expect((await countEvents(h.db, P, { q: '3_%' })).count).toBe(0);

    const [one] = support;
    await setVerdict(h.db, P, one!.id, { status: 'filtered', filterReason: 'too_short' });
    const filtered = await walk({ cleanStatus: 'filtered' }, 50);
    expect(filtered.map((r) => [r.id, r.filterReason])).toEqual([[one!.id, 'too_short']]);
  });

  it('refuses a search shorter than three characters with a message, and takes one of three', () => {
    const short = eventFilterSchema.safeParse({ q: ' zz ' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe('Type at least 3 characters to search.');
    expect(eventFilterSchema.parse({ q: ' 42+ ' }).q).toBe('42+');
  });

  it('pages a status from the live verdicts newest first, as walking every event would, past uncleaned new events', async () => {
    // Kept verdicts on every 9th math event of the older half; the newest events stay uncleaned, as after an ingest.
    const math = (
      await h.db.select({ id: events.id }).from(events).where(eq(events.agentId, 'math-agent')).orderBy(events.occurredAt, events.id)
    ).map((r) => r.id);
    const kept = math.slice(0, math.length / 2).filter((_, i) => i % 9 === 0);
    for (const id of kept) await setVerdict(h.db, P, id, { status: 'kept', runId: 'clean_list_live' });
    // A run that is not live (still running, or superseded) must not show.
    await setVerdict(h.db, P, math.at(-1)!, { status: 'kept', runId: 'clean_list_live' });
    await h.db.execute(sql`update clean_runs set live = false where id = 'clean_list_live'`);
    expect(await walk({ cleanStatus: 'kept' }, 7)).toEqual([]);
    await h.db.execute(sql`update clean_runs set live = true where id = 'clean_list_live'`);
    await h.db.execute(sql`delete from clean_verdicts where event_id = ${math.at(-1)!}`);

    const paged = await walk({ cleanStatus: 'kept' }, 7);
    expect(paged.map((r) => r.id)).toEqual([...kept].reverse());
    expect(paged.every((r) => r.cleanStatus === 'kept')).toBe(true);
    // With an agent and a day range the same rows come in the same order, whichever index the planner starts from.
    const day = paged[3]!.occurredAt.toISOString().slice(0, 10);
    const inDay = await walk({ cleanStatus: 'kept', agentId: 'math-agent', from: day, to: day }, 2);
    expect(inDay.map((r) => r.id)).toEqual(paged.filter((r) => r.occurredAt.toISOString().startsWith(day)).map((r) => r.id));
    expect(await walk({ cleanStatus: 'kept', agentId: 'support-bot' }, 7)).toEqual([]);
    await h.db.execute(sql`delete from clean_runs where id = 'clean_list_live'`);
  });

  it('narrows by date range, a day being inclusive', async () => {
    const rows = await walk({ from: '2020-01-01', to: '2020-01-01' }, 50);
    expect(rows.length).toBe(7);
    expect((await countEvents(h.db, P, { to: '2019-12-31' })).count).toBe(0);
  });

  it('filters by minimum mean rating once events are rated', async () => {
    const [a, b] = (await listEvents(h.db, P, { agentId: 'math-agent', limit: 2 })).rows;
    await h.db.insert(annotationQueues).values({ id: 'q_list_test', projectId: P, name: 'list test' });
    await h.db.insert(annotationItems).values([
      { id: 'qi_a', projectId: P, queueId: 'q_list_test', eventId: a!.id, position: 0 },
      { id: 'qi_b', projectId: P, queueId: 'q_list_test', eventId: b!.id, position: 1 },
    ]);
    const rated = (id: string, itemId: string, eventId: string, userId: string, value: number) => ({
      id,
      projectId: P,
      queueId: 'q_list_test',
      itemId,
      eventId,
      userId,
      status: 'rated' as const,
      value,
      ratedAt: new Date(),
    });
    await h.db
      .insert(annotationAssignments)
      .values([
        rated('as_1', 'qi_a', a!.id, 'user_annotator', 1),
        rated('as_2', 'qi_a', a!.id, 'user_engineer', 0.75),
        rated('as_3', 'qi_b', b!.id, 'user_annotator', 0.25),
      ]);
    const good = await walk({ minRating: 0.8 }, 50);
    expect(good.map((r) => [r.id, r.rating])).toEqual([[a!.id, 0.875]]);
    expect((await countEvents(h.db, P, { minRating: 0 })).count).toBe(2);
    // With another condition the rated events are looked up one by one: same rows, same order, same cursor.
    const both = await walk({ minRating: 0, agentId: 'math-agent' }, 1);
    expect(both.map((r) => [r.id, r.rating])).toEqual([
      [a!.id, 0.875],
      [b!.id, 0.25],
    ]);
    expect(await walk({ minRating: 0, agentId: 'support-bot' }, 1)).toEqual([]);
    const word = a!.prompt.split(/\s+/).find((w) => w.length >= 3)!;
    expect((await walk({ minRating: 0.5, q: word }, 1)).map((r) => r.id)).toEqual([a!.id]);
    const detail = await getEvent(h.db, P, b!.id, { role: 'viewer' });
    expect(detail?.rating).toEqual({ mean: 0.25, n: 1 });
    await h.db.delete(annotationQueues).where(eq(annotationQueues.id, 'q_list_test'));
  });

  it('lists the agents and opens one event with its full text', async () => {
    expect(await listAgents(h.db, P)).toEqual([{ agentId: 'math-agent' }, { agentId: 'support-bot' }, { agentId: 'tie-agent' }]);
    expect(await listAgents(h.db, 'proj_sandbox')).toEqual([]);
    const [longest] = await h.db
      .select({ id: events.id })
      .from(events)
      .where(eq(events.projectId, P))
      .orderBy(desc(sql`length(${events.prompt})`))
      .limit(1);
    const page = await listEvents(h.db, P, { q: 'xxxxxxxxxx', limit: 5 });
    expect(page.rows[0]!.prompt.length).toBe(240);
    const full = await getEvent(h.db, P, longest!.id, { role: 'viewer' });
    expect(full!.event.prompt.length).toBe(3000);
    expect(await getEvent(h.db, 'proj_sandbox', longest!.id, { role: 'viewer' })).toBeNull();
  });
});
