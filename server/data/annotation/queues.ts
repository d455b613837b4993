// Annotation queues: create, change, delete, list with progress. Progress counts come from assignments, so they are exact.
import 'server-only';
import { and, count, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { annotationAssignments, annotationItems, annotationQueues, judgeRatings, type AnnotationQueue } from '@/db/schema';
import { sqlState } from '@/db/errors';
import { DomainError } from '@/server/domain-error';
import { mapPage, paged } from '@/db/paging';

export type QueueSettings = { name: string; instructions: string; overlap: number; blind: boolean; scalePoints: number };

export type QueueProgress = {
  items: number;
  assignments: number;
  rated: number;
  skipped: number;
  pending: number;
  /** Items whose rated count reached the queue's overlap. */
  completeItems: number;
  judged: number;
};

const isUniqueViolation = (err: unknown) => sqlState(err) === '23505';

export async function createQueue(db: Db, projectId: string, s: QueueSettings, createdBy: string | null): Promise<AnnotationQueue> {
  try {
    const [row] = await db
      .insert(annotationQueues)
      .values({ id: newId('aq'), projectId, ...s, createdBy })
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err))
      throw new DomainError('conflict', `A queue named "${s.name}" already exists in this project.`, { field: 'name' });
    throw err;
  }
}

export async function getQueue(db: Db, projectId: string, queueId: string): Promise<AnnotationQueue> {
  const [row] = await db
    .select()
    .from(annotationQueues)
    .where(and(eq(annotationQueues.id, queueId), eq(annotationQueues.projectId, projectId)));
  if (!row) throw new DomainError('not_found', 'No such annotation queue in this project.');
  return row;
}

export async function updateQueue(db: Db, projectId: string, queueId: string, s: Partial<QueueSettings>): Promise<AnnotationQueue> {
  await getQueue(db, projectId, queueId);
  try {
    const [row] = await db
      .update(annotationQueues)
      .set(s)
      .where(and(eq(annotationQueues.id, queueId), eq(annotationQueues.projectId, projectId)))
      .returning();
    return row!;
  } catch (err) {
    if (isUniqueViolation(err))
      throw new DomainError('conflict', `A queue named "${s.name}" already exists in this project.`, { field: 'name' });
    throw err;
  }
}

/** Deletes the queue with its items, assignments (ratings included) and judge scores. */
export async function deleteQueue(db: Db, projectId: string, queueId: string): Promise<{ deleted: string }> {
  const rows = await db
    .delete(annotationQueues)
    .where(and(eq(annotationQueues.id, queueId), eq(annotationQueues.projectId, projectId)))
    .returning({ id: annotationQueues.id });
  if (!rows.length) throw new DomainError('not_found', 'No such annotation queue in this project.');
  return { deleted: queueId };
}

export async function progressOf(db: Db, queueIds: string[]): Promise<Map<string, QueueProgress>> {
  const out = new Map<string, QueueProgress>(
    queueIds.map((id) => [id, { items: 0, assignments: 0, rated: 0, skipped: 0, pending: 0, completeItems: 0, judged: 0 }]),
  );
  if (!queueIds.length) return out;
  const [items, byStatus, complete, judged] = await Promise.all([
    db
      .select({ q: annotationItems.queueId, n: count() })
      .from(annotationItems)
      .where(inArray(annotationItems.queueId, queueIds))
      .groupBy(annotationItems.queueId),
    db
      .select({ q: annotationAssignments.queueId, status: annotationAssignments.status, n: count() })
      .from(annotationAssignments)
      .where(inArray(annotationAssignments.queueId, queueIds))
      .groupBy(annotationAssignments.queueId, annotationAssignments.status),
    completeItemsOf(db, queueIds),
    db
      .select({ q: judgeRatings.queueId, n: count() })
      .from(judgeRatings)
      .where(inArray(judgeRatings.queueId, queueIds))
      .groupBy(judgeRatings.queueId),
  ]);
  for (const r of items) out.get(r.q)!.items = r.n;
  for (const r of byStatus) {
    const p = out.get(r.q)!;
    p[r.status] = r.n;
    p.assignments += r.n;
  }
  for (const r of complete) out.get(r.q)!.completeItems = r.n;
  for (const r of judged) out.get(r.q)!.judged = r.n;
  return out;
}

/** Per queue, how many items have at least `overlap` ratings. */
function completeItemsOf(db: Db, queueIds: string[]) {
  const perItem = db
    .select({ q: annotationAssignments.queueId, itemId: annotationAssignments.itemId, rated: count().as('rated') })
    .from(annotationAssignments)
    .where(and(eq(annotationAssignments.status, 'rated'), inArray(annotationAssignments.queueId, queueIds)))
    .groupBy(annotationAssignments.queueId, annotationAssignments.itemId)
    .as('per_item');
  return db
    .select({ q: perItem.q, n: count() })
    .from(perItem)
    .innerJoin(annotationQueues, eq(annotationQueues.id, perItem.q))
    .where(gte(perItem.rated, annotationQueues.overlap))
    .groupBy(perItem.q);
}

export async function listQueues(db: Db, projectId: string, page: number, pageSize: number) {
  const listed = await paged(
    { page, pageSize },
    (limit, offset) =>
      db
        .select()
        .from(annotationQueues)
        .where(eq(annotationQueues.projectId, projectId))
        .orderBy(desc(annotationQueues.createdAt), desc(annotationQueues.id))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(annotationQueues).where(eq(annotationQueues.projectId, projectId)),
  );
  const progress = await progressOf(
    db,
    listed.rows.map((r) => r.id),
  );
  return mapPage(listed, (q) => ({ ...q, progress: progress.get(q.id)! }));
}
