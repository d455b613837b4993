// Annotation end to end through the API on a real (embedded) database: filling queues, overlap, blind rating,
// annotator isolation, and the rating summary other parts of the Data factory read.
import { DomainError } from '@/server/domain-error';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import type { DbHandle } from '@/db';
import { annotationAssignments, events, judgeRatings } from '@/db/schema';
import { minRatingCondition, ratingSummary } from './rating-summary';
import { DEMO_QUEUE_NAME } from './seed';
import { callerFor, dbWithEvents, P } from './testing';
import { setVerdict } from '@/server/testing/verdicts';

let h: DbHandle;
beforeAll(async () => {
  h = await dbWithEvents(30);
});
afterAll(() => h.close());

const eng = () => callerFor(h, 'user_engineer');
const ann = () => callerFor(h, 'user_annotator');
const admin = () => callerFor(h, 'user_admin');
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );

describe('filling a queue', () => {
  it('adds a seeded sample reproducibly, filters by agent, skips what is already in, and reports unknown ids', async () => {
    const a = await eng().createQueue({ projectId: P, name: 'sample A' });
    const b = await eng().createQueue({ projectId: P, name: 'sample B' });
    const math = { agentId: 'test-math' };
    expect(await eng().addItems({ projectId: P, queueId: a.id, mode: 'sample', n: 8, seed: 42, filter: math })).toMatchObject({ added: 8 });
    await eng().addItems({ projectId: P, queueId: b.id, mode: 'sample', n: 8, seed: 42, filter: math });
    const ids = async (queueId: string) => (await eng().items({ projectId: P, queueId, pageSize: 100 })).rows.map((r) => r.eventId);
    expect(await ids(a.id)).toEqual(await ids(b.id));
    const c = await eng().createQueue({ projectId: P, name: 'sample C' });
    await eng().addItems({ projectId: P, queueId: c.id, mode: 'sample', n: 8, seed: 7, filter: math });
    expect(await ids(c.id)).not.toEqual(await ids(a.id));

    const more = await eng().addItems({ projectId: P, queueId: a.id, mode: 'filter', filter: { agentId: 'test-support' }, limit: 100 });
    expect(more.added).toBe(10);
    const items = await eng().items({ projectId: P, queueId: a.id, pageSize: 100 });
    expect(new Set(items.rows.map((r) => r.eventId)).size).toBe(items.total);
    expect(items.rows.map((r) => r.position)).toEqual([...items.rows.map((r) => r.position)].sort((x, y) => x - y));

    const before = new Set(await ids(a.id));
    const asked = ['evt_t1', 'evt_t1', 'evt_nope', items.rows[0]!.eventId];
    const byIds = await eng().addItems({ projectId: P, queueId: a.id, mode: 'ids', eventIds: asked });
    const known = [...new Set(asked)].filter((id) => id !== 'evt_nope');
    expect(byIds).toEqual({
      notFound: 1,
      alreadyInQueue: known.filter((id) => before.has(id)).length,
      added: known.filter((id) => !before.has(id)).length,
      matched: known.length,
    });
  });

  it('never adds events cleaning filtered out, and refuses duplicate queue names beside the field', async () => {
    await setVerdict(h.db, P, 'evt_t29', { status: 'filtered', filterReason: 'too_short' });
    const q = await eng().createQueue({ projectId: P, name: 'everything' });
    await eng().addItems({ projectId: P, queueId: q.id, mode: 'filter', filter: { agentId: 'test-math' }, limit: 1000 });
    const rows = (await eng().items({ projectId: P, queueId: q.id, pageSize: 100 })).rows.map((r) => r.eventId);
    expect(rows).toHaveLength(19); // 20 test-math events, one filtered out
    expect(rows).not.toContain('evt_t29');
    const err = await eng()
      .createQueue({ projectId: P, name: 'everything' })
      .catch((e) => e);
    expect(err.code).toBe('CONFLICT');
  });
});

describe('assignment', () => {
  it('round-robin gives each item `overlap` distinct raters from the pool', async () => {
    const q = await eng().createQueue({ projectId: P, name: 'overlap', overlap: 2 });
    await eng().addItems({ projectId: P, queueId: q.id, mode: 'filter', filter: { agentId: 'test-math' }, limit: 9 });
    const tooFew = await eng()
      .assign({ projectId: P, queueId: q.id, strategy: 'round_robin' })
      .catch((e) => e);
    expect(tooFew.message).toMatch(/overlap is 2.*only 1 rater/);
    const r = await eng().assign({
      projectId: P,
      queueId: q.id,
      strategy: 'round_robin',
      userIds: ['user_annotator', 'user_engineer', 'user_admin'],
    });
    expect(r).toEqual({ assigned: 18, raters: 3, shortItems: 0 });
    const rows = await h.db.select().from(annotationAssignments).where(eq(annotationAssignments.queueId, q.id));
    const perItem = new Map<string, string[]>();
    for (const a of rows) perItem.set(a.itemId, [...(perItem.get(a.itemId) ?? []), a.userId]);
    expect(perItem.size).toBe(9);
    for (const raters of perItem.values()) expect(new Set(raters).size).toBe(2);
    expect(rows.filter((a) => a.userId === 'user_annotator')).toHaveLength(6);
    // A second round adds nothing: every item already has its two raters.
    expect(
      (await eng().assign({ projectId: P, queueId: q.id, strategy: 'round_robin', userIds: ['user_annotator', 'user_engineer'] })).assigned,
    ).toBe(0);
    const notRater = await eng()
      .assign({ projectId: P, queueId: q.id, strategy: 'everyone', userIds: ['user_viewer'] })
      .catch((e) => e);
    expect(notRater.message).toMatch(/Not a rater/);
    // The field travels on the domain error the API formats, so the form shows the message beside the raters picker.
    expect(notRater.code).toBe('BAD_REQUEST');
    expect(notRater.cause).toBeInstanceOf(DomainError);
    expect(notRater.cause.fieldErrors).toEqual({ userIds: [notRater.message] });
  });
});

async function ratedQueue(name: string, blind: boolean) {
  const q = await eng().createQueue({ projectId: P, name, blind, overlap: 2 });
  await eng().addItems({ projectId: P, queueId: q.id, mode: 'ids', eventIds: ['evt_t0', 'evt_t1', 'evt_t2'] });
  await eng().assign({ projectId: P, queueId: q.id, strategy: 'everyone', userIds: ['user_annotator', 'user_engineer'] });
  const engItems = (await eng().myItems({ projectId: P, queueId: q.id })).items;
  for (const it of engItems) await eng().rate({ projectId: P, assignmentId: it.assignmentId, value: 0.25, durationMs: 4000 });
  const items = await eng().items({ projectId: P, queueId: q.id });
  await h.db.insert(judgeRatings).values({
    id: `jr_${name}`,
    projectId: P,
    queueId: q.id,
    itemId: items.rows[0]!.itemId,
    eventId: 'evt_t0',
    value: 0.9,
    reason: 'fine',
    model: 'm',
  });
  return q;
}

describe('the rating screen', () => {
  it('shows items one by one, rates, skips and comments, all stored', async () => {
    const q = await ratedQueue('screen', true);
    const mine = await ann().myQueues({ projectId: P });
    expect(mine.find((m) => m.queueId === q.id)).toMatchObject({ total: 3, rated: 0, pending: 3 });
    const { items, queue } = await ann().myItems({ projectId: P, queueId: q.id });
    expect(queue.scalePoints).toBe(5);
    const first = await ann().item({ projectId: P, assignmentId: items[0]!.assignmentId });
    expect(first.prompt).toBe('What is 2+1?');
    expect(first.response).toContain('<call:calculator>');
    await ann().rate({ projectId: P, assignmentId: items[0]!.assignmentId, value: 1, durationMs: 3000 });
    await ann().skip({ projectId: P, assignmentId: items[1]!.assignmentId });
    await ann().comment({ projectId: P, assignmentId: items[1]!.assignmentId, comment: '  unclear prompt ' });
    // Skipping a rated item keeps its rating.
    await ann().skip({ projectId: P, assignmentId: items[0]!.assignmentId });
    const after = (await ann().myItems({ projectId: P, queueId: q.id })).items;
    expect(after.map((i) => [i.status, i.value])).toEqual([
      ['rated', 1],
      ['skipped', null],
      ['pending', null],
    ]);
    expect(after[1]!.comment).toBe('unclear prompt');
    const report = await eng().report({ projectId: P, queueId: q.id });
    expect(report.raters.find((r) => r.raterId === 'user_annotator')).toMatchObject({ rated: 1, skipped: 1, pending: 1, medianSeconds: 3 });
  });

  it('blind queues never send other raters’ or the judge’s ratings; open ones do', async () => {
    const blind = await ratedQueue('blind', true);
    const open = await ratedQueue('open', false);
    const look = async (queueId: string) => {
      const { items } = await ann().myItems({ projectId: P, queueId });
      return ann().item({ projectId: P, assignmentId: items[0]!.assignmentId });
    };
    const b = await look(blind.id);
    expect(b.blind).toBe(true);
    expect(b).not.toHaveProperty('others');
    expect(b).not.toHaveProperty('judge');
    expect(JSON.stringify(b)).not.toContain('0.25');
    const o = await look(open.id);
    expect(o).toMatchObject({ blind: false, others: [{ rater: 'Eli Engineer', value: 0.25 }], judge: { value: 0.9, reason: 'fine' } });
  });

  it('an annotator reaches only items assigned to them, and nothing of the engineers’ view', async () => {
    const q = await ratedQueue('isolation', true);
    const engAssignment = (await eng().myItems({ projectId: P, queueId: q.id })).items[0]!.assignmentId;
    expect(await code(ann().item({ projectId: P, assignmentId: engAssignment }))).toBe('NOT_FOUND');
    expect(await code(ann().rate({ projectId: P, assignmentId: engAssignment, value: 0 }))).toBe('NOT_FOUND');
    expect(await code(ann().comment({ projectId: P, assignmentId: engAssignment, comment: 'x' }))).toBe('NOT_FOUND');
    const other = await eng().createQueue({ projectId: P, name: 'not yours' });
    await eng().addItems({ projectId: P, queueId: other.id, mode: 'ids', eventIds: ['evt_t5'] });
    expect(await code(ann().myItems({ projectId: P, queueId: other.id }))).toBe('NOT_FOUND');
    for (const p of [
      ann().items({ projectId: P, queueId: q.id }),
      ann().report({ projectId: P, queueId: q.id }),
      ann().queues({ projectId: P }),
      ann().addItems({ projectId: P, queueId: q.id, mode: 'ids', eventIds: ['evt_t5'] }),
      ann().judgeSettings({ projectId: P }),
    ])
      expect(await code(p)).toBe('FORBIDDEN');
    // Even an admin reads items through the rating screen only when they are assigned.
    expect(await code(admin().item({ projectId: P, assignmentId: engAssignment }))).toBe('NOT_FOUND');
  });
});

describe('rating summary for the explorer and datasets', () => {
  it('gives the mean human rating per event and filters events by a minimum in SQL', async () => {
    const summary = await ratingSummary(h.db, P, ['evt_t0', 'evt_t1', 'evt_t3']);
    const t0 = summary.get('evt_t0')!;
    expect(t0.n).toBeGreaterThanOrEqual(2);
    const rated = await h.db
      .select({ v: annotationAssignments.value })
      .from(annotationAssignments)
      .where(and(eq(annotationAssignments.eventId, 'evt_t0'), eq(annotationAssignments.status, 'rated')));
    expect(t0.meanRating).toBeCloseTo(rated.reduce((s, r) => s + r.v!, 0) / rated.length, 10);
    expect(summary.has('evt_t3')).toBe(false);
    // evt_t0 got the annotator's 1 besides the engineer's 0.25s; evt_t1 and evt_t2 only 0.25s.
    const atLeast = async (min: number) =>
      (
        await h.db
          .select({ id: events.id })
          .from(events)
          .where(and(eq(events.projectId, P), minRatingCondition(min)))
          .orderBy(events.id)
      ).map((g) => g.id);
    expect(await atLeast(0.3)).toEqual(['evt_t0']);
    expect(await atLeast(0.25)).toEqual(['evt_t0', 'evt_t1', 'evt_t2']);
    expect(await atLeast(0.9)).toEqual([]);
  });
});

describe('demo seed', () => {
  it('leaves a blind queue of arithmetic items waiting for the annotator and the engineer, with nothing rated', async () => {
    const demo = (await ann().myQueues({ projectId: P })).find((q) => q.name === DEMO_QUEUE_NAME);
    expect(demo).toMatchObject({ total: 40, pending: 40, rated: 0 });
    const report = await eng().report({ projectId: P, queueId: demo!.queueId });
    expect(report.progress).toMatchObject({ items: 40, assignments: 80, rated: 0 });
    expect(report.queue.blind).toBe(true);
  });
});

describe('blind queues', () => {
  it('show a rater who also manages the queue no other ratings on an item until they have rated it', async () => {
    const q = await eng().createQueue({ projectId: P, name: 'blind to managers too', overlap: 2, blind: true });
    await eng().addItems({ projectId: P, queueId: q.id, mode: 'ids', eventIds: ['evt_t2', 'evt_t4'] });
    await eng().assign({ projectId: P, queueId: q.id, strategy: 'everyone', userIds: ['user_annotator', 'user_engineer'] });
    const annItems = (await ann().myItems({ projectId: P, queueId: q.id })).items;
    for (const it of annItems) await ann().rate({ projectId: P, assignmentId: it.assignmentId, value: 1 });
    await ann().comment({ projectId: P, assignmentId: annItems[0]!.assignmentId, comment: 'clearly right' });

    const seen = async () => (await eng().items({ projectId: P, queueId: q.id })).rows;
    for (const row of await seen()) {
      expect(row.hiddenUntilYouRate).toBe(true);
      expect(row.ratings).toEqual([]);
      expect(JSON.stringify(row)).not.toContain('clearly right');
    }
    const mine = (await eng().myItems({ projectId: P, queueId: q.id })).items;
    await eng().rate({ projectId: P, assignmentId: mine[0]!.assignmentId, value: 0.5 });
    const after = await seen();
    const visible = after.filter((r) => !r.hiddenUntilYouRate);
    expect(visible).toHaveLength(1);
    expect(visible[0]!.ratings.map((r) => r.value).sort()).toEqual([0.5, 1]);
    expect(after.filter((r) => r.hiddenUntilYouRate)).toHaveLength(1);
    // Someone who rates nothing in the queue (a manager reading it) sees every rating.
    const viewer = (await callerFor(h, 'user_viewer').items({ projectId: P, queueId: q.id })).rows;
    expect(viewer.every((r) => !r.hiddenUntilYouRate && r.ratings.length === 2)).toBe(true);
  });
});
