// The event_ratings table the triggers on annotation_assignments keep: after any write to ratings (rate, re-rate,
// skip, bulk insert, a queue deleted) it holds exactly what aggregating the ratings gives, with the event's time and
// agent; on Postgres two raters committing the same event at once both count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { annotationAssignments, annotationItems, annotationQueues, eventRatings, events } from '@/db/schema';
import { postgresReachable, type ScratchPostgres } from '@/server/testing/db';
import { rowsOf } from '../sql-rows';
import { dbWithEvents, P } from './testing';

const reachable = await postgresReachable();
const RATERS = ['user_annotator', 'user_engineer'];

type Handle = Awaited<ReturnType<typeof dbWithEvents>>;

/** What the ratings say, aggregated here: the table must equal it. */
async function expected(h: Handle) {
  const res = await h.db.execute(sql`
    select a.event_id, e.project_id, e.agent_id, e.occurred_at::text as at, avg(a.value)::float8 as mean, count(*)::int as n
    from annotation_assignments a join events e on e.id = a.event_id where a.status = 'rated'
    group by 1, 2, 3, 4 order by 1`);
  return rowsOf<{ event_id: string; project_id: string; agent_id: string; at: string; mean: number; n: number }>(res).map((r) => ({
    eventId: r.event_id,
    projectId: r.project_id,
    agentId: r.agent_id,
    at: r.at,
    mean: Number(r.mean),
    n: Number(r.n),
  }));
}

async function stored(h: Handle) {
  const rows = await h.db
    .select({
      eventId: eventRatings.eventId,
      projectId: eventRatings.projectId,
      agentId: eventRatings.agentId,
      at: sql<string>`${eventRatings.occurredAt}::text`,
      mean: eventRatings.meanRating,
      n: eventRatings.n,
    })
    .from(eventRatings)
    .orderBy(eventRatings.eventId);
  return rows.map((r) => ({ ...r, mean: Number(r.mean), n: Number(r.n) }));
}

async function queueWith(h: Handle, queueId: string, eventIds: string[]) {
  await h.db.insert(annotationQueues).values({ id: queueId, projectId: P, name: queueId });
  await h.db
    .insert(annotationItems)
    .values(eventIds.map((eventId, position) => ({ id: `${queueId}_${eventId}`, projectId: P, queueId, eventId, position })));
}

const assignment = (queueId: string, eventId: string, userId: string, value: number | null) => ({
  id: `${queueId}_${eventId}_${userId}`,
  projectId: P,
  queueId,
  itemId: `${queueId}_${eventId}`,
  eventId,
  userId,
  status: value === null ? ('pending' as const) : ('rated' as const),
  value,
});

function suite(on: 'pglite' | 'postgres') {
  let h: Handle;
  beforeAll(async () => {
    h = await dbWithEvents(40, on);
  });
  afterAll(async () => (h?.drop ? h.drop() : h?.close()));

  it('follows every kind of write to the ratings, and equals the ratings aggregated', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `evt_t${i}`);
    await queueWith(h, 'q_a', ids);
    await queueWith(h, 'q_b', ids.slice(0, 10));
    // One statement rating 40 events (a bulk write), another half of them again by a second rater.
    await h.db.insert(annotationAssignments).values(ids.map((e, i) => assignment('q_a', e, RATERS[0]!, (i % 5) / 4)));
    await h.db.insert(annotationAssignments).values(ids.slice(0, 20).map((e) => assignment('q_a', e, RATERS[1]!, null)));
    expect(await stored(h)).toEqual(await expected(h));
    expect(await stored(h)).toHaveLength(40);
    expect((await stored(h)).find((r) => r.eventId === 'evt_t3')).toMatchObject({ agentId: 'test-support', mean: 0.75, n: 1 });

    // Pending assignments rated one by one, then one re-rated, one skipped after rating.
    for (const [i, e] of ids.slice(0, 20).entries())
      await h.db
        .update(annotationAssignments)
        .set({ status: 'rated', value: i % 2 ? 1 : 0 })
        .where(eq(annotationAssignments.id, `q_a_${e}_${RATERS[1]}`));
    await h.db
      .update(annotationAssignments)
      .set({ value: 0.25 })
      .where(eq(annotationAssignments.id, `q_a_evt_t3_${RATERS[0]}`));
    await h.db
      .update(annotationAssignments)
      .set({ status: 'skipped' })
      .where(eq(annotationAssignments.id, `q_a_evt_t4_${RATERS[0]}`));
    // Another queue rates the same events: the mean is across queues.
    await h.db.insert(annotationAssignments).values(ids.slice(0, 10).map((e) => assignment('q_b', e, RATERS[0]!, 0.5)));
    expect(await stored(h)).toEqual(await expected(h));
    expect((await stored(h)).find((r) => r.eventId === 'evt_t3')).toMatchObject({ mean: (0.25 + 1 + 0.5) / 3, n: 3 });
    expect((await stored(h)).find((r) => r.eventId === 'evt_t4')).toMatchObject({ mean: 0.25, n: 2 });

    // A deleted queue takes its ratings out (cascade through its items), and an event rated only there goes.
    await h.db.delete(annotationQueues).where(eq(annotationQueues.id, 'q_b'));
    await h.db.delete(annotationAssignments).where(eq(annotationAssignments.id, `q_a_evt_t39_${RATERS[0]}`));
    expect(await stored(h)).toEqual(await expected(h));
    expect((await stored(h)).map((r) => r.eventId)).not.toContain('evt_t39');
    // A deleted event takes its row with it.
    await h.db.delete(events).where(eq(events.id, 'evt_t38'));
    expect(await stored(h)).toEqual(await expected(h));
    expect((await stored(h)).map((r) => r.eventId)).not.toContain('evt_t38');
  });
}

describe('event_ratings on PGlite', () => suite('pglite'));
describe.skipIf(!reachable)('event_ratings on Postgres', () => {
  suite('postgres');

  it('counts both of two raters who rate the same event at the same moment', async () => {
    const h = await dbWithEvents(2, 'postgres');
    const url = (h as unknown as ScratchPostgres).url;
    const [a, b] = [postgres(url, { max: 1, onnotice: () => {} }), postgres(url, { max: 1, onnotice: () => {} })];
    try {
      await queueWith(h, 'q_c', ['evt_t0']);
      await h.db.insert(annotationAssignments).values(RATERS.map((u) => assignment('q_c', 'evt_t0', u, null)));
      const rate = (c: postgres.Sql, user: string, value: number) =>
        c.begin(async (tx) => {
          await tx`update annotation_assignments set status = 'rated', value = ${value} where id = ${`q_c_evt_t0_${user}`}`;
          // Both transactions have rated before either commits: without the lock each would store its own mean.
          await new Promise((r) => setTimeout(r, 300));
        });
      await Promise.all([rate(a, RATERS[0]!, 1), rate(b, RATERS[1]!, 0)]);
      expect(await stored(h)).toEqual([expect.objectContaining({ eventId: 'evt_t0', mean: 0.5, n: 2 })]);
    } finally {
      await Promise.all([a.end(), b.end()]);
      await h.drop?.();
    }
  });
});
