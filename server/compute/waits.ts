// The queue as a project sees it: its waiting requests in order, each with why it waits, its position and an estimate.
// The scheduler is global (this machine is shared by every project), so the explanation reads every active allocation.
import 'server-only';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { allocations, jobs, type Allocation } from '@/db/schema';
import { poolMachines } from './pool';
import { needOf, queueOrder } from './placement';
import { clusterQueue, clusterWait } from './slurm/waits';
import { explainWaits, holderEta, type HoldingInfo, type QueuedInfo, type WaitExplanation } from './explain';

export type QueuedView = Allocation & { wait: WaitExplanation };

async function explainAll(db: Db, projectId: string) {
  const [machines, active] = await Promise.all([
    poolMachines(db),
    db
      .select({ a: allocations, job: { status: jobs.status, progress: jobs.progress, startedAt: jobs.startedAt } })
      .from(allocations)
      .leftJoin(jobs, eq(jobs.id, allocations.jobId))
      .where(and(inArray(allocations.status, ['queued', 'granted']), isNull(allocations.clusterId)))
      .orderBy(desc(allocations.priority), asc(allocations.seq)),
  ]);
  const now = new Date();
  const holdings: HoldingInfo[] = active
    .filter(({ a }) => a.status === 'granted' && a.machineId)
    .map(({ a, job }) => ({
      id: a.id,
      projectId: a.projectId,
      machineId: a.machineId!,
      need: needOf(a),
      purpose: a.purpose,
      jobId: a.jobId,
      ...holderEta(job, now),
    }));
  const queued: (QueuedInfo & { row: Allocation })[] = active
    .filter(({ a }) => a.status === 'queued')
    .map(({ a }) => ({ ...a, row: a }))
    .sort(queueOrder);
  const waits = explainWaits(machines, holdings, queued, projectId, now);
  return queued.filter((q) => q.projectId === projectId).map((q) => ({ ...q.row, wait: waits.get(q.id)! }));
}

/** The local queue in the built-in scheduler's order, then the cluster allocations waiting in Slurm. */
export async function listQueue(db: Db, projectId: string, page: { page: number; pageSize: number }) {
  const all = [...(await explainAll(db, projectId)), ...(await clusterQueue(db, projectId))];
  const start = (page.page - 1) * page.pageSize;
  return { rows: all.slice(start, start + page.pageSize), total: all.length, page: page.page, pageSize: page.pageSize };
}

/** Why one request waits, or null when it is not queued. */
export async function explainWait(db: Db, projectId: string, allocId: string): Promise<WaitExplanation | null> {
  const [row] = await db.select({ clusterId: allocations.clusterId }).from(allocations).where(eq(allocations.id, allocId));
  if (row?.clusterId) return clusterWait(db, projectId, allocId);
  return (await explainAll(db, projectId)).find((q) => q.id === allocId)?.wait ?? null;
}
