// The annotation flow on real Postgres (postgres-js returns rows differently from PGlite): fill, assign, rate,
// blind reads, the report and the rating summary view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { postgresReachable } from '@/server/testing/db';
import { events, judgeRatings } from '@/db/schema';
import { minRatingCondition, ratingSummary } from './rating-summary';
import { latestJudgeJob } from './report';
import { callerFor, dbWithEvents, P } from './testing';

const reachable = await postgresReachable();

describe.skipIf(!reachable)('annotation on Postgres', () => {
  let h: Awaited<ReturnType<typeof dbWithEvents>>;
  beforeAll(async () => {
    h = await dbWithEvents(12, 'postgres');
  });
  afterAll(() => h?.drop?.());

  it('fills, assigns with overlap, rates blind, and reports agreement and summaries', async () => {
    const eng = callerFor(h, 'user_engineer');
    const ann = callerFor(h, 'user_annotator');
    const q = await eng.createQueue({ projectId: P, name: 'pg', overlap: 2 });
    expect(
      await eng.addItems({
        projectId: P,
        queueId: q.id,
        mode: 'sample',
        n: 6,
        seed: 3,
        filter: { agentId: 'test-math', notYetRated: true },
      }),
    ).toMatchObject({ added: 6 });
    expect(
      await eng.assign({ projectId: P, queueId: q.id, strategy: 'round_robin', userIds: ['user_annotator', 'user_engineer'] }),
    ).toEqual({ assigned: 12, raters: 2, shortItems: 0 });
    for (const [caller, value] of [
      [ann, 1],
      [eng, 0.75],
    ] as const) {
      const { items } = await caller.myItems({ projectId: P, queueId: q.id });
      for (const [i, it] of items.entries())
        await caller.rate({ projectId: P, assignmentId: it.assignmentId, value: i % 2 ? 0 : value, durationMs: 2000 });
    }
    const first = (await ann.myItems({ projectId: P, queueId: q.id })).items[0]!;
    const seen = await ann.item({ projectId: P, assignmentId: first.assignmentId });
    expect(seen).not.toHaveProperty('others');
    const queues = await ann.myQueues({ projectId: P });
    expect(queues.find((x) => x.queueId === q.id)).toMatchObject({ total: 6, rated: 6, pending: 0 });

    const report = await eng.report({ projectId: P, queueId: q.id });
    expect(report.progress).toMatchObject({ items: 6, assignments: 12, rated: 12, completeItems: 6 });
    expect(report.humans.pairedItems).toBe(6);
    expect(report.humans.alpha!).toBeGreaterThan(0.8);
    expect(report.raters.map((r) => r.medianSeconds)).toEqual([2, 2]);

    const rows = (await eng.items({ projectId: P, queueId: q.id, pageSize: 100 })).rows;
    const summary = await ratingSummary(
      h.db,
      P,
      rows.map((r) => r.eventId),
    );
    expect([...summary.values()].map((s) => s.n)).toEqual([2, 2, 2, 2, 2, 2]);
    const high = await h.db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.projectId, P), minRatingCondition(0.8)));
    expect(high).toHaveLength(3);
    expect(await latestJudgeJob(h.db, P, q.id)).toBeNull();
    expect(await h.db.select().from(judgeRatings)).toHaveLength(0);
  });
});
