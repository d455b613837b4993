// Handing a queue's items to raters: round-robin honouring the queue's overlap, or everyone rates everything.
import 'server-only';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { annotationAssignments, annotationItems, memberships, users } from '@/db/schema';
import { ACCESS } from '@/server/auth/roles';
import { planEveryone, planRoundRobin } from './assignment-plan';
import { DomainError } from '@/server/domain-error';
import { getQueue } from './queues';
import { noteBulkWrite } from '../stats-refresh';

export type AssignRequest = { strategy: 'round_robin' | 'everyone'; userIds?: string[] };
export type AssignResult = { assigned: number; raters: number; shortItems: number };

const RATER_ROLES = [...ACCESS.annotate];

/** Members who may rate (admins, engineers, annotators), annotators first. */
export function listRaters(db: Db, projectId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.projectId, projectId), inArray(memberships.role, RATER_ROLES)))
    .orderBy(sql`${memberships.role} <> 'annotator'`, asc(users.name));
}

async function ratersPool(db: Db, projectId: string, req: AssignRequest): Promise<string[]> {
  const raters = await listRaters(db, projectId);
  if (req.userIds?.length) {
    const allowed = new Set(raters.map((r) => r.userId));
    const refused = req.userIds.filter((id) => !allowed.has(id));
    if (refused.length)
      throw new DomainError(
        'bad_request',
        `Not a rater in this project: ${refused.join(', ')} (raters are its annotators, engineers and admins).`,
        { field: 'userIds' },
      );
    return [...new Set(req.userIds)];
  }
  if (req.strategy === 'everyone')
    throw new DomainError('bad_request', 'Pick the raters who should each rate every item.', { field: 'userIds' });
  const annotators = raters.filter((r) => r.role === 'annotator').map((r) => r.userId);
  if (!annotators.length)
    throw new DomainError('precondition_failed', 'This project has no annotators yet: add one in Settings, or pick raters by name.', {
      field: 'userIds',
    });
  return annotators;
}

export async function assign(
  db: Db,
  projectId: string,
  queueId: string,
  req: AssignRequest,
  assignedBy: string | null,
): Promise<AssignResult> {
  const queue = await getQueue(db, projectId, queueId);
  const pool = await ratersPool(db, projectId, req);
  if (req.strategy === 'round_robin' && pool.length < queue.overlap) {
    throw new DomainError(
      'bad_request',
      `The overlap is ${queue.overlap} raters per item but only ${pool.length} ${pool.length === 1 ? 'rater is' : 'raters are'} in the pool: add raters or lower the overlap.`,
      { field: 'userIds' },
    );
  }
  const [items, loads] = await Promise.all([
    db
      .select({
        itemId: annotationItems.id,
        eventId: annotationItems.eventId,
        raters: sql<
          string[]
        >`coalesce(array_agg(${annotationAssignments.userId}) filter (where ${annotationAssignments.userId} is not null), '{}')`,
      })
      .from(annotationItems)
      .leftJoin(annotationAssignments, eq(annotationAssignments.itemId, annotationItems.id))
      .where(eq(annotationItems.queueId, queueId))
      .groupBy(annotationItems.id, annotationItems.eventId, annotationItems.position)
      .orderBy(asc(annotationItems.position)),
    db
      .select({ userId: annotationAssignments.userId, n: count() })
      .from(annotationAssignments)
      .where(eq(annotationAssignments.queueId, queueId))
      .groupBy(annotationAssignments.userId),
  ]);
  if (!items.length) throw new DomainError('precondition_failed', 'The queue has no items yet: add items first.');
  const plan =
    req.strategy === 'round_robin'
      ? planRoundRobin(items, pool, queue.overlap, new Map(loads.map((l) => [l.userId, l.n])))
      : { assignments: planEveryone(items, pool), shortItems: 0 };
  const eventOf = new Map(items.map((i) => [i.itemId, i.eventId]));
  let assigned = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < plan.assignments.length; i += 1000) {
      const rows = plan.assignments.slice(i, i + 1000).map((a) => ({
        id: newId('aa'),
        projectId,
        queueId,
        itemId: a.itemId,
        eventId: eventOf.get(a.itemId)!,
        userId: a.userId,
        assignedBy,
      }));
      assigned += (await tx.insert(annotationAssignments).values(rows).onConflictDoNothing().returning({ id: annotationAssignments.id }))
        .length;
    }
  });
  noteBulkWrite(db, 'annotation_assignments', assigned);
  return { assigned, raters: pool.length, shortItems: plan.shortItems };
}

/** Takes back a rater's unrated work in a queue (their ratings stay). */
export async function unassign(db: Db, projectId: string, queueId: string, userId: string): Promise<{ removed: number }> {
  await getQueue(db, projectId, queueId);
  const rows = await db
    .delete(annotationAssignments)
    .where(
      and(eq(annotationAssignments.queueId, queueId), eq(annotationAssignments.userId, userId), ne(annotationAssignments.status, 'rated')),
    )
    .returning({ id: annotationAssignments.id });
  return { removed: rows.length };
}
