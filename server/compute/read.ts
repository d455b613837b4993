// Read models for the Compute page and the API: a paginated list of allocations with their jobs, and one allocation in full.
import 'server-only';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { allocations, jobs, type AllocationStatus } from '@/db/schema';
import { explainWait } from './waits';
import { mapPage, paged } from '@/db/paging';
import { READ_RECONCILE_MS, reconcileDue } from './slurm/allocations';

export type AllocationFilter = { status?: AllocationStatus[]; page: number; pageSize: number };

const jobColumns = { id: jobs.id, type: jobs.type, status: jobs.status, progress: jobs.progress, message: jobs.message };

export async function listAllocations(db: Db, projectId: string, f: AllocationFilter) {
  // Cluster allocations follow Slurm: reconcile on read when the last pass is older than the interval.
  await reconcileDue(db, projectId, READ_RECONCILE_MS);
  const where: SQL[] = [eq(allocations.projectId, projectId)];
  if (f.status?.length) where.push(inArray(allocations.status, f.status));
  const listed = await paged(
    f,
    (limit, offset) =>
      db
        .select({ allocation: allocations, job: jobColumns })
        .from(allocations)
        .leftJoin(jobs, eq(jobs.id, allocations.jobId))
        .where(and(...where))
        .orderBy(desc(allocations.createdAt), desc(allocations.seq))
        .limit(limit)
        .offset(offset),
    db
      .select({ n: count() })
      .from(allocations)
      .where(and(...where)),
  );
  return mapPage(listed, (r) => ({ ...r.allocation, job: r.job }));
}

/** One allocation with its job and, while it is queued, why it waits. */
export async function allocationDetail(db: Db, projectId: string, allocId: string) {
  await reconcileDue(db, projectId, READ_RECONCILE_MS);
  const [row] = await db
    .select({ allocation: allocations, job: jobColumns })
    .from(allocations)
    .leftJoin(jobs, eq(jobs.id, allocations.jobId))
    .where(and(eq(allocations.id, allocId), eq(allocations.projectId, projectId)));
  if (!row) return null;
  const wait = row.allocation.status === 'queued' ? await explainWait(db, projectId, allocId) : null;
  return { ...row.allocation, job: row.job, wait };
}
