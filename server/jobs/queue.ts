// A job queue on Postgres itself: claims with FOR UPDATE SKIP LOCKED, leases kept alive by heartbeats,
// and every state change fenced by (worker, attempt) so a presumed-dead worker can never finish a job twice.
// Each state change and its history row commit in one transaction. The same SQL runs on PGlite and on Postgres. Why not pg-boss or graphile-worker: see README ("Job queue").
import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { jobEvents, jobMetrics, jobs, type JobStatus } from '@/db/schema';
import { env } from '@/server/env';

export type Job = typeof jobs.$inferSelect;
/** Proof of ownership of one attempt of a job; every write by a worker carries it. */
export type Lease = { jobId: string; workerId: string; attempt: number };

export type EnqueueOptions = {
  projectId: string;
  type: string;
  input?: unknown;
  queue?: string;
  priority?: number;
  maxAttempts?: number;
  leaseSeconds?: number;
  createdBy?: string | null;
  /** Queued but not claimable until released (`releaseHeld`): a job waiting for the compute it was allocated. */
  held?: boolean;
};

/** A held job's run_after: far enough never to come, and a real date (clients render it). */
export const HELD_UNTIL = new Date('9999-01-01T00:00:00Z');
export const HELD_MESSAGE = 'Waiting for its compute allocation to be granted';
export const isHeld = (job: Pick<Job, 'status' | 'runAfter'>) => job.status === 'queued' && job.runAfter.getTime() >= HELD_UNTIL.getTime();

export async function enqueue(db: Db | Tx, o: EnqueueOptions): Promise<Job> {
  return db.transaction(async (tx) => {
    const id = newId('job');
    const [job] = await tx
      .insert(jobs)
      .values({
        id,
        projectId: o.projectId,
        type: o.type,
        input: o.input ?? {},
        queue: o.queue ?? 'default',
        priority: o.priority ?? 0,
        maxAttempts: o.maxAttempts ?? 3,
        leaseSeconds: o.leaseSeconds ?? env.JOB_LEASE_SECONDS,
        createdBy: o.createdBy ?? null,
        message: o.held ? HELD_MESSAGE : 'Waiting for a worker',
        ...(o.held ? { runAfter: HELD_UNTIL } : {}),
      })
      .returning();
    await logEvent(tx, id, 'enqueued', 0, null, o.queue ?? 'default');
    return job!;
  });
}

export type ClaimFilter = {
  workerId: string;
  queues: string[];
  types?: string[];
  /** Types never to hand this worker, whatever `types` says (e.g. those needing the database, to a remote worker). */
  excludeTypes?: string[];
  /** Only this job (e.g. the one a worker's compute allocation is bound to). */
  jobId?: string;
  projectId?: string;
};

export async function claim(db: Db, f: ClaimFilter): Promise<Job | null> {
  return db.transaction(async (tx) => {
    if (f.queues.length === 0 || (f.types && f.types.length === 0)) return null;
    const conditions: SQL[] = [eq(jobs.status, 'queued'), inArray(jobs.queue, f.queues), lte(jobs.runAfter, sql`now()`)];
    if (f.types) conditions.push(inArray(jobs.type, f.types));
    if (f.excludeTypes?.length) conditions.push(notInArray(jobs.type, f.excludeTypes));
    if (f.projectId) conditions.push(eq(jobs.projectId, f.projectId));
    if (f.jobId) conditions.push(eq(jobs.id, f.jobId));
    const next = tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(...conditions))
      .orderBy(desc(jobs.priority), asc(jobs.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    const [job] = await tx
      .update(jobs)
      .set({
        status: 'running',
        workerId: f.workerId,
        attempts: sql`${jobs.attempts} + 1`,
        heartbeatAt: sql`now()`,
        startedAt: sql`coalesce(${jobs.startedAt}, now())`,
        message: 'Started',
      })
      // `= (scalar subquery)` runs the locking select exactly once; `IN (subquery)` may re-run it per row and claim several jobs.
      .where(and(eq(jobs.id, sql`(${next})`), eq(jobs.status, 'queued')))
      .returning();
    if (!job) return null;
    await logEvent(tx, job.id, 'claimed', job.attempts, f.workerId);
    return job;
  });
}

export const leaseOf = (job: Job): Lease => ({ jobId: job.id, workerId: job.workerId!, attempt: job.attempts });

const owns = (l: Lease) =>
  and(eq(jobs.id, l.jobId), eq(jobs.workerId, l.workerId), eq(jobs.attempts, l.attempt), eq(jobs.status, 'running'));

export type LeaseState = { held: boolean; cancelRequested: boolean };

/** Keeps the lease alive; `held: false` means another worker now owns the job and this one must stop. */
export async function heartbeat(db: Db, l: Lease): Promise<LeaseState> {
  const [row] = await db
    .update(jobs)
    .set({ heartbeatAt: sql`now()` })
    .where(owns(l))
    .returning({ cancelRequested: jobs.cancelRequested });
  return { held: !!row, cancelRequested: row?.cancelRequested ?? false };
}

export async function reportProgress(db: Db, l: Lease, progress: number, message?: string): Promise<LeaseState> {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(progress) ? progress : 0));
  const [row] = await db
    .update(jobs)
    .set({ progress: clamped, heartbeatAt: sql`now()`, ...(message !== undefined ? { message } : {}) })
    .where(owns(l))
    .returning({ cancelRequested: jobs.cancelRequested });
  return { held: !!row, cancelRequested: row?.cancelRequested ?? false };
}

export type MetricPoint = { name: string; step: number; value: number };

export async function recordMetrics(db: Db, l: Lease, points: MetricPoint[]): Promise<boolean> {
  const state = await heartbeat(db, l);
  if (!state.held || points.length === 0) return state.held;
  await db.insert(jobMetrics).values(points.map((p) => ({ jobId: l.jobId, ...p })));
  return true;
}

/**
 * Runs on the server, in the completion's transaction, when a job succeeds: records what the handler produced
 * (e.g. registers a model a remote worker trained). What it returns, unless undefined, replaces the stored result.
 * If it throws, the completion rolls back and the caller sees the error.
 */
export type SucceededHook = (tx: Db, job: Job, result: unknown) => Promise<unknown>;

/** Finishes the attempt; returns false (and changes nothing) if the lease was lost meanwhile. */
export async function complete(db: Db, l: Lease, result: unknown, onSucceeded?: SucceededHook): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(jobs)
      .set({ status: 'succeeded', result: result ?? null, progress: 1, message: 'Done', finishedAt: sql`now()`, error: null })
      .where(owns(l))
      .returning();
    if (!row) return false;
    if (onSucceeded) {
      const replaced = await onSucceeded(tx, row, result ?? null);
      if (replaced !== undefined) await tx.update(jobs).set({ result: replaced }).where(eq(jobs.id, l.jobId));
    }
    await logEvent(tx, l.jobId, 'succeeded', l.attempt, l.workerId);
    return true;
  });
}

/** Fails the attempt: retried later while attempts remain and the error is retryable, otherwise failed for good. */
export async function fail(db: Db, l: Lease, error: string, opts: { retryable?: boolean } = {}): Promise<JobStatus | null> {
  return db.transaction(async (tx) => {
    const willRetry = (opts.retryable ?? true) ? sql`${jobs.attempts} < ${jobs.maxAttempts}` : sql`false`;
    const [row] = await tx
      .update(jobs)
      .set({
        status: sql`case when ${willRetry} then 'queued'::job_status else 'failed'::job_status end`,
        error,
        workerId: null,
        message: sql`case when ${willRetry} then 'Retrying after an error' else 'Failed' end`,
        // Back off 2 s, 8 s, 18 s … so a failing dependency is not hammered.
        runAfter: sql`now() + make_interval(secs => least(60, 2 * ${jobs.attempts} * ${jobs.attempts}))`,
        finishedAt: sql`case when ${willRetry} then null else now() end`,
      })
      .where(owns(l))
      .returning({ status: jobs.status });
    if (row) await logEvent(tx, l.jobId, row.status === 'failed' ? 'failed' : 'retry', l.attempt, l.workerId, error);
    return row?.status ?? null;
  });
}

/**
 * The compute a running job ran on is gone with its worker (its cluster job ended): rather than wait for the lease to
 * lapse, the job goes back to the queue now, held until it has compute again, or fails when its attempts are spent.
 * The event says why. `requeue: false` fails it instead (its compute was taken back on purpose). Null when the job was
 * not running (finished meanwhile, or never claimed).
 */
export async function interrupt(db: Db, jobId: string, reason: string, o: { requeue?: boolean } = {}): Promise<'held' | 'failed' | null> {
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running')))
      .for('update');
    if (!job) return null;
    const spent = o.requeue === false || job.attempts >= job.maxAttempts;
    await tx
      .update(jobs)
      .set(
        spent
          ? {
              status: 'failed',
              error: o.requeue === false ? reason : `${reason} No attempts are left.`,
              message: 'Failed',
              finishedAt: sql`now()`,
              workerId: null,
            }
          : { status: 'queued', workerId: null, runAfter: HELD_UNTIL, message: `Interrupted: ${reason} ${HELD_MESSAGE}.` },
      )
      .where(and(eq(jobs.id, jobId), eq(jobs.status, 'running'), eq(jobs.attempts, job.attempts)));
    await logEvent(tx, jobId, spent ? 'failed' : 'interrupted', job.attempts, job.workerId, reason);
    return spent ? 'failed' : 'held';
  });
}

/** The worker saw the cancel request and stopped. */
export async function acknowledgeCancel(db: Db, l: Lease): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(jobs)
      .set({ status: 'cancelled', message: 'Cancelled', finishedAt: sql`now()`, workerId: null })
      .where(owns(l))
      .returning({ id: jobs.id });
    if (row) await logEvent(tx, l.jobId, 'cancelled', l.attempt, l.workerId);
    return !!row;
  });
}

/** Cancels a queued job at once; asks a running one to stop (its worker sees it at the next heartbeat). */
export async function requestCancel(db: Db, projectId: string, jobId: string): Promise<Job | null> {
  return db.transaction(async (tx) => {
    const [queued] = await tx
      .update(jobs)
      .set({ status: 'cancelled', message: 'Cancelled before it started', finishedAt: sql`now()`, cancelRequested: true })
      .where(and(eq(jobs.id, jobId), eq(jobs.projectId, projectId), eq(jobs.status, 'queued')))
      .returning();
    if (queued) {
      await logEvent(tx, jobId, 'cancelled', queued.attempts, null);
      return queued;
    }
    const [running] = await tx
      .update(jobs)
      .set({ cancelRequested: true, message: 'Cancelling…' })
      .where(and(eq(jobs.id, jobId), eq(jobs.projectId, projectId), eq(jobs.status, 'running')))
      .returning();
    return running ?? null;
  });
}

/** Puts a finished (failed or cancelled) job back in the queue with a fresh set of attempts. */
export async function restart(db: Db | Tx, projectId: string, jobId: string): Promise<Job | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(jobs)
      .set({
        status: 'queued',
        attempts: 0,
        error: null,
        result: null,
        progress: 0,
        cancelRequested: false,
        workerId: null,
        runAfter: sql`now()`,
        finishedAt: null,
        message: 'Restarted: waiting for a worker',
      })
      .where(and(eq(jobs.id, jobId), eq(jobs.projectId, projectId), inArray(jobs.status, ['failed', 'cancelled'])))
      .returning();
    if (row) await logEvent(tx, jobId, 'restarted', 0, null);
    return row ?? null;
  });
}

/**
 * Hands jobs whose worker stopped heart-beating to the next worker, or fails them when attempts are spent.
 * Any worker runs this periodically; the UPDATE is idempotent, so several reapers at once are harmless.
 */
export async function reapExpired(db: Db): Promise<{ requeued: number; failed: number; cancelled: number }> {
  return db.transaction(async (tx) => {
    const expired = and(eq(jobs.status, 'running'), lt(jobs.heartbeatAt, sql`now() - make_interval(secs => ${jobs.leaseSeconds})`));
    const cancelled = await tx
      .update(jobs)
      .set({ status: 'cancelled', message: 'Cancelled (its worker stopped)', finishedAt: sql`now()`, workerId: null })
      .where(and(expired, eq(jobs.cancelRequested, true)))
      .returning({ id: jobs.id, attempts: jobs.attempts });
    const failed = await tx
      .update(jobs)
      .set({
        status: 'failed',
        error: 'Worker stopped responding and no attempts are left',
        message: 'Failed',
        finishedAt: sql`now()`,
        workerId: null,
      })
      .where(and(expired, sql`${jobs.attempts} >= ${jobs.maxAttempts}`))
      .returning({ id: jobs.id, attempts: jobs.attempts });
    const requeued = await tx
      .update(jobs)
      .set({ status: 'queued', workerId: null, message: 'Worker stopped responding: waiting for another', runAfter: sql`now()` })
      .where(expired)
      .returning({ id: jobs.id, attempts: jobs.attempts });
    for (const r of cancelled) await logEvent(tx, r.id, 'cancelled', r.attempts, null, 'worker lost');
    for (const r of failed) await logEvent(tx, r.id, 'failed', r.attempts, null, 'worker lost');
    for (const r of requeued) await logEvent(tx, r.id, 'requeued', r.attempts, null, 'heartbeat lapsed');
    return { requeued: requeued.length, failed: failed.length, cancelled: cancelled.length };
  });
}

async function logEvent(db: Db | Tx, jobId: string, kind: string, attempt: number, workerId: string | null, detail = '') {
  await db.insert(jobEvents).values({ jobId, kind, attempt, workerId, detail });
}

/** Makes held jobs claimable now (their allocation was granted). */
export async function releaseHeld(db: Db | Tx, jobIds: string[]): Promise<void> {
  if (!jobIds.length) return;
  await db
    .update(jobs)
    .set({ runAfter: sql`now()`, message: 'Allocation granted: waiting for a worker' })
    .where(and(inArray(jobs.id, jobIds), eq(jobs.status, 'queued'), gte(jobs.runAfter, HELD_UNTIL)));
}

/** Holds a queued job again (its allocation must be requested anew, e.g. after a restart). */
export async function hold(db: Db | Tx, jobId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ runAfter: HELD_UNTIL, message: HELD_MESSAGE })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'queued')));
}

/** Fails a held job for good: what it waited for will never come (its allocation was cancelled). */
export async function failHeld(db: Db | Tx, jobId: string, error: string): Promise<boolean> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'failed', error, message: 'Failed', finishedAt: sql`now()` })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'queued'), gte(jobs.runAfter, HELD_UNTIL)))
    .returning({ attempts: jobs.attempts });
  if (row) await logEvent(db, jobId, 'failed', row.attempts, null, error);
  return !!row;
}

/** Fails a job still waiting in the queue, held or not: the compute it was bound to is gone and nobody else may claim it. */
export async function failQueued(db: Db | Tx, jobId: string, error: string): Promise<boolean> {
  const [row] = await db
    .update(jobs)
    .set({ status: 'failed', error, message: 'Failed', finishedAt: sql`now()` })
    .where(and(eq(jobs.id, jobId), eq(jobs.status, 'queued')))
    .returning({ attempts: jobs.attempts });
  if (row) await logEvent(db, jobId, 'failed', row.attempts, null, error);
  return !!row;
}

export const ACTIVE_STATUSES: JobStatus[] = ['queued', 'running'];
export const isActive = (s: JobStatus) => ACTIVE_STATUSES.includes(s);
