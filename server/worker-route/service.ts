// Remote workers over HTTP: what the worker route may do on behalf of a worker token. Every call is scoped to the
// token's project, checks the worker row belongs to the token, refreshes its last-seen time and, for a claimed job,
// goes through the queue's (worker, attempt) fence, so a stale or foreign worker can never touch a job it does not hold.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { jobs, workers, type WorkerResources } from '@/db/schema';
import type { Authenticated } from '@/server/projects/credentials';
import { getAllocation, sweepAllocations } from '@/server/compute/allocations';
import { PermanentJobError, type JobDefinition } from '@/server/jobs/registry';
import {
  acknowledgeCancel,
  claim,
  complete,
  fail,
  heartbeat,
  reapExpired,
  recordMetrics,
  reportProgress,
  type Lease,
  type LeaseState,
} from '@/server/jobs/queue';
import {
  artifactTooLarge,
  defaultStoreOptions,
  jobArtifact,
  openArtifact,
  recordArtifact,
  writeBlob,
  type ArtifactSource,
  type ArtifactStoreOptions,
} from '@/server/artifacts/store';
import { DomainError } from '@/server/domain-error';
import type {
  ArtifactReply,
  CancelledReply,
  ClaimedJob,
  CompleteBody,
  CompleteReply,
  FailBody,
  FailReply,
  LeaseBody,
  LeaseReply,
  ProgressBody,
  RegisterReply,
} from '@/server/remote-worker/protocol';

export type RegisterInput = { name: string; queues: string[]; jobTypes: string[]; resources: WorkerResources };

export async function registerRemoteWorker(db: Db, auth: Authenticated, w: RegisterInput): Promise<RegisterReply> {
  const id = newId('wkr');
  await db.insert(workers).values({
    id,
    projectId: auth.projectId,
    tokenId: auth.credentialId,
    kind: 'remote',
    name: w.name,
    queues: w.queues,
    jobTypes: w.jobTypes,
    resources: w.resources,
  });
  return { workerId: id };
}

/** Checks the worker was registered with this very token, and marks it seen; 404 otherwise. */
export async function touchWorker(db: Db, auth: Authenticated, workerId: string) {
  const [row] = await db
    .update(workers)
    .set({ lastSeenAt: sql`now()` })
    .where(
      and(
        eq(workers.id, workerId),
        eq(workers.projectId, auth.projectId),
        eq(workers.tokenId, auth.credentialId),
        eq(workers.kind, 'remote'),
      ),
    )
    .returning({ id: workers.id, queues: workers.queues, jobTypes: workers.jobTypes });
  if (!row) throw new DomainError('not_found', `Worker ${workerId} is not registered with this token: POST /api/worker/register first.`);
  return row;
}

/**
 * The next job for a remote worker. `appOnlyTypes` (the entry point passes the product's job list) are never handed
 * out, even to a worker that announces them: their handlers need the database, which a remote worker does not have.
 */
export async function claimForWorker(
  db: Db,
  auth: Authenticated,
  workerId: string,
  appOnlyTypes: readonly string[],
  allocationId?: string,
): Promise<ClaimedJob | null> {
  const worker = await touchWorker(db, auth, workerId);
  // A token minted for one allocation (a cluster job's worker) serves that allocation's job and nothing else.
  if (auth.allocationId) {
    if (allocationId && allocationId !== auth.allocationId)
      throw new DomainError('forbidden', `This worker token was minted for allocation ${auth.allocationId} only, not ${allocationId}.`);
    allocationId = auth.allocationId;
  }
  // A worker bound to an allocation (the one a scheduler started it for) only ever runs the job holding it.
  let boundJob: string | undefined;
  if (allocationId) {
    const alloc = await getAllocation(db, auth.projectId, allocationId);
    if (!alloc) throw new DomainError('not_found', `No allocation ${allocationId} in this token's project.`);
    if (alloc.status !== 'granted' || !alloc.jobId) return null;
    boundJob = alloc.jobId;
  }
  // Remote workers may be the only ones running (Postgres mode without `npm run worker`), so a claim also hands
  // back jobs whose worker went silent; the UPDATE is idempotent, so running it beside other reapers is harmless.
  await reapExpired(db);
  const job = await claim(db, {
    workerId: worker.id,
    queues: worker.queues,
    types: worker.jobTypes.length > 0 ? worker.jobTypes : undefined,
    excludeTypes: [...appOnlyTypes],
    jobId: boundJob,
    projectId: auth.projectId,
  });
  if (!job) return null;
  return {
    id: job.id,
    type: job.type,
    input: job.input,
    attempt: job.attempts,
    queue: job.queue,
    leaseSeconds: job.leaseSeconds,
    projectId: job.projectId,
    priority: job.priority,
    maxAttempts: job.maxAttempts,
    createdBy: job.createdBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
  };
}

/** Resolves the lease a call claims to hold, after checking the worker and that the job is in the token's project. */
/** The lease the worker claims to hold, with the job's type (which picks the job's server-side hooks). */
async function leaseFor(db: Db, auth: Authenticated, jobId: string, b: LeaseBody): Promise<Lease & { jobType: string }> {
  await touchWorker(db, auth, b.workerId);
  const [job] = await db
    .select({ type: jobs.type })
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.projectId, auth.projectId)));
  if (!job) throw new DomainError('not_found', `Job ${jobId} does not exist in this token's project.`);
  return { jobId, workerId: b.workerId, attempt: b.attempt, jobType: job.type };
}

const leaseLost = (l: Lease) =>
  new DomainError(
    'lease_lost',
    `Attempt ${l.attempt} of job ${l.jobId} is no longer held by worker ${l.workerId} (finished, cancelled, or handed to another worker after missed heartbeats): stop working on it.`,
  );

const held = (l: Lease, s: LeaseState): LeaseReply => {
  if (!s.held) throw leaseLost(l);
  return { cancelRequested: s.cancelRequested };
};

export async function heartbeatJob(db: Db, auth: Authenticated, jobId: string, b: LeaseBody): Promise<LeaseReply> {
  const lease = await leaseFor(db, auth, jobId, b);
  return held(lease, await heartbeat(db, lease));
}

export async function progressJob(db: Db, auth: Authenticated, jobId: string, b: ProgressBody): Promise<LeaseReply> {
  const lease = await leaseFor(db, auth, jobId, b);
  const state = b.progress === undefined ? await heartbeat(db, lease) : await reportProgress(db, lease, b.progress, b.message);
  const reply = held(lease, state);
  if (b.metrics?.length && !(await recordMetrics(db, lease, b.metrics))) throw leaseLost(lease);
  return reply;
}

/** How the route finds a job type's definition (the entry point passes the product's job list). */
export type FindJobDefinition = (type: string) => Pick<JobDefinition, 'onSucceeded' | 'result' | 'onArtifact'> | undefined;

/**
 * A result that does not match its type's result schema is refused with 400 and field errors keyed by its paths, before
 * anything changes: the job keeps running under the same lease, so the worker can send a corrected one.
 */
function checkResult(jobId: string, jobType: string, schema: z.ZodType | undefined, result: unknown) {
  if (!schema) return;
  const parsed = schema.safeParse(result);
  if (parsed.success) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = ['result', ...issue.path.map(String)].join('.');
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const problems = Object.entries(fieldErrors).map(([k, m]) => `${k}: ${m.join(', ')}`);
  throw new DomainError(
    'bad_request',
    `The result does not match the ${jobType} result schema (docs/worker-protocol.md, "Job types"): ${problems.join('; ')}. Job ${jobId} is still running: send a corrected result.`,
    { fieldErrors },
  );
}

export async function completeJob(
  db: Db,
  auth: Authenticated,
  jobId: string,
  b: CompleteBody,
  findJobDefinition: FindJobDefinition,
): Promise<CompleteReply> {
  const lease = await leaseFor(db, auth, jobId, b);
  const def = findJobDefinition(lease.jobType);
  // A stale worker hears 409 (stop) rather than 400 (fix the result) about a job it no longer holds.
  held(lease, await heartbeat(db, lease));
  checkResult(jobId, lease.jobType, def?.result, b.result ?? null);
  // The job's server-side hook (e.g. registering the model a remote trainer produced) commits with the success; a
  // DomainError from it rolls the completion back and reaches the worker as it is (a 400 leaves the job running).
  let completed: boolean;
  try {
    completed = await complete(db, lease, b.result ?? null, def?.onSucceeded);
  } catch (err) {
    if (!(err instanceof PermanentJobError)) throw err;
    // The result cannot be used (retrying the work would not change that): the job fails now, and the worker hears
    // 409, which tells it to drop the job.
    await fail(db, lease, `The server refused the result: ${err.message}`, { retryable: false });
    await releaseAllocations(db, jobId);
    throw new DomainError('lease_lost', `The server refused the result of job ${jobId} and failed it: ${err.message}`);
  }
  if (!completed) throw leaseLost(lease);
  await releaseAllocations(db, jobId);
  return { status: 'succeeded' };
}

export async function failJob(db: Db, auth: Authenticated, jobId: string, b: FailBody): Promise<FailReply> {
  const lease = await leaseFor(db, auth, jobId, b);
  const status = await fail(db, lease, b.error, { retryable: b.retryable });
  if (!status) throw leaseLost(lease);
  if (status === 'failed') await releaseAllocations(db, jobId);
  return { status: status === 'failed' ? 'failed' : 'queued' };
}

/** The worker saw `cancelRequested` and stopped: the job ends as cancelled. */
export async function cancelledJob(db: Db, auth: Authenticated, jobId: string, b: LeaseBody): Promise<CancelledReply> {
  const lease = await leaseFor(db, auth, jobId, b);
  if (!(await acknowledgeCancel(db, lease))) throw leaseLost(lease);
  await releaseAllocations(db, jobId);
  return { status: 'cancelled' };
}

/** Compute held by a job a remote worker finished goes back to the pool now, as a local worker does after each job. */
async function releaseAllocations(db: Db, jobId: string) {
  await sweepAllocations(db, jobId).catch((err: unknown) =>
    console.error(`[worker route] releasing the allocations of ${jobId} failed:`, err),
  );
}

export type UploadInput = LeaseBody & {
  kind: string;
  step?: number;
  contentType?: string;
  contentLength?: number;
  body: ArtifactSource;
};

/**
 * Stores an artefact of a held job. The lease is checked before (to refuse early) and after (the upload may be long);
 * then the job type's onArtifact hook records what it means (a training checkpoint becomes the one to resume from).
 */
export async function uploadArtifact(
  db: Db,
  auth: Authenticated,
  jobId: string,
  u: UploadInput,
  findJobDefinition: FindJobDefinition,
  store: ArtifactStoreOptions = defaultStoreOptions(),
): Promise<ArtifactReply> {
  const lease = await leaseFor(db, auth, jobId, u);
  held(lease, await heartbeat(db, lease));
  if (u.contentLength !== undefined && u.contentLength > store.maxBytes) throw artifactTooLarge(store.maxBytes);
  const blob = await writeBlob(u.body, store);
  // A lost lease leaves the file (content-addressed, maybe shared) but no row claiming this job made it.
  held(lease, await heartbeat(db, lease));
  const row = await recordArtifact(db, {
    projectId: auth.projectId,
    jobId,
    kind: u.kind,
    contentType: u.contentType,
    sha256: blob.sha256,
    sizeBytes: blob.sizeBytes,
  });
  const reply = { artifactId: row.id, sha256: row.sha256, sizeBytes: row.sizeBytes };
  const onArtifact = findJobDefinition(lease.jobType)?.onArtifact;
  if (onArtifact) {
    const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    if (job) await onArtifact(db, job, { ...reply, kind: u.kind, step: u.step ?? null });
  }
  return reply;
}

export type DownloadInput = LeaseBody & { artifactId: string };

/** Opens an artefact the held job stored (in this attempt or an earlier one) for the worker to read back. */
export async function downloadArtifact(
  db: Db,
  auth: Authenticated,
  jobId: string,
  d: DownloadInput,
  store: ArtifactStoreOptions = defaultStoreOptions(),
) {
  const lease = await leaseFor(db, auth, jobId, d);
  held(lease, await heartbeat(db, lease));
  const row = await jobArtifact(db, { projectId: auth.projectId, jobId, artifactId: d.artifactId });
  const file = await openArtifact(row.sha256, store.root);
  if (!file) throw new DomainError('not_found', `The file of artefact ${row.id} is missing from the server's store.`);
  return { ...file, sha256: row.sha256, contentType: row.contentType };
}
