// The worker loop: claim a job, run its handler with a live lease, report how it ended. One loop per process
// (in the web server on the embedded default, or `npm run worker`); the concurrency across machines comes from the queue.
import 'server-only';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { workers, type WorkerResources } from '@/db/schema';
import { readJobArtifact, storeArtifact } from '@/server/artifacts/store';
import {
  acknowledgeCancel,
  claim,
  complete,
  fail,
  heartbeat,
  leaseOf,
  reapExpired,
  recordMetrics,
  reportProgress,
  type Job,
  type Lease,
  type LeaseState,
} from './queue';
import { PermanentJobError, retryableFailure, type AnyJobDefinition } from './registry';

/**
 * What the loop does besides running jobs, given by the entry point that starts it (the queue knows no factory):
 * `tick` about once a second, `afterJob` when a job it ran has ended, however it ended. Neither may throw into the loop.
 */
export type Housekeeping = {
  tick?: (db: Db) => Promise<unknown>;
  afterJob?: (db: Db, jobId: string) => Promise<unknown>;
};

export type WorkerOptions = {
  name?: string;
  queues?: string[];
  definitions: AnyJobDefinition[];
  /** What this machine offers, announced in the workers list. */
  resources: WorkerResources;
  pollMs: number;
  heartbeatMs: number;
  housekeeping?: Housekeeping;
  log?: (line: string) => void;
};

export type RunJobOptions = { heartbeatMs: number; log?: (line: string) => void; afterJob?: Housekeeping['afterJob'] };

export type RunningWorker = { id: string; stop: () => Promise<void>; idle: () => boolean };

const CANCELLED = 'cancelled';
const LEASE_LOST = 'lease-lost';

export async function startWorker(db: Db, o: WorkerOptions): Promise<RunningWorker> {
  const id = newId('wkr');
  const name = o.name ?? `${os.hostname()}:${process.pid}`;
  const queues = o.queues ?? ['default'];
  const log = o.log ?? ((line: string) => console.log(`[worker ${id}] ${line}`));
  const byType = new Map(o.definitions.map((d) => [d.type, d]));
  // Local workers get a new id each start; forget the ones that have been silent for a day so the list stays readable.
  await db.delete(workers).where(sql`${workers.kind} = 'local' and ${workers.lastSeenAt} < now() - interval '1 day'`);
  await db.insert(workers).values({
    id,
    kind: 'local',
    name,
    queues,
    jobTypes: [...byType.keys()],
    resources: o.resources,
  });

  let running = true;
  let busy = false;
  let wake: (() => void) | null = null;
  let lastReap = 0;
  let lastSeen = Date.now();

  const loop = (async () => {
    while (running) {
      try {
        if (Date.now() - lastReap > 1_000) {
          lastReap = Date.now();
          const reaped = await reapExpired(db);
          if (reaped.requeued + reaped.failed + reaped.cancelled > 0) log(`reaped ${JSON.stringify(reaped)}`);
          await o.housekeeping?.tick?.(db);
        }
        if (Date.now() - lastSeen > 5_000) {
          lastSeen = Date.now();
          await db
            .update(workers)
            .set({ lastSeenAt: sql`now()` })
            .where(sql`${workers.id} = ${id}`);
        }
        const job = await claim(db, { workerId: id, queues, types: [...byType.keys()] });
        if (job) {
          busy = true;
          try {
            await runJob(db, job, byType.get(job.type)!, { heartbeatMs: o.heartbeatMs, log, afterJob: o.housekeeping?.afterJob });
          } finally {
            busy = false;
          }
          continue;
        }
      } catch (err) {
        log(`loop error: ${(err as Error).message}`);
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

  log(`started: queues ${queues.join(',')}; types ${[...byType.keys()].join(',')}`);
  return {
    id,
    idle: () => !busy,
    stop: async () => {
      running = false;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}

/** Runs one claimed job to its end; never throws. */
export async function runJob(db: Db, job: Job, def: AnyJobDefinition, o: RunJobOptions): Promise<void> {
  const log = o.log ?? (() => {});
  const lease: Lease = leaseOf(job);
  const controller = new AbortController();
  const watch = (state: LeaseState) => {
    if (!state.held) controller.abort(LEASE_LOST);
    else if (state.cancelRequested) controller.abort(CANCELLED);
  };
  const timer = setInterval(() => {
    heartbeat(db, lease).then(watch, (err) => log(`heartbeat failed: ${(err as Error).message}`));
  }, o.heartbeatMs);

  try {
    const parsed = def.input.safeParse(job.input);
    if (!parsed.success)
      throw new PermanentJobError(`Invalid input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const result = await def.run({
      db,
      job,
      input: parsed.data,
      attempt: lease.attempt,
      workerId: lease.workerId,
      signal: controller.signal,
      progress: async (fraction, message) => {
        watch(await reportProgress(db, lease, fraction, message));
        controller.signal.throwIfAborted();
      },
      metrics: async (points) => {
        if (!(await recordMetrics(db, lease, points))) controller.abort(LEASE_LOST);
        controller.signal.throwIfAborted();
      },
      artifact: async ({ kind, bytes, contentType, step }) => {
        const art = await storeArtifact(db, {
          projectId: job.projectId,
          jobId: job.id,
          kind,
          contentType: contentType ?? 'application/octet-stream',
          body: (async function* () {
            yield bytes;
          })(),
        });
        const stored = { artifactId: art.id, sha256: art.sha256, sizeBytes: art.sizeBytes };
        // As the worker route does: what the artefact means is recorded only while this attempt still holds the job.
        watch(await heartbeat(db, lease));
        controller.signal.throwIfAborted();
        await def.onArtifact?.(db, job, { ...stored, kind, step: step ?? null });
        return stored;
      },
      readArtifact: (ref) => readJobArtifact(db, { projectId: job.projectId, jobId: job.id, ...ref }),
    });
    if (controller.signal.reason === CANCELLED) await acknowledgeCancel(db, lease);
    else if (!controller.signal.aborted && !(await complete(db, lease, result, def.onSucceeded)))
      log(`${job.id}: lease lost before completion`);
  } catch (err) {
    const reason = controller.signal.reason;
    if (reason === CANCELLED) {
      await acknowledgeCancel(db, lease);
      log(`${job.id}: cancelled`);
    } else if (reason === LEASE_LOST) {
      log(`${job.id}: lease lost, another worker has it`);
    } else {
      const message = err instanceof Error ? err.message : String(err);
      const status = await fail(db, lease, message, { retryable: retryableFailure(err) });
      log(`${job.id}: ${status === 'failed' ? 'failed' : 'will retry'}: ${message}`);
    }
  } finally {
    clearInterval(timer);
    await o.afterJob?.(db, job.id).catch((err) => log(`${job.id}: after-job housekeeping failed: ${(err as Error).message}`));
  }
}
