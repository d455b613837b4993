// A job type = an input schema + a handler. Factories define theirs beside their domain code; server/main/jobs.ts lists them.
import type { z } from 'zod';
import { DomainError } from '@/server/domain-error';
import type { Db, Tx } from '@/db';
import type { Job, MetricPoint, SucceededHook } from './queue';

/** An artefact stored for the job: on a local worker straight into the store, on a remote one through the worker route. */
export type StoredArtifact = { artifactId: string; sha256: string; sizeBytes: number };

export type JobContext<I> = {
  db: Db;
  job: Job;
  input: I;
  attempt: number;
  workerId: string;
  /** Aborted when the job is cancelled or its lease is lost; long loops should check it. */
  signal: AbortSignal;
  /** Reports progress in 0..1 with a short human message; throws if the job was cancelled meanwhile. */
  progress: (fraction: number, message?: string) => Promise<void>;
  metrics: (points: MetricPoint[]) => Promise<void>;
  /**
   * Stores bytes as an artefact of this job (upload before returning: once the job is finished the lease is gone).
   * `step` says which training step a checkpoint is of; the type's onArtifact hook receives it.
   */
  artifact: (o: { kind: string; bytes: Uint8Array; contentType?: string; step?: number }) => Promise<StoredArtifact>;
  /** Reads back an artefact this job stored (in this attempt or an earlier one), e.g. the checkpoint to resume from. */
  readArtifact: (ref: ArtifactRef) => Promise<Uint8Array>;
};

/** Names a stored artefact; the hash lets the reader check what it got. */
export type ArtifactRef = { artifactId: string; sha256: string };

/** An artefact a job has just stored, as its type's onArtifact hook sees it. */
export type StoredJobArtifact = StoredArtifact & { kind: string; step: number | null };

/**
 * Where a job type can run. `app`: its handler uses the database (`ctx.db`), so only a local worker (`npm run worker`,
 * or the one inside the web server) may run it. `anywhere`: its input is self-contained and it reaches the factory only
 * through its JobContext, so a remote worker over the worker route can run it too.
 */
export type RunsOn = 'app' | 'anywhere';

export type JobDefinition<I = unknown, R = unknown> = {
  type: string;
  description: string;
  input: z.ZodType<I>;
  /** Default `app`: a type is trusted to run away from the database only when it says so. */
  runsOn?: RunsOn;
  /**
   * What the handler returns, which is what a remote worker sends to `complete`: the worker route refuses a result that
   * does not match (400, the job keeps running) and docs/worker-protocol.md is generated from it.
   */
  result?: z.ZodType<R>;
  /** Queue a new job of this type goes to unless the caller picks one. */
  queue?: string;
  maxAttempts?: number;
  run: (ctx: JobContext<I>) => Promise<R>;
  /**
   * Server side, inside the transaction that marks the job succeeded, whoever ran it (a local worker or a remote one
   * through the worker route): for handlers that run without the database, records what their result means.
   * Must be idempotent. What it returns, unless undefined, becomes the job's stored result.
   */
  onSucceeded?: SucceededHook;
  /**
   * Server side, after an artefact of a job of this type is stored and while the lease is still held, whoever uploaded
   * it: records what it means (e.g. indexes a checkpoint and makes it the one a new attempt resumes from).
   */
  onArtifact?: (db: Db, job: Job, artifact: StoredJobArtifact) => Promise<void>;
  /**
   * Why this process cannot run the type (e.g. a trainer it needs is not configured here), or null when it can.
   * Workers leave such types out of what they claim, so the job waits for one that can.
   */
  unavailableHere?: () => string | null;
  /**
   * Server side, inside the transaction that puts a failed or cancelled job back in the queue: re-acquires what the job
   * holds only while it runs (e.g. its compute allocation). Throwing refuses the restart.
   */
  onRestart?: (tx: Tx, job: Job) => Promise<void>;
};

// Each definition keeps its own input type; lists of them need only what every definition shares.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any, any>;

export function defineJob<I, R = unknown>(definition: JobDefinition<I, R>): JobDefinition<I, R> {
  return definition;
}

/** Whether a remote worker (no database) may be handed jobs of this type. */
export const runsAnywhere = (def: Pick<JobDefinition, 'runsOn'>) => def.runsOn === 'anywhere';

/** Thrown by a handler when retrying cannot help (bad input, missing dataset): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Whether a failed attempt is worth another: not for a PermanentJobError nor a refusal the input itself caused. */
export const retryableFailure = (err: unknown) => !(err instanceof PermanentJobError || (err instanceof DomainError && err.permanent));
