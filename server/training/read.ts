// Read models for the Training pages: what a new run can be made from, the runs with their live job state, one run.
import 'server-only';
import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { allocations, datasets, jobMetrics, jobs, models, scenarios, trainingRuns, workers } from '@/db/schema';
import { fresh } from '@/server/compute/pool';
import { BASES, findBase } from './bases';
import { listCheckpoints } from './checkpoints';
import { runAttempts } from './attempts';
import { mapPage, paged } from '@/db/paging';
import { isHeld } from '@/server/jobs/queue';
import { explainWait } from '@/server/compute/waits';
import { CLUSTER_QUEUE } from '@/server/compute/slurm/worker-job';

export async function trainingOptions(db: Db, projectId: string) {
  const [ds, scn, allocs] = await Promise.all([
    db
      .select({
        id: datasets.id,
        name: datasets.name,
        version: datasets.version,
        trainCount: datasets.trainCount,
        validationCount: datasets.validationCount,
      })
      .from(datasets)
      .where(and(eq(datasets.projectId, projectId), eq(datasets.status, 'ready'), gt(datasets.trainCount, 0)))
      .orderBy(desc(datasets.createdAt))
      .limit(100),
    db
      .select({
        id: scenarios.id,
        name: scenarios.name,
        version: scenarios.version,
        type: scenarios.type,
        validationStatus: scenarios.validationStatus,
      })
      .from(scenarios)
      .where(eq(scenarios.projectId, projectId))
      .orderBy(desc(scenarios.createdAt))
      .limit(100),
    db
      .select({
        id: allocations.id,
        poolType: allocations.poolType,
        resourceType: allocations.resourceType,
        count: allocations.count,
        memoryMb: allocations.memoryMb,
        purpose: allocations.purpose,
      })
      .from(allocations)
      .where(and(eq(allocations.projectId, projectId), eq(allocations.status, 'granted'), isNull(allocations.jobId)))
      .orderBy(desc(allocations.createdAt))
      .limit(100),
  ]);
  return { datasets: ds, scenarios: scn, allocations: allocs, bases: BASES };
}

const runColumns = {
  run: trainingRuns,
  job: {
    type: jobs.type,
    status: jobs.status,
    progress: jobs.progress,
    message: jobs.message,
    error: jobs.error,
    queue: jobs.queue,
    attempts: jobs.attempts,
    startedAt: jobs.startedAt,
    finishedAt: jobs.finishedAt,
    runAfter: jobs.runAfter,
  },
};

export async function listRuns(db: Db, projectId: string, page: number, pageSize: number) {
  const where = eq(trainingRuns.projectId, projectId);
  const listed = await paged(
    { page, pageSize },
    (limit, offset) =>
      db
        .select(runColumns)
        .from(trainingRuns)
        .innerJoin(jobs, eq(jobs.id, trainingRuns.jobId))
        .where(where)
        .orderBy(desc(trainingRuns.createdAt))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(trainingRuns).where(where),
  );
  const queued = listed.rows.filter((r) => r.job.status === 'queued');
  const [reasons, computeWaits] = await Promise.all([
    waitReasons(db, projectId, queued.filter((r) => !isHeld(r.job)).map(waitKey)),
    allocationWaits(
      db,
      projectId,
      queued.filter((r) => isHeld(r.job)),
    ),
  ]);
  return mapPage(listed, (r) => ({
    ...r,
    waitingFor:
      r.job.status !== 'queued' ? null : isHeld(r.job) ? (computeWaits.get(r.run.id) ?? null) : (reasons.get(keyOf(waitKey(r))) ?? null),
  }));
}

type WaitKey = { queue: string; type: string; base: string };
const waitKey = (r: { run: { base: string }; job: { queue: string; type: string } }): WaitKey => ({
  queue: r.job.queue,
  type: r.job.type,
  base: r.run.base,
});
const keyOf = (k: WaitKey) => `${k.queue}\u0000${k.type}\u0000${k.base}`;

/**
 * Why a queued run has not started: whether any online worker serves its queue *and* its job type (a remote worker
 * announces `training.remote` only with a fine-tuning API configured), and if not, what such a worker needs.
 * Only local workers and this project's remote workers count: a remote worker claims jobs of its token's project only.
 */
async function waitReasons(db: Db, projectId: string, keys: WaitKey[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const canClaim = or(eq(workers.kind, 'local'), eq(workers.projectId, projectId));
  for (const k of new Map(keys.map((x) => [keyOf(x), x])).values()) {
    const serves = sql`(jsonb_array_length(${workers.jobTypes}) = 0 or ${workers.jobTypes} @> ${JSON.stringify([k.type])}::jsonb)`;
    const [counts] = await db
      .select({ onQueue: count(), capable: sql<number>`count(*) filter (where ${serves})`.mapWith(Number) })
      .from(workers)
      .where(and(sql`${workers.queues} @> ${JSON.stringify([k.queue])}::jsonb`, fresh(), canClaim));
    const capable = counts?.capable ?? 0;
    const onQueue = counts?.onQueue ?? 0;
    const base = findBase(k.base);
    let reason: string;
    if (k.queue === CLUSTER_QUEUE)
      // Bound to a cluster allocation: only the worker its Slurm job runs may take it.
      reason =
        "Waiting for the worker its allocation's Slurm job runs on the node to take it (it starts within seconds; if it never does, see the job's output in the cluster's job directory).";
    else if (capable) reason = `Waiting its turn on the ${k.queue} queue (${capable} worker${capable === 1 ? '' : 's'} online).`;
    else if (base?.needsGpu) {
      const others = onQueue
        ? ` (${onQueue} worker${onQueue === 1 ? '' : 's'} on the ${k.queue} queue cannot: ${onQueue === 1 ? 'it does' : 'they do'} not announce ${k.type})`
        : '';
      reason = `${base.id} trains on ${base.requirement}; none is online${others}.`;
    } else if (k.queue === 'default')
      reason =
        'Waiting for a worker: none is online (start one with `npm run worker`, or `npm run worker:remote` with WORKER_QUEUES=default on another machine).';
    else
      reason = `Waiting for a worker serving the "${k.queue}" queue: none is online. Connect a GPU machine with \`npm run worker:remote\` and a worker token.`;
    out.set(keyOf(k), reason);
  }
  return out;
}

/** A run whose job waits for its allocation waits for what Compute says that allocation waits for. */
async function allocationWaits(db: Db, projectId: string, runs: { run: { id: string; allocationId: string | null } }[]) {
  const out = new Map<string, string>();
  for (const { run } of runs) {
    const wait = run.allocationId ? await explainWait(db, projectId, run.allocationId) : null;
    out.set(
      run.id,
      wait ? `Waiting for compute (${run.allocationId}): ${wait.reason}` : 'Waiting for its compute allocation to be granted.',
    );
  }
  return out;
}

export async function getRun(db: Db, projectId: string, runId: string) {
  const [row] = await db
    .select(runColumns)
    .from(trainingRuns)
    .innerJoin(jobs, eq(jobs.id, trainingRuns.jobId))
    .where(and(eq(trainingRuns.projectId, projectId), eq(trainingRuns.id, runId)));
  if (!row) return null;
  const [points, ckpts, model, attempts] = await Promise.all([
    db
      .select({ name: jobMetrics.name, step: jobMetrics.step, value: jobMetrics.value })
      .from(jobMetrics)
      .where(and(eq(jobMetrics.jobId, row.run.jobId), inArray(jobMetrics.name, ['train_loss', 'val_loss', 'val_accuracy'])))
      .orderBy(asc(jobMetrics.step), asc(jobMetrics.id)),
    listCheckpoints(db, runId, 20),
    row.run.modelId
      ? db
          .select()
          .from(models)
          .where(eq(models.id, row.run.modelId))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
    runAttempts(db, row.run.jobId),
  ]);
  const waitingFor =
    row.job.status !== 'queued'
      ? null
      : isHeld(row.job)
        ? ((await allocationWaits(db, projectId, [row])).get(row.run.id) ?? null)
        : ((await waitReasons(db, projectId, [waitKey(row)])).get(keyOf(waitKey(row))) ?? null);
  return { ...row, waitingFor, points, checkpoints: ckpts, model, attempts };
}
