// The annotator's side: their queues, their items, one item at a time, and their ratings.
// Every read and write here is scoped to the caller's own assignments, whatever their role: an annotator can reach an
// event only through an assignment of theirs. On blind queues the reply carries no one else's ratings at all.
import 'server-only';
import { shownExchange } from '../privacy';
import { and, asc, count, desc, eq, max, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { annotationAssignments, annotationItems, annotationQueues, events, judgeRatings, liveVerdicts, users } from '@/db/schema';
import { verdictColumns, verdictOfEvent } from '../cleaning/verdicts';
import { DomainError } from '@/server/domain-error';
import { MAX_ITEM_MS } from './throughput';
import { noteBulkWrite } from '../stats-refresh';

const NOT_YOURS = 'This item is not assigned to you.';

export async function myQueues(db: Db, projectId: string, userId: string) {
  const a = annotationAssignments;
  const pending = sql<number>`count(*) filter (where ${a.status} = 'pending')::int`;
  const rows = await db
    .select({
      queueId: annotationQueues.id,
      name: annotationQueues.name,
      total: count(),
      rated: sql<number>`count(*) filter (where ${a.status} = 'rated')::int`,
      skipped: sql<number>`count(*) filter (where ${a.status} = 'skipped')::int`,
      pending,
      lastAssignedAt: max(a.createdAt),
    })
    .from(a)
    .innerJoin(annotationQueues, eq(annotationQueues.id, a.queueId))
    .where(and(eq(a.projectId, projectId), eq(a.userId, userId)))
    .groupBy(annotationQueues.id, annotationQueues.name)
    // Work waiting first, the most recently handed out first among those.
    .orderBy(sql`${pending} = 0`, desc(max(a.createdAt)));
  return rows;
}

export async function myItems(db: Db, projectId: string, userId: string, queueId: string) {
  const [queue] = await db
    .select({
      id: annotationQueues.id,
      name: annotationQueues.name,
      instructions: annotationQueues.instructions,
      scalePoints: annotationQueues.scalePoints,
      blind: annotationQueues.blind,
    })
    .from(annotationQueues)
    .where(and(eq(annotationQueues.id, queueId), eq(annotationQueues.projectId, projectId)));
  const items = queue
    ? await db
        .select({
          assignmentId: annotationAssignments.id,
          status: annotationAssignments.status,
          value: annotationAssignments.value,
          comment: annotationAssignments.comment,
        })
        .from(annotationAssignments)
        .innerJoin(annotationItems, eq(annotationItems.id, annotationAssignments.itemId))
        .where(and(eq(annotationAssignments.queueId, queueId), eq(annotationAssignments.userId, userId)))
        .orderBy(asc(annotationItems.position), asc(annotationAssignments.id))
    : [];
  if (!queue || !items.length) throw new DomainError('not_found', 'You have no items in this queue.');
  return { queue, items };
}

/** One assigned item to rate: the interaction (redacted text when cleaning produced it) and, on open queues only, others' ratings. */
export async function itemForRater(db: Db, projectId: string, userId: string, assignmentId: string) {
  const [row] = await db
    .select({
      assignmentId: annotationAssignments.id,
      itemId: annotationAssignments.itemId,
      queueId: annotationAssignments.queueId,
      status: annotationAssignments.status,
      value: annotationAssignments.value,
      comment: annotationAssignments.comment,
      blind: annotationQueues.blind,
      eventId: events.id,
      agentId: events.agentId,
      source: events.source,
      occurredAt: events.occurredAt,
      prompt: events.prompt,
      response: events.response,
      cleanPrompt: verdictColumns.cleanPrompt,
      cleanResponse: verdictColumns.cleanResponse,
    })
    .from(annotationAssignments)
    .innerJoin(annotationQueues, eq(annotationQueues.id, annotationAssignments.queueId))
    .innerJoin(events, eq(events.id, annotationAssignments.eventId))
    .leftJoin(liveVerdicts, verdictOfEvent)
    .where(
      and(
        eq(annotationAssignments.id, assignmentId),
        eq(annotationAssignments.userId, userId),
        eq(annotationAssignments.projectId, projectId),
      ),
    );
  if (!row) throw new DomainError('not_found', NOT_YOURS);
  const { blind, itemId, prompt, response, cleanPrompt, cleanResponse, ...rest } = row;
  // Raters read only the cleaned text, or the raw text redacted here when the event was never cleaned.
  const item = { ...rest, ...shownExchange({ prompt, response, cleanPrompt, cleanResponse }) };
  if (blind) return { ...item, blind: true as const };
  const [others, [judge]] = await Promise.all([
    db
      .select({ rater: users.name, value: annotationAssignments.value, comment: annotationAssignments.comment })
      .from(annotationAssignments)
      .innerJoin(users, eq(users.id, annotationAssignments.userId))
      .where(
        and(eq(annotationAssignments.itemId, itemId), eq(annotationAssignments.status, 'rated'), ne(annotationAssignments.userId, userId)),
      ),
    db
      .select({ value: judgeRatings.value, reason: judgeRatings.reason, model: judgeRatings.model })
      .from(judgeRatings)
      .where(eq(judgeRatings.itemId, itemId)),
  ]);
  return { ...item, blind: false as const, others, judge: judge ?? null };
}

const mine = (projectId: string, userId: string, assignmentId: string) =>
  and(eq(annotationAssignments.id, assignmentId), eq(annotationAssignments.userId, userId), eq(annotationAssignments.projectId, projectId));

const returned = {
  assignmentId: annotationAssignments.id,
  status: annotationAssignments.status,
  value: annotationAssignments.value,
  comment: annotationAssignments.comment,
};

export async function rate(db: Db, o: { projectId: string; userId: string; assignmentId: string; value: number; durationMs?: number }) {
  const spent = Math.round(Math.min(MAX_ITEM_MS, Math.max(0, o.durationMs ?? 0)));
  const [row] = await db
    .update(annotationAssignments)
    // Re-rating adds to the time spent: throughput counts all the time an item took.
    .set({
      status: 'rated',
      value: o.value,
      ratedAt: sql`now()`,
      durationMs: sql`coalesce(${annotationAssignments.durationMs}, 0) + ${spent}`,
    })
    .where(mine(o.projectId, o.userId, o.assignmentId))
    .returning(returned);
  if (!row) throw new DomainError('not_found', NOT_YOURS);
  // Ratings arrive one at a time but add up: the rating filter's plan depends on how many there are.
  noteBulkWrite(db, 'annotation_assignments', 1);
  return row;
}

/** Passes over an item for now; a rated item keeps its rating. */
export async function skip(db: Db, o: { projectId: string; userId: string; assignmentId: string }) {
  const [row] = await db
    .update(annotationAssignments)
    .set({
      status: sql`case when ${annotationAssignments.status} = 'rated' then 'rated'::assignment_status else 'skipped'::assignment_status end`,
    })
    .where(mine(o.projectId, o.userId, o.assignmentId))
    .returning(returned);
  if (!row) throw new DomainError('not_found', NOT_YOURS);
  return row;
}

export async function comment(db: Db, o: { projectId: string; userId: string; assignmentId: string; comment: string }) {
  const text = o.comment.trim();
  const [row] = await db
    .update(annotationAssignments)
    .set({ comment: text || null })
    .where(mine(o.projectId, o.userId, o.assignmentId))
    .returning(returned);
  if (!row) throw new DomainError('not_found', NOT_YOURS);
  return row;
}
