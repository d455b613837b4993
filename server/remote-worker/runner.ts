// A remote worker's loop: register, poll for a job, run its handler with a JobContext whose progress, metrics and
// heartbeats travel over HTTP, and report how it ended. The counterpart of jobs/worker.ts for machines without the database.
import { createHash } from 'node:crypto';
import type { Db } from '@/db';
import type { WorkerResources } from '@/db/schema';
import type { Job } from '@/server/jobs/queue';
import { PermanentJobError, retryableFailure, type AnyJobDefinition } from '@/server/jobs/registry';
import { LeaseLostError, WorkerHttpError, type WorkerClient } from './client';
import type { ClaimedJob, LeaseBody, LeaseReply, ProgressBody } from './protocol';

const CANCELLED = 'cancelled';
const LEASE_LOST = 'lease-lost';

/**
 * Stands in for `ctx.db` on a remote worker: any use fails the job at once (not retried), with a message saying why.
 * `then` and symbols answer undefined so that awaiting or inspecting the context does not trip it.
 */
export const noDatabase = new Proxy({} as Db, {
  get(_target, prop) {
    if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return undefined;
    throw new PermanentJobError(
      `This job type uses the database (ctx.db.${prop}) and cannot run on a remote worker: serve its queue with a local worker (npm run worker).`,
    );
  },
});

/** The job row as it stood when claimed, rebuilt from the claim reply for handlers that read ctx.job. */
export function jobFromClaim(c: ClaimedJob, workerId: string): Job {
  const now = new Date();
  return {
    id: c.id,
    projectId: c.projectId,
    type: c.type,
    queue: c.queue,
    input: c.input,
    status: 'running',
    priority: c.priority,
    progress: 0,
    message: 'Started',
    attempts: c.attempt,
    maxAttempts: c.maxAttempts,
    leaseSeconds: c.leaseSeconds,
    workerId,
    heartbeatAt: now,
    runAfter: now,
    cancelRequested: false,
    result: null,
    error: null,
    createdBy: c.createdBy,
    createdAt: new Date(c.createdAt),
    updatedAt: now,
    startedAt: c.startedAt ? new Date(c.startedAt) : now,
    finishedAt: null,
  };
}

export type Log = (line: string) => void;

/** The server will not hear more about this job from us: the lease is gone, or the job, worker or token is unknown. */
const mustStop = (err: unknown) => err instanceof LeaseLostError || (err instanceof WorkerHttpError && [401, 404].includes(err.status));
/** A network error or a 5xx is worth riding out: the next heartbeat tells whether the lease survived. */
const isTransient = (err: unknown) => err instanceof WorkerHttpError && (err.status === 0 || err.status >= 500);

/** Runs one claimed job to its end over HTTP; never throws. */
export async function runRemoteJob(
  client: WorkerClient,
  workerId: string,
  claimed: ClaimedJob,
  def: AnyJobDefinition | undefined,
  o: { heartbeatMs: number; log?: Log },
): Promise<'succeeded' | 'failed' | 'cancelled' | 'lost'> {
  const log = o.log ?? (() => {});
  const lease: LeaseBody = { workerId, attempt: claimed.attempt };
  const controller = new AbortController();
  const watch = (reply: LeaseReply) => {
    if (reply.cancelRequested) controller.abort(CANCELLED);
  };
  /** Sends one progress call; stops the job when the server disowns it, and fails it on a refused (4xx) body. */
  const report = async (what: string, body: Omit<ProgressBody, keyof LeaseBody>) => {
    try {
      watch(await client.progress(claimed.id, { ...lease, ...body }));
    } catch (err) {
      if (mustStop(err)) controller.abort(LEASE_LOST);
      else if (isTransient(err)) log(`${claimed.id}: ${what} not delivered: ${(err as Error).message}`);
      else throw err;
    }
    controller.signal.throwIfAborted();
  };
  // A third of the lease leaves room for two missed beats before the server hands the job to someone else.
  const every = Math.max(10, Math.min(o.heartbeatMs, (claimed.leaseSeconds * 1000) / 3));
  const timer = setInterval(() => {
    client.heartbeat(claimed.id, lease).then(watch, (err: unknown) => {
      if (mustStop(err)) controller.abort(LEASE_LOST);
      log(`${claimed.id}: heartbeat failed: ${(err as Error).message}`);
    });
  }, every);

  try {
    if (!def) throw new PermanentJobError(`No handler for job type ${claimed.type} on this worker.`);
    const parsed = def.input.safeParse(claimed.input);
    if (!parsed.success)
      throw new PermanentJobError(`Invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const result = await def.run({
      db: noDatabase,
      job: jobFromClaim(claimed, workerId),
      input: parsed.data,
      attempt: claimed.attempt,
      workerId,
      signal: controller.signal,
      // Clamped here as the local queue does, since the route refuses values outside 0..1.
      progress: (fraction, message) =>
        report('progress', { progress: Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0)), message }),
      // JSON cannot carry NaN or Infinity (a diverged loss), so such points are dropped rather than failing the job.
      metrics: (points) => report('metrics', { metrics: points.filter((p) => Number.isFinite(p.value)) }),
      artifact: async ({ kind, bytes, contentType, step }) => {
        try {
          return await client.uploadArtifact(claimed.id, lease, {
            kind,
            contentType,
            step,
            body: bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes),
          });
        } catch (err) {
          if (mustStop(err)) controller.abort(LEASE_LOST);
          throw err;
        }
      },
      readArtifact: async ({ artifactId, sha256 }) => {
        let bytes: Uint8Array;
        try {
          bytes = await client.downloadArtifact(claimed.id, lease, artifactId);
        } catch (err) {
          if (mustStop(err) && !(err instanceof WorkerHttpError && err.status === 404)) controller.abort(LEASE_LOST);
          throw err;
        }
        // The bytes crossed a network: check they are the ones the reference names before training on them.
        const got = createHash('sha256').update(bytes).digest('hex');
        if (got !== sha256) throw new Error(`Artefact ${artifactId} arrived with hash ${got}, not ${sha256}.`);
        return bytes;
      },
    });
    if (controller.signal.reason === CANCELLED) return await acknowledge(client, claimed, lease, log);
    if (controller.signal.aborted) return lost(claimed, log);
    await client.complete(claimed.id, lease, result ?? null);
    log(`${claimed.id}: succeeded`);
    return 'succeeded';
  } catch (err) {
    const reason = controller.signal.reason;
    if (reason === CANCELLED) return await acknowledge(client, claimed, lease, log);
    if (reason === LEASE_LOST || err instanceof LeaseLostError) return lost(claimed, log);
    const message = err instanceof Error ? err.message : String(err);
    try {
      const { status } = await client.fail(claimed.id, { ...lease, error: message, retryable: retryableFailure(err) });
      log(`${claimed.id}: ${status === 'failed' ? 'failed' : 'will retry'}: ${message}`);
      return 'failed';
    } catch (reportErr) {
      log(`${claimed.id}: failed (${message}) and could not report it: ${(reportErr as Error).message}`);
      return 'lost';
    }
  } finally {
    clearInterval(timer);
  }
}

async function acknowledge(client: WorkerClient, claimed: ClaimedJob, lease: LeaseBody, log: Log) {
  try {
    await client.cancelled(claimed.id, lease);
    log(`${claimed.id}: cancelled`);
    return 'cancelled' as const;
  } catch (err) {
    log(`${claimed.id}: cancelled, but could not report it: ${(err as Error).message}`);
    return 'lost' as const;
  }
}

function lost(claimed: ClaimedJob, log: Log) {
  log(`${claimed.id}: lease lost (finished, cancelled or handed to another worker): stopped`);
  return 'lost' as const;
}

export type RemoteWorkerOptions = {
  name: string;
  queues: string[];
  /** The types this worker announces; the server only hands it these. */
  jobTypes: string[];
  find: (type: string) => AnyJobDefinition | undefined;
  resources: WorkerResources;
  pollMs: number;
  heartbeatMs: number;
  /** Claim only the job bound to this compute allocation (a worker a scheduler started for it). */
  allocationId?: string;
  log?: Log;
};

export type RunningRemoteWorker = {
  workerId: () => string;
  stop: () => Promise<void>;
  /** Settles when the loop ends: resolves after stop(), rejects when the server refuses the token. */
  done: Promise<void>;
};

export async function startRemoteWorker(client: WorkerClient, o: RemoteWorkerOptions): Promise<RunningRemoteWorker> {
  const log = o.log ?? ((line: string) => console.log(`[remote worker] ${line}`));
  const register = async () =>
    (await client.register({ name: o.name, queues: o.queues, jobTypes: o.jobTypes, resources: o.resources })).workerId;
  // A GPU box may boot before the factory does: keep knocking while the server is unreachable, give up on a refusal.
  let workerId = '';
  while (!workerId) {
    try {
      workerId = await register();
    } catch (err) {
      if (!isTransient(err)) throw err;
      log(`cannot register yet, retrying: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, Math.max(o.pollMs, 5_000)));
    }
  }
  log(`registered as ${workerId}: queues ${o.queues.join(',')}; types ${o.jobTypes.join(',')}`);

  let running = true;
  let wake: (() => void) | null = null;
  const done = (async () => {
    while (running) {
      try {
        const job = await client.claim(workerId, o.allocationId);
        if (job) {
          log(`${job.id}: claimed (${job.type}, attempt ${job.attempt})`);
          await runRemoteJob(client, workerId, job, o.find(job.type), { heartbeatMs: o.heartbeatMs, log });
          continue;
        }
      } catch (err) {
        if (err instanceof WorkerHttpError && err.status === 401) throw err;
        // The server forgot this worker (its database was reset): announce ourselves again.
        if (err instanceof WorkerHttpError && err.status === 404) workerId = await register().catch(() => workerId);
        log(`claim failed: ${(err as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, o.pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    workerId: () => workerId,
    done,
    stop: async () => {
      running = false;
      (wake as (() => void) | null)?.();
      await done.catch(() => {});
    },
  };
}
