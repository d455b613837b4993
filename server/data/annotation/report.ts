// What engineers see of a queue: progress, human agreement, each rater's pace and spread, and the judge's standing.
import 'server-only';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { annotationAssignments, annotationItems, events, jobs, judgeRatings, liveVerdicts, users } from '@/db/schema';
import { verdictColumns, verdictOfEvent } from '../cleaning/verdicts';
import { humanAgreement, judgeAgreement, judgeVerdict, TRUST_RULE } from './agreement';
import { JUDGE_JOB_TYPE } from './judge-job';
import { getQueue, progressOf } from './queues';
import { distributionByRater, throughputByRater } from './throughput';
import { mapPage, paged } from '@/db/paging';
import { PREVIEW_OVERSCAN, shownPreview } from '../privacy';

/** Characters of prompt and response a queue row shows. */
const PREVIEW = 240;

export const JUDGE_KEY = 'judge';

export async function queueReport(db: Db, projectId: string, queueId: string) {
  const queue = await getQueue(db, projectId, queueId);
  const [human, judge, perRater, progress] = await Promise.all([
    db
      .select({
        itemId: annotationAssignments.itemId,
        raterId: annotationAssignments.userId,
        value: annotationAssignments.value,
        durationMs: annotationAssignments.durationMs,
        ratedAt: annotationAssignments.ratedAt,
      })
      .from(annotationAssignments)
      .where(and(eq(annotationAssignments.queueId, queueId), eq(annotationAssignments.status, 'rated'))),
    db
      .select({ itemId: judgeRatings.itemId, value: judgeRatings.value, model: judgeRatings.model })
      .from(judgeRatings)
      .where(eq(judgeRatings.queueId, queueId)),
    db
      .select({ raterId: annotationAssignments.userId, name: users.name, status: annotationAssignments.status, n: count() })
      .from(annotationAssignments)
      .innerJoin(users, eq(users.id, annotationAssignments.userId))
      .where(eq(annotationAssignments.queueId, queueId))
      .groupBy(annotationAssignments.userId, users.name, annotationAssignments.status),
    progressOf(db, [queueId]),
  ]);
  const ratings = human.map((h) => ({ ...h, value: h.value! }));
  const humans = humanAgreement(ratings);
  const judgeAgr = judge.length ? judgeAgreement(ratings, judge) : null;
  const names = new Map(perRater.map((r) => [r.raterId, r.name]));
  const pace = new Map(throughputByRater(ratings).map((t) => [t.raterId, t]));
  const raters = [...names.keys()].map((raterId) => {
    const counts = Object.fromEntries(perRater.filter((r) => r.raterId === raterId).map((r) => [r.status, r.n]));
    return {
      raterId,
      name: names.get(raterId)!,
      assigned: (counts.pending ?? 0) + (counts.rated ?? 0) + (counts.skipped ?? 0),
      pending: counts.pending ?? 0,
      skipped: counts.skipped ?? 0,
      rated: counts.rated ?? 0,
      itemsPerHour: pace.get(raterId)?.itemsPerHour ?? null,
      medianSeconds: pace.get(raterId)?.medianSeconds ?? null,
      lastRatedAt: pace.get(raterId)?.lastRatedAt ?? null,
    };
  });
  const distribution = distributionByRater([...ratings, ...judge.map((j) => ({ raterId: JUDGE_KEY, value: j.value }))], queue.scalePoints);
  return {
    queue,
    progress: progress.get(queueId)!,
    humans,
    judge: judgeAgr && { ...judgeAgr, models: [...new Set(judge.map((j) => j.model))], scored: judge.length },
    verdict: judgeVerdict(humans, judgeAgr),
    rule: TRUST_RULE,
    raters: raters.sort((a, b) => b.rated - a.rated || a.name.localeCompare(b.name)),
    distribution: { ...distribution, names: Object.fromEntries([...names, [JUDGE_KEY, 'LLM judge']]) as Record<string, string> },
  };
}

/**
 * The queue's items with every rating they got, for inspection. Blind means no rater sees other ratings on an item
 * before rating it, whatever else their role allows: on a blind queue, an item the viewer still has to rate shows
 * nobody's ratings, comments or judge score.
 */
export async function queueItems(db: Db, projectId: string, queueId: string, page: number, pageSize: number, viewerId: string) {
  const queue = await getQueue(db, projectId, queueId);
  const listed = await paged(
    { page, pageSize },
    (limit, offset) =>
      db
        .select({
          itemId: annotationItems.id,
          position: annotationItems.position,
          eventId: events.id,
          agentId: events.agentId,
          rawPrompt: sql<string>`left(${events.prompt}, ${PREVIEW + PREVIEW_OVERSCAN})`,
          rawResponse: sql<string>`left(${events.response}, ${PREVIEW + PREVIEW_OVERSCAN})`,
          cleanPrompt: sql<string | null>`left(${verdictColumns.cleanPrompt}, ${PREVIEW})`,
          cleanResponse: sql<string | null>`left(${verdictColumns.cleanResponse}, ${PREVIEW})`,
        })
        .from(annotationItems)
        .innerJoin(events, eq(events.id, annotationItems.eventId))
        .leftJoin(liveVerdicts, verdictOfEvent)
        .where(eq(annotationItems.queueId, queueId))
        .orderBy(asc(annotationItems.position))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(annotationItems).where(eq(annotationItems.queueId, queueId)),
  );
  const ids = listed.rows.map((r) => r.itemId);
  const [assigned, judged] = ids.length
    ? await Promise.all([
        db
          .select({
            itemId: annotationAssignments.itemId,
            rater: users.name,
            raterId: annotationAssignments.userId,
            status: annotationAssignments.status,
            value: annotationAssignments.value,
            comment: annotationAssignments.comment,
          })
          .from(annotationAssignments)
          .innerJoin(users, eq(users.id, annotationAssignments.userId))
          .where(inArray(annotationAssignments.itemId, ids))
          .orderBy(asc(users.name)),
        db
          .select({ itemId: judgeRatings.itemId, value: judgeRatings.value, reason: judgeRatings.reason })
          .from(judgeRatings)
          .where(inArray(judgeRatings.itemId, ids)),
      ])
    : [[], []];
  const unratedByViewer = new Set(assigned.filter((a) => a.raterId === viewerId && a.status !== 'rated').map((a) => a.itemId));
  const shown = mapPage(listed, ({ rawPrompt, rawResponse, cleanPrompt, cleanResponse, ...r }) => {
    const hidden = queue.blind && unratedByViewer.has(r.itemId);
    return {
      ...r,
      // A preview is never raw: the cleaned text, or the raw window redacted here.
      prompt: shownPreview(rawPrompt, cleanPrompt, null, PREVIEW).text,
      response: shownPreview(rawResponse, cleanResponse, null, PREVIEW).text,
      hiddenUntilYouRate: hidden,
      ratings: hidden ? [] : assigned.filter((a) => a.itemId === r.itemId).map(({ raterId: _r, ...a }) => a),
      judge: hidden ? null : (judged.find((j) => j.itemId === r.itemId) ?? null),
    };
  });
  return { ...shown, scalePoints: queue.scalePoints };
}

/** The latest judge job run on this queue, for its live progress bar. */
export async function latestJudgeJob(db: Db, projectId: string, queueId: string) {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.projectId, projectId), eq(jobs.type, JUDGE_JOB_TYPE), sql`${jobs.input}->>'queueId' = ${queueId}`))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return job ?? null;
}
