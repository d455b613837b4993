// Allocations on a cluster pool: each one is a Slurm job, and Slurm alone decides when it starts. We submit it, keep
// the mapping (allocation ↔ Slurm job id) and reconcile it — periodically from the worker loop and on every read — so
// a job cancelled with `scancel` outside the app shows as released within one interval. An impossible request is
// refused at once in Slurm's own words (it refuses it at submit); releasing cancels the Slurm job.
import 'server-only';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { allocations, clusters, trainingRuns, type Allocation, type Cluster, type PoolType } from '@/db/schema';
import { DomainError, fieldError } from '@/server/domain-error';
import { failHeld, failQueued, interrupt, releaseHeld } from '@/server/jobs/queue';
import { extendAllocationToken, mintAllocationToken, revokeAllocationTokens } from '@/server/projects/credentials';
import { isSlurmRefusal, type SlurmClient, type SlurmJob } from './client';
import { clusterClient, clusterRow, listClusterRows, recordRead } from './clusters';
import { gpuIndices, phaseOf, poolsOf } from './parse';
import { endSentence } from './reasons';
import { recordSample } from '../samples';
import { runsWorkers, TOKEN_GRACE_MINUTES, workerEnvironment, workerScript } from './worker-job';

/**
 * How often the worker loop reconciles a cluster's allocations with Slurm (one GET /jobs per cluster that has active
 * allocations; nothing when it has none). Reads reconcile too, when the last pass is older than this. While a job
 * waits (held) for a cluster allocation to be granted, e.g. a training run resuming after its Slurm job died, the
 * loop reconciles that cluster every READ_RECONCILE_MS instead: the grant is what the job waits for.
 */
export const RECONCILE_MS = 5_000;
/** Reads (the Compute page polls) reconcile when the last pass is older than this: a grant shows within a second. */
export const READ_RECONCILE_MS = 1_000;

export type ClusterRequest = {
  projectId: string;
  clusterId: string;
  partition?: string;
  poolType: PoolType;
  cpus: number;
  gpus: number;
  memoryMb: number;
  timeLimitMinutes: number;
  priority?: number;
  jobId?: string | null;
  purpose?: string;
  requestedBy?: string | null;
  restartedFrom?: string | null;
  /**
   * The job script's body. Default: a training allocation on a cluster that knows where the app is runs our remote
   * worker for it (workerScript); any other holds the allocation until it is released or reaches its time limit.
   */
  script?: string;
  environment?: Record<string, string>;
};

/**
 * The request that asks a cluster again for what an ended allocation had (same cluster, partition, shape and time
 * limit), bound to the same job (or none): a dead Slurm job's replacement, a restarted run's compute, or a user's
 * restart of an ended allocation.
 */
export function sameClusterRequest(old: Allocation & { clusterId: string }, jobId: string | null, purpose: string): ClusterRequest {
  return {
    projectId: old.projectId,
    clusterId: old.clusterId,
    partition: old.partition ?? undefined,
    poolType: old.poolType,
    cpus: old.cpus ?? 1,
    gpus: old.resourceType === 'gpu' ? old.count : 0,
    memoryMb: old.memoryMb,
    timeLimitMinutes: old.timeLimitMinutes ?? 60,
    jobId,
    purpose,
    restartedFrom: old.id,
  };
}

export type ClusterOutcome =
  { outcome: 'granted' | 'queued'; allocation: Allocation; reason: null } | { outcome: 'refused'; allocation: null; reason: string };

/** The job a plain allocation runs: it holds what Slurm gave it until it is cancelled or its time limit. */
export const HOLD_SCRIPT = '#!/bin/bash\n# Agent Factory allocation: holds its resources until released.\nexec sleep infinity\n';

export async function requestClusterAllocation(db: Db, r: ClusterRequest): Promise<ClusterOutcome> {
  const c = await clusterRow(db, r.projectId, r.clusterId);
  if (!c) throw new DomainError('not_found', `No cluster ${r.clusterId} in this project.`);
  const partition = r.partition?.trim() || c.defaultPartition;
  if (!partition) throw fieldError('partition', `Name a partition: cluster ${c.name} has no default partition.`);
  const client = clusterClient(c);
  const id = newId('alloc');
  const withWorker = r.script === undefined && r.poolType === 'training' && runsWorkers(c);
  // Minted before the submit (the job's environment carries it); it acts only while the allocation is active.
  const token = withWorker
    ? await mintAllocationToken(db, {
        projectId: r.projectId,
        allocationId: id,
        expiresAt: new Date(Date.now() + (r.timeLimitMinutes + TOKEN_GRACE_MINUTES) * 60_000),
      })
    : null;
  let externalJobId: string;
  try {
    externalJobId = await client.submit({
      name: `af-${id}`,
      partition,
      cpus: r.cpus,
      memoryMb: r.memoryMb,
      gpus: r.gpus,
      timeLimitMinutes: r.timeLimitMinutes,
      script: r.script ?? (token ? workerScript(c) : HOLD_SCRIPT),
      workDir: c.workDir || '/tmp',
      // Only what the job needs: never a credential of ours beyond a per-allocation worker token (issue 13).
      environment: {
        PATH: '/usr/local/bin:/usr/bin:/bin',
        AF_ALLOCATION_ID: id,
        ...(token ? workerEnvironment(c, token.secret) : {}),
        ...r.environment,
      },
      standardOutput: c.workDir ? `${c.workDir}/%x-%j.out` : '/dev/null',
    });
  } catch (err) {
    if (token) await revokeAllocationTokens(db, [id]);
    // A refusal of the request itself (no node could ever hold it, a bad partition) is an answer, not an outage.
    if (isSlurmRefusal(err) && (err as DomainError).code === 'bad_request')
      return { outcome: 'refused', allocation: null, reason: (err as Error).message };
    throw err;
  }
  try {
    await db.insert(allocations).values({
      id,
      projectId: r.projectId,
      poolType: r.poolType,
      resourceType: r.gpus > 0 ? 'gpu' : 'cpu',
      count: r.gpus > 0 ? r.gpus : r.cpus,
      cpus: r.cpus,
      memoryMb: r.memoryMb,
      priority: r.priority ?? 0,
      jobId: r.jobId ?? null,
      purpose: r.purpose?.trim() ?? '',
      requestedBy: r.requestedBy ?? null,
      restartedFrom: r.restartedFrom ?? null,
      clusterId: c.id,
      partition,
      timeLimitMinutes: r.timeLimitMinutes,
      externalJobId,
      externalState: 'PENDING',
      externalReason: 'None',
    });
  } catch (err) {
    await client.cancel(externalJobId).catch(() => undefined);
    if (token) await revokeAllocationTokens(db, [id]);
    throw err;
  }
  await reconcileCluster(db, c, { client }).catch(() => undefined);
  const [row] = await db.select().from(allocations).where(eq(allocations.id, id));
  await recordSample(db, r.projectId);
  return { outcome: row!.status === 'granted' ? 'granted' : 'queued', allocation: row!, reason: null };
}

/** Cancels the Slurm job first (an outage leaves the allocation active, to try again), then ends the allocation. */
export async function releaseClusterAllocation(db: Db, row: Allocation, reason: string): Promise<Allocation | null> {
  const c = row.clusterId ? await clusterRow(db, row.projectId, row.clusterId) : null;
  if (c && row.externalJobId) await clusterClient(c).cancel(row.externalJobId);
  const [ended] = await db
    .update(allocations)
    .set({
      status: row.status === 'granted' ? 'released' : 'cancelled',
      endedAt: sql`now()`,
      endReason: reason,
      externalState: 'CANCELLED',
    })
    .where(and(eq(allocations.id, row.id), inArray(allocations.status, ['queued', 'granted'])))
    .returning();
  await revokeAllocationTokens(db, [row.id]);
  // Its worker went with the Slurm job: a job it ran, or was about to, has no compute left and nobody to claim it.
  if (ended?.jobId && ended.status === 'released') {
    const why = `Its compute allocation ${ended.id} was ${reason}, and the Slurm job running it cancelled: start the run again.`;
    if (!(await interrupt(db, ended.jobId, why, { requeue: false }))) await failQueued(db, ended.jobId, why);
  }
  if (ended?.jobId && ended.status === 'cancelled')
    await failHeld(db, ended.jobId, `Its compute allocation ${ended.id} was cancelled before it was granted (${reason}): start it again.`);
  return ended ?? null;
}

/** Best-effort cancel of Slurm jobs whose allocations ended on our side (their job finished): logged, never thrown. */
export async function cancelEnded(db: Db, ended: Allocation[]): Promise<void> {
  await revokeAllocationTokens(
    db,
    ended.filter((a) => a.clusterId).map((a) => a.id),
  );
  for (const a of ended) {
    if (!a.clusterId || !a.externalJobId) continue;
    try {
      const c = await clusterRow(db, a.projectId, a.clusterId);
      if (c) await clusterClient(c).cancel(a.externalJobId);
    } catch (err) {
      console.error(`[compute] cancelling Slurm job ${a.externalJobId} of ${a.id} failed: ${(err as Error).message}`);
    }
  }
}

type ReconcileResult = { checked: number; changed: number; ms: number };

/** One pass for one cluster: one GET /jobs, then each active allocation set to what Slurm says. */
export async function reconcileCluster(db: Db, c: Cluster, o: { client?: SlurmClient; jobs?: SlurmJob[] } = {}): Promise<ReconcileResult> {
  const t0 = performance.now();
  const active = await db
    .select()
    .from(allocations)
    .where(and(eq(allocations.clusterId, c.id), inArray(allocations.status, ['queued', 'granted']), isNotNull(allocations.externalJobId)));
  await db
    .update(clusters)
    .set({ lastReconciledAt: sql`now()` })
    .where(eq(clusters.id, c.id));
  if (!active.length) return { checked: 0, changed: 0, ms: performance.now() - t0 };
  const client = o.client ?? clusterClient(c);
  let list: SlurmJob[];
  try {
    list = o.jobs ?? (await client.jobs());
  } catch (err) {
    if (err instanceof DomainError) await recordRead(db, c.id, { error: err.message });
    throw err;
  }
  const byId = new Map(list.map((j) => [String(j.job_id), j]));
  let changed = 0;
  for (const a of active) {
    const extId = a.externalJobId!;
    const job = byId.get(extId) ?? (await client.job(extId));
    if (await apply(db, c, a, job)) changed++;
  }
  return { checked: active.length, changed, ms: performance.now() - t0 };
}

/** Sets one allocation to the state of its Slurm job; true when something changed. */
async function apply(db: Db, c: Cluster, a: Allocation, job: SlurmJob | null): Promise<boolean> {
  const phase = job ? phaseOf(job.job_state) : 'ended';
  const still = and(eq(allocations.id, a.id), inArray(allocations.status, ['queued', 'granted']));
  if (phase === 'queued') {
    if (a.status === 'queued' && a.externalState === job!.job_state && a.externalReason === job!.state_reason) return false;
    await db.update(allocations).set({ status: 'queued', externalState: job!.job_state, externalReason: job!.state_reason }).where(still);
    return true;
  }
  if (phase === 'granted') {
    const indices = gpuIndices(job!.gres_detail);
    if (a.status === 'granted' && a.externalState === job!.job_state && a.machineName?.startsWith(job!.nodes)) return false;
    const [row] = await db
      .update(allocations)
      .set({
        status: 'granted',
        externalState: job!.job_state,
        externalReason: job!.state_reason,
        machineId: `${c.id}:${job!.nodes}`,
        machineName: `${job!.nodes} (${c.name})`,
        gpuIndices: indices,
        grantedAt: a.grantedAt ?? (job!.start_time ? new Date(job!.start_time * 1000) : sql`now()`),
      })
      .where(still)
      .returning();
    // Its worker may run until the time limit from now (it may have queued longer than the token's first lifetime).
    if (row && a.status !== 'granted' && a.timeLimitMinutes)
      await extendAllocationToken(db, a.id, new Date(Date.now() + (a.timeLimitMinutes + TOKEN_GRACE_MINUTES) * 60_000));
    if (row?.jobId) await releaseHeld(db, [row.jobId]);
    return true;
  }
  // Ended in Slurm without us asking: cancelled outside the app shows as released (or cancelled while still queued);
  // a completed job was released; anything else (time limit, node failure, out of memory) failed, in Slurm's words.
  const state = job?.job_state.toUpperCase() ?? 'GONE';
  const status =
    state === 'CANCELLED' || state === 'COMPLETED' || state === 'GONE' ? (a.status === 'granted' ? 'released' : 'cancelled') : 'failed';
  const reason = endSentence(job, a.externalJobId!);
  const [row] = await db
    .update(allocations)
    .set({ status, endedAt: sql`now()`, endReason: reason, externalState: state, externalReason: job?.state_reason ?? null })
    .where(still)
    .returning();
  if (!row) return false;
  await revokeAllocationTokens(db, [row.id]);
  if (row.jobId && a.status === 'queued')
    await failHeld(db, row.jobId, `Its compute allocation ${row.id} ended before it was granted: ${reason}`);
  if (row.jobId && a.status === 'granted') await handOn(db, c, row, reason);
  return true;
}

/**
 * A granted allocation's Slurm job ended under the job bound to it. A running job lost its worker with it: it is
 * requeued now (not when its lease lapses), held, and the same request goes to Slurm again bound to it, so it resumes
 * (from its last checkpoint, for training) on the next allocation. A job the worker never claimed fails instead:
 * asking again would loop on whatever stopped the worker from starting.
 */
async function handOn(db: Db, c: Cluster, old: Allocation, reason: string) {
  const jobId = old.jobId!;
  const outcome = await interrupt(db, jobId, reason);
  if (outcome === null) {
    const where = c.workDir || 'the job directory';
    await failQueued(
      db,
      jobId,
      `Its compute allocation ${old.id} ended before its worker claimed it: ${reason} See the job's output in ${where}.`,
    );
    return;
  }
  if (outcome === 'failed') return;
  let next: ClusterOutcome;
  try {
    next = await requestClusterAllocation(db, {
      ...sameClusterRequest({ ...old, clusterId: c.id }, jobId, old.purpose),
      priority: old.priority,
      requestedBy: old.requestedBy,
    });
  } catch (err) {
    next = { outcome: 'refused', allocation: null, reason: (err as Error).message };
  }
  if (next.outcome === 'refused') {
    await failHeld(db, jobId, `${reason} Asking the cluster again failed: ${next.reason}`);
    return;
  }
  // The run points at the allocation it trains on; the replacement continues the same request.
  await db.update(trainingRuns).set({ allocationId: next.allocation.id }).where(eq(trainingRuns.allocationId, old.id));
}

/**
 * Reconciles each of the project's clusters (every project's when none is given) whose last pass is older than
 * `maxAgeMs`; the claim is one conditional UPDATE, so concurrent readers and workers do not all call Slurm at once.
 * Outages are recorded on the cluster and logged, never thrown: the page shows the cluster as unreachable instead.
 */
export async function reconcileDue(db: Db, projectId?: string, maxAgeMs = RECONCILE_MS): Promise<ReconcileResult[]> {
  const due = await db
    .update(clusters)
    .set({ lastReconciledAt: sql`now()` })
    .where(
      and(
        projectId ? eq(clusters.projectId, projectId) : undefined,
        sql`(${clusters.lastReconciledAt} is null or ${clusters.lastReconciledAt} < now() - make_interval(secs => ${maxAgeMs / 1000})
          or (${clusters.lastReconciledAt} < now() - make_interval(secs => ${READ_RECONCILE_MS / 1000}) and exists (
            select 1 from ${allocations} where ${allocations.clusterId} = ${clusters.id} and ${allocations.status} = 'queued' and ${allocations.jobId} is not null)))`,
        sql`exists (select 1 from ${allocations} where ${allocations.clusterId} = ${clusters.id} and ${allocations.status} in ('queued', 'granted'))`,
      ),
    )
    .returning();
  const out: ReconcileResult[] = [];
  for (const c of due) {
    try {
      out.push(await reconcileCluster(db, c, { client: clusterClient(c, { backoffMs: [] }) }));
    } catch (err) {
      console.error(`[compute] reconciling cluster ${c.name} failed: ${(err as Error).message}`);
    }
  }
  return out;
}

export type ClusterPoolsView = {
  id: string;
  name: string;
  url: string;
  defaultPartition: string;
  reachable: boolean;
  error: string | null;
  lastOkAt: Date | null;
  pools: ReturnType<typeof poolsOf>;
};

/** Every cluster of the project with its partitions as pools, read now; on an outage the last good read and since when. */
export async function clusterPools(db: Db, projectId: string): Promise<ClusterPoolsView[]> {
  const rows = await listClusterRows(db, projectId);
  return Promise.all(
    rows.map(async (c): Promise<ClusterPoolsView> => {
      const base = { id: c.id, name: c.name, url: c.url, defaultPartition: c.defaultPartition };
      try {
        const client = clusterClient(c, { backoffMs: [100, 400], timeoutMs: 4_000 });
        const [partitions, nodes] = await Promise.all([client.partitions(), client.nodes()]);
        const pools = poolsOf(partitions, nodes);
        await recordRead(db, c.id, { pools });
        return { ...base, reachable: true, error: null, lastOkAt: new Date(), pools };
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await recordRead(db, c.id, { error: err.message });
        return {
          ...base,
          reachable: false,
          error: err.message,
          lastOkAt: c.lastOkAt,
          pools: (c.lastPools as ClusterPoolsView['pools']) ?? [],
        };
      }
    }),
  );
}
