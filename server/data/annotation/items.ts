// Filling a queue: events picked by filter (newest first), by a seeded random sample, or by explicit ids.
// Events already in the queue are skipped, and so are events cleaning filtered out (junk is not worth a rater's time).
import 'server-only';
import { and, eq, gte, inArray, lte, max, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { annotationAssignments, annotationItems, events, type EventSource } from '@/db/schema';
import { DomainError } from '@/server/domain-error';
import { getQueue } from './queues';
import { notFiltered, statusIs } from '../cleaning/verdicts';
import { noteBulkWrite } from '../stats-refresh';

export const MAX_ADD = 10_000;

export type ItemFilter = {
  agentId?: string;
  source?: EventSource;
  /** Only events that passed cleaning. */
  cleanedOnly?: boolean;
  /** Only events no human has rated yet, in any queue. */
  notYetRated?: boolean;
  from?: Date;
  to?: Date;
};

export type AddItemsRequest =
  | { mode: 'filter'; filter: ItemFilter; limit: number }
  | { mode: 'sample'; filter: ItemFilter; n: number; seed: number }
  | { mode: 'ids'; eventIds: string[] };

export type AddItemsResult = { added: number; matched: number; alreadyInQueue: number; notFound: number };

function conditions(projectId: string, f: ItemFilter): SQL[] {
  const where: SQL[] = [eq(events.projectId, projectId), notFiltered()];
  if (f.agentId) where.push(eq(events.agentId, f.agentId));
  if (f.source) where.push(eq(events.source, f.source));
  if (f.cleanedOnly) where.push(statusIs('kept'));
  if (f.from) where.push(gte(events.occurredAt, f.from));
  if (f.to) where.push(lte(events.occurredAt, f.to));
  if (f.notYetRated)
    where.push(
      notExists(
        sql`(select 1 from ${annotationAssignments} where ${annotationAssignments.eventId} = ${events.id} and ${annotationAssignments.status} = 'rated')`,
      ),
    );
  return where;
}

const notInQueue = (queueId: string) =>
  notExists(
    sql`(select 1 from ${annotationItems} where ${annotationItems.queueId} = ${queueId} and ${annotationItems.eventId} = ${events.id})`,
  );

async function pickEventIds(
  db: Db,
  projectId: string,
  queueId: string,
  req: AddItemsRequest,
): Promise<{ ids: string[]; alreadyInQueue: number; notFound: number }> {
  if (req.mode === 'ids') {
    const wanted = [...new Set(req.eventIds)];
    const found = await db
      .select({ id: events.id, inQueue: sql<boolean>`not ${notInQueue(queueId)}` })
      .from(events)
      .where(and(eq(events.projectId, projectId), inArray(events.id, wanted)));
    const byId = new Map(found.map((r) => [r.id, r.inQueue]));
    return {
      ids: wanted.filter((id) => byId.get(id) === false),
      alreadyInQueue: found.filter((r) => r.inQueue).length,
      notFound: wanted.length - found.length,
    };
  }
  const base = db
    .select({ id: events.id })
    .from(events)
    .where(and(...conditions(projectId, req.filter), notInQueue(queueId)));
  // A seeded sample: ordering by a hash of (seed, id) is a random permutation that the same seed reproduces.
  const rows =
    req.mode === 'sample'
      ? await base.orderBy(sql`md5(${String(req.seed)} || ${events.id})`).limit(req.n)
      : await base.orderBy(sql`${events.occurredAt} desc`, sql`${events.id} desc`).limit(req.limit);
  return { ids: rows.map((r) => r.id), alreadyInQueue: 0, notFound: 0 };
}

export async function addItems(db: Db, projectId: string, queueId: string, req: AddItemsRequest): Promise<AddItemsResult> {
  await getQueue(db, projectId, queueId);
  const picked = await pickEventIds(db, projectId, queueId, req);
  if (req.mode !== 'ids' && picked.ids.length === 0) {
    throw new DomainError('bad_request', 'No events match this filter that are not already in the queue.', { field: 'filter' });
  }
  const added = await db.transaction(async (tx) => {
    const [{ top } = { top: null }] = await tx
      .select({ top: max(annotationItems.position) })
      .from(annotationItems)
      .where(eq(annotationItems.queueId, queueId));
    let position = (top ?? 0) + 1;
    let n = 0;
    for (let i = 0; i < picked.ids.length; i += 1000) {
      const chunk = picked.ids
        .slice(i, i + 1000)
        .map((eventId) => ({ id: newId('ai'), projectId, queueId, eventId, position: position++ }));
      const rows = await tx.insert(annotationItems).values(chunk).onConflictDoNothing().returning({ id: annotationItems.id });
      n += rows.length;
    }
    return n;
  });
  noteBulkWrite(db, 'annotation_items', added);
  return { added, matched: picked.ids.length + picked.alreadyInQueue, alreadyInQueue: picked.alreadyInQueue, notFound: picked.notFound };
}
