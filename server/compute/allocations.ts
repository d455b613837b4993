// Allocations in the database: request (granted at once, queued, or refused with a reason), release, release for a job,
// restart. Every decision runs in one transaction under one advisory lock, so two requests racing for the last GPU are
// decided one after the other and only one wins; the same SQL runs on PGlite and on Postgres.
import 'server-only';
import { and, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { allocations, jobs, type Allocation, type AllocationStatus, type PoolType, type ResourceType } from '@/db/schema';
import { ACTIVE_STATUSES, failHeld, isActive, releaseHeld } from '@/server/jobs/queue';
import { poolMachines, type Machine } from './pool';
import { needOf, refusalReason, schedule } from './placement';
import { recordSample } from './samples';
import { DomainError } from '@/server/domain-error';
import { cancelEnded, reconcileDue, releaseClusterAllocation, requestClusterAllocation, sameClusterRequest } from './slurm/allocations';

/** Distinct from the migration lock (727001) in db/client.ts. */
const POOL_LOCK = 727002;
const ACTIVE: AllocationStatus[] = ['queued', 'granted'];

export type AllocationRequest = {
  projectId: string;
  poolType: PoolType;
  resourceType: ResourceType;
  count: number;
  memoryMb: number;
  priority?: number;
  jobId?: string | null;
  purpose?: string;
  requestedBy?: string | null;
  restartedFrom?: string | null;
};

export type RequestOutcome =
  { outcome: 'granted' | 'queued'; allocation: Allocation; reason: null } | { outcome: 'refused'; allocation: null; reason: string };

async function lockPool(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(POOL_LOCK))})`);
}

/** Grants every queued request that fits now, in queue order; call with the pool lock held. Returns the granted ids. */
async function promote(tx: Tx, machines?: Machine[]): Promise<string[]> {
  machines ??= await poolMachines(tx);
  // Cluster allocations are Slurm's to decide: the built-in scheduler never sees them.
  const active = await tx
    .select()
    .from(allocations)
    .where(and(inArray(allocations.status, ACTIVE), isNull(allocations.clusterId)));
  const holdings = active
    .filter((a) => a.status === 'granted' && a.machineId)
    .map((a) => ({ id: a.id, projectId: a.projectId, machineId: a.machineId!, need: needOf(a) }));
  const queued = active.filter((a) => a.status === 'queued');
  if (queued.length === 0) return [];
  const byId = new Map<string, Machine>(machines.map((m) => [m.id, m]));
  const jobOf = new Map(queued.map((a) => [a.id, a.jobId]));
  const granted: string[] = [];
  for (const d of schedule(machines, holdings, queued).decisions) {
    if (d.kind !== 'grant') continue;
    const m = byId.get(d.machineId)!;
    await tx
      .update(allocations)
      .set({ status: 'granted', machineId: m.id, machineName: m.name, grantedAt: sql`now()` })
      .where(and(eq(allocations.id, d.id), eq(allocations.status, 'queued')));
    granted.push(d.id);
  }
  // A job that waited for its allocation may now be claimed.
  await releaseHeld(
    tx,
    granted.map((id) => jobOf.get(id)).filter((j): j is string => !!j),
  );
  return granted;
}

async function checkJob(db: Db | Tx, projectId: string, jobId: string) {
  const [job] = await db
    .select({ status: jobs.status })
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.projectId, projectId)));
  if (!job) throw new DomainError('not_found', `No job ${jobId} in this project.`);
  if (!isActive(job.status)) {
    throw new DomainError('conflict', `Job ${jobId} has already ended (${job.status}): an allocation for it would be released at once.`);
  }
}

export async function requestAllocation(db: Db | Tx, r: AllocationRequest): Promise<RequestOutcome> {
  if (r.jobId) await checkJob(db, r.projectId, r.jobId);
  const result = await db.transaction(async (tx): Promise<RequestOutcome> => {
    await lockPool(tx);
    // One read of every project's machines: refusalReason keeps those serving this project, the scheduler needs them all.
    const machines = await poolMachines(tx);
    const reason = refusalReason(machines, r.projectId, r);
    if (reason) return { outcome: 'refused', allocation: null, reason };
    const id = newId('alloc');
    await tx.insert(allocations).values({
      id,
      projectId: r.projectId,
      poolType: r.poolType,
      resourceType: r.resourceType,
      count: r.count,
      memoryMb: r.memoryMb,
      priority: r.priority ?? 0,
      jobId: r.jobId ?? null,
      purpose: r.purpose?.trim() ?? '',
      requestedBy: r.requestedBy ?? null,
      restartedFrom: r.restartedFrom ?? null,
    });
    await promote(tx, machines);
    const [row] = await tx.select().from(allocations).where(eq(allocations.id, id));
    return { outcome: row!.status === 'granted' ? 'granted' : 'queued', allocation: row!, reason: null };
  });
  if (result.allocation) await recordSample(db, r.projectId);
  return result;
}

/** Ends the allocations matching `where`: granted ones are released, queued ones cancelled; then promotes the queue. */
async function endWhere(db: Db, where: ReturnType<typeof and>, reason: string): Promise<{ ended: Allocation[]; granted: string[] }> {
  const out = await db.transaction(async (tx) => {
    await lockPool(tx);
    const ended = await tx
      .update(allocations)
      .set({
        status: sql`case when ${allocations.status} = 'granted' then 'released'::allocation_status else 'cancelled'::allocation_status end`,
        endedAt: sql`now()`,
        endReason: reason,
      })
      .where(and(where, inArray(allocations.status, ACTIVE)))
      .returning();
    // A job still waiting for a request that was just cancelled would wait forever: it fails, saying why.
    for (const a of ended)
      if (a.jobId && a.status === 'cancelled')
        await failHeld(tx, a.jobId, `Its compute allocation ${a.id} was cancelled before it was granted (${reason}): start it again.`);
    return { ended, granted: ended.length ? await promote(tx) : [] };
  });
  // What ended here on a cluster pool is cancelled there too (its job finished: the Slurm job must not hold on).
  await cancelEnded(db, out.ended);
  return out;
}

/** Releases a granted allocation or cancels a queued request; null when it is not active (or not in this project). */
export async function releaseAllocation(db: Db, projectId: string, allocId: string, reason: string): Promise<Allocation | null> {
  const onCluster = await getAllocation(db, projectId, allocId);
  if (onCluster?.clusterId && ACTIVE.includes(onCluster.status)) {
    const ended = await releaseClusterAllocation(db, onCluster, reason);
    if (ended) await recordSample(db, projectId);
    return ended;
  }
  const [row] = (await endWhere(db, and(eq(allocations.id, allocId), eq(allocations.projectId, projectId)), reason)).ended;
  if (row) await recordSample(db, projectId);
  return row ?? null;
}

/** A user's release (or cancel, while queued), refused when the allocation has already ended. */
export async function releaseForUser(db: Db, projectId: string, allocId: string, by: string): Promise<Allocation> {
  const row = await releaseAllocation(db, projectId, allocId, `released by ${by}`);
  if (!row) throw new DomainError('conflict', 'Only granted or queued allocations can be released or cancelled.');
  return row;
}

/** Ends every active allocation of a job (the training engine calls this when its job stops). */
export async function releaseForJob(db: Db, jobId: string, reason = `its job ${jobId} ended`): Promise<Allocation[]> {
  return (await endWhere(db, eq(allocations.jobId, jobId), reason)).ended;
}

/**
 * Releases the allocations whose job reached a final state, whoever finished it (a local worker, a remote worker over
 * HTTP, the reaper, a cancel before start), then grants what now fits. The worker loop calls this periodically.
 */
export async function sweepAllocations(db: Db, jobId?: string): Promise<{ released: number; granted: number }> {
  const conditions = [inArray(allocations.status, ACTIVE), notInArray(jobs.status, ACTIVE_STATUSES)];
  if (jobId) conditions.push(eq(allocations.jobId, jobId));
  const done = await db
    .select({ id: allocations.id, projectId: allocations.projectId, jobId: jobs.id, jobStatus: jobs.status })
    .from(allocations)
    .innerJoin(jobs, eq(jobs.id, allocations.jobId))
    .where(and(...conditions));
  let released = 0;
  let granted = 0;
  for (const d of done) {
    const out = await endWhere(db, eq(allocations.id, d.id), `its job ${d.jobId} ${d.jobStatus}`);
    released += out.ended.length;
    granted += out.granted.length;
  }
  for (const projectId of new Set(done.map((d) => d.projectId))) await recordSample(db, projectId);
  if (jobId) return { released, granted };
  // Capacity also changes when a remote worker announces itself or goes quiet: grant whatever fits now.
  const [waiting] = await db.select({ id: allocations.id }).from(allocations).where(eq(allocations.status, 'queued')).limit(1);
  if (waiting) {
    const more = await db.transaction(async (tx) => {
      await lockPool(tx);
      return promote(tx);
    });
    granted += more.length;
  }
  // Cluster pools: their allocations follow what Slurm says, every RECONCILE_MS at most.
  await reconcileDue(db);
  return { released, granted };
}

export async function getAllocation(db: Db, projectId: string, allocId: string): Promise<Allocation | null> {
  const [row] = await db
    .select()
    .from(allocations)
    .where(and(eq(allocations.id, allocId), eq(allocations.projectId, projectId)));
  return row ?? null;
}

/** Requests again what an ended allocation asked for; its job is kept only while that job is still active. */
export async function restartAllocation(db: Db, projectId: string, allocId: string, requestedBy: string | null): Promise<RequestOutcome> {
  const old = await getAllocation(db, projectId, allocId);
  if (!old) throw new DomainError('not_found', `No allocation ${allocId} in this project.`);
  if (old.status === 'queued' || old.status === 'granted') {
    throw new DomainError('conflict', `Allocation ${allocId} is still ${old.status}: only released or cancelled ones can be restarted.`);
  }
  let jobId = old.jobId;
  if (jobId) {
    const [job] = await db.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
    if (!job || !isActive(job.status)) jobId = null;
  }
  if (old.clusterId) {
    return requestClusterAllocation(db, {
      ...sameClusterRequest({ ...old, clusterId: old.clusterId }, jobId, old.purpose),
      priority: old.priority,
      requestedBy,
    });
  }
  return requestAllocation(db, {
    projectId,
    poolType: old.poolType,
    resourceType: old.resourceType,
    count: old.count,
    memoryMb: old.memoryMb,
    priority: old.priority,
    jobId,
    purpose: old.purpose,
    requestedBy,
    restartedFrom: old.id,
  });
}

/**
 * Hands a granted (or queued) allocation that no job holds yet to a job, e.g. the training run it was requested for,
 * so that it is released when that job ends. Null when the allocation is gone, finished or already held.
 */
export async function bindAllocationToJob(
  db: Db,
  projectId: string,
  allocId: string,
  jobId: string,
  purpose: string,
): Promise<Allocation | null> {
  const [row] = await db
    .update(allocations)
    .set({ jobId, purpose })
    .where(
      and(
        eq(allocations.id, allocId),
        eq(allocations.projectId, projectId),
        inArray(allocations.status, ACTIVE),
        sql`${allocations.jobId} is null`,
      ),
    )
    .returning();
  return row ?? null;
}
