// The seam between the Compute factory and whoever decides who gets capacity. `local` is the built-in scheduler (this
// machine and the remote workers that announce themselves); `slurm` fronts a cluster's own scheduler through
// slurmrestd, where an allocation is a Slurm job. Kubernetes (Kueue) or Ray Jobs would be one more entry here: submit
// a request as the scheduler's job, cancel it, and reconcile the mapping from what that scheduler says.
import 'server-only';
import type { Db } from '@/db';
import type { Allocation, PoolType, ResourceType } from '@/db/schema';
import { releaseAllocation, requestAllocation, sweepAllocations, type RequestOutcome } from './allocations';
import { reconcileDue, releaseClusterAllocation, requestClusterAllocation } from './slurm/allocations';

export type PoolRequest = {
  projectId: string;
  /** Absent: the local pool. */
  clusterId?: string | null;
  partition?: string;
  poolType: PoolType;
  resourceType: ResourceType;
  /** Cores or GPUs, as `resourceType` says. */
  count: number;
  /** Cores beside GPUs, for a cluster job (a local GPU request takes none of the shared cores). */
  cpus?: number;
  memoryMb: number;
  timeLimitMinutes?: number;
  priority?: number;
  jobId?: string | null;
  purpose?: string;
  requestedBy?: string | null;
};

export interface PoolBackend {
  readonly kind: 'local' | 'slurm';
  request(db: Db, r: PoolRequest): Promise<RequestOutcome>;
  release(db: Db, row: Allocation, reason: string): Promise<Allocation | null>;
  /** Brings allocations in line with what the scheduler says (periodic and on read). */
  reconcile(db: Db, projectId?: string): Promise<unknown>;
}

export const localBackend: PoolBackend = {
  kind: 'local',
  request: (db, r) => requestAllocation(db, r),
  release: (db, row, reason) => releaseAllocation(db, row.projectId, row.id, reason),
  reconcile: (db) => sweepAllocations(db),
};

/** A cluster job's default time limit when the request names none: long enough for a training run, never unlimited. */
export const DEFAULT_TIME_LIMIT_MINUTES = 240;

export const slurmBackend: PoolBackend = {
  kind: 'slurm',
  request: (db, r) =>
    requestClusterAllocation(db, {
      ...r,
      clusterId: r.clusterId!,
      gpus: r.resourceType === 'gpu' ? r.count : 0,
      cpus: r.cpus ?? (r.resourceType === 'cpu' ? r.count : 1),
      timeLimitMinutes: r.timeLimitMinutes ?? DEFAULT_TIME_LIMIT_MINUTES,
    }),
  release: releaseClusterAllocation,
  reconcile: (db, projectId) => reconcileDue(db, projectId),
};

export const backendOf = (x: { clusterId?: string | null }): PoolBackend => (x.clusterId ? slurmBackend : localBackend);

/** A request on the pool it names: the local one, or a cluster's partition. */
export const requestOnPool = (db: Db, r: PoolRequest) => backendOf(r).request(db, r);
