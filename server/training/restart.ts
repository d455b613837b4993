// A restarted training job gets compute again: its old allocation was released when it failed, so the restart asks
// for the same shape anew, bound to the job, and the job waits (held) until Compute grants it, like a new run.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { trainingRuns } from '@/db/schema';
import { getAllocation, requestAllocation } from '@/server/compute/allocations';
import { requestClusterAllocation, sameClusterRequest } from '@/server/compute/slurm/allocations';
import { DomainError } from '@/server/domain-error';
import { hold, type Job } from '@/server/jobs/queue';
import { findBase } from './bases';
import { defaultAllocation } from './start';

export async function reacquireAllocation(tx: Tx, job: Job): Promise<void> {
  const [run] = await tx
    .select()
    .from(trainingRuns)
    .where(and(eq(trainingRuns.projectId, job.projectId), eq(trainingRuns.jobId, job.id)));
  if (!run) return;
  const old = run.allocationId ? await getAllocation(tx, job.projectId, run.allocationId) : null;
  if (old && (old.status === 'granted' || old.status === 'queued') && old.jobId === job.id) return; // still holds it
  const base = findBase(run.base);
  const shape = old ?? (base ? { poolType: 'training' as const, ...defaultAllocation(base) } : null);
  if (!shape) throw new DomainError('precondition_failed', `Run ${run.id} names an unknown base ${run.base}: start a new run.`);
  await hold(tx, job.id);
  const purpose = `training run ${run.name} (restarted)`;
  // A run on a cluster asks that cluster again (its job waits on the cluster queue, for the worker Slurm starts).
  const out = old?.clusterId
    ? await requestClusterAllocation(tx, sameClusterRequest({ ...old, clusterId: old.clusterId }, job.id, purpose))
    : await requestAllocation(tx, {
        projectId: job.projectId,
        poolType: shape.poolType,
        resourceType: shape.resourceType,
        count: shape.count,
        memoryMb: shape.memoryMb,
        jobId: job.id,
        purpose,
        restartedFrom: old?.id ?? null,
      });
  if (out.outcome === 'refused') throw new DomainError('conflict', `The restarted run cannot get compute: ${out.reason}`);
  await tx.update(trainingRuns).set({ allocationId: out.allocation.id }).where(eq(trainingRuns.id, run.id));
}
