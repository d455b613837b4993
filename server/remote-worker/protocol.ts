// The wire format of the worker route, shared by the route handlers (to validate) and the remote client (to type its calls).
// It imports nothing from the database, so a remote worker can load it.
import { z } from 'zod';
import type { DomainErrorCode } from '@/server/domain-error';
import type { ErrorBody } from '@/server/http/route';

const id = z.string().min(1).max(100);
const name = z.string().trim().min(1).max(100);

export const resourcesSchema = z.object({
  cpus: z.number().int().min(0),
  memoryMb: z.number().int().min(0),
  gpus: z
    .array(z.object({ name: z.string().min(1).max(200), memoryMb: z.number().int().min(0) }))
    .max(64)
    .default([]),
});

export const registerBody = z.object({
  name,
  queues: z.array(name).min(1).max(20).default(['gpu']),
  /** Empty means "any type in my queues"; a worker that can only run some handlers lists them. */
  jobTypes: z.array(name).max(200).default([]),
  resources: resourcesSchema,
});

export const claimBody = z.object({
  workerId: id,
  /** A worker started for one compute allocation (a cluster node) claims only the job bound to it. */
  allocationId: id.optional(),
});

/** Every call about a claimed job carries the attempt it was claimed as: the server's fence against stale workers. */
export const leaseBody = z.object({ workerId: id, attempt: z.number().int().min(1) });

export const metricPointSchema = z.object({
  name: name,
  step: z.number().int().min(0),
  value: z.number().finite(),
});

export const progressBody = leaseBody.extend({
  /** Omit to send metrics only; `message` is applied together with `progress`. */
  progress: z.number().min(0).max(1).optional(),
  message: z.string().max(500).optional(),
  metrics: z.array(metricPointSchema).max(1_000).optional(),
});

export const completeBody = leaseBody.extend({ result: z.unknown().optional() });

export const failBody = leaseBody.extend({
  error: z.string().min(1).max(10_000),
  /** false: retrying cannot help (bad input), so the job fails now instead of going back to the queue. */
  retryable: z.boolean().default(true),
});

/** The artefact upload sends its body raw, so the lease travels in the query string. */
export const artifactQuery = z.object({
  workerId: id,
  attempt: z.coerce.number().int().min(1),
  kind: name.default('output'),
  /** The training step a checkpoint is of (the job type's server-side hook indexes it). */
  step: z.coerce.number().int().min(0).optional(),
});

/** Reading an artefact back (the checkpoint to resume from): the lease in the query string, as for the upload. */
export const artifactReadQuery = z.object({ workerId: id, attempt: z.coerce.number().int().min(1) });

/** What a client sends (defaults optional) … */
export type RegisterRequest = z.input<typeof registerBody>;
export type FailRequest = z.input<typeof failBody>;
/** … and what the server sees after parsing. */
export type LeaseBody = z.infer<typeof leaseBody>;
export type ProgressBody = z.infer<typeof progressBody>;
export type CompleteBody = z.infer<typeof completeBody>;
export type FailBody = z.infer<typeof failBody>;
export type ArtifactQuery = z.infer<typeof artifactQuery>;

export type RegisterReply = { workerId: string };
export type ClaimedJob = {
  id: string;
  type: string;
  input: unknown;
  /** Send it back with every call about this job. */
  attempt: number;
  queue: string;
  /** Heartbeat well within this, or the job is handed to another worker. */
  leaseSeconds: number;
  projectId: string;
  priority: number;
  maxAttempts: number;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
};
export type ClaimReply = { job: ClaimedJob };
export type LeaseReply = { cancelRequested: boolean };
export type CompleteReply = { status: 'succeeded' };
export type FailReply = { status: 'queued' | 'failed' };
export type CancelledReply = { status: 'cancelled' };
export type ArtifactReply = { artifactId: string; sha256: string; sizeBytes: number };
/** Every non-2xx reply: a sentence saying what went wrong and what to do, a stable code, and zod's field errors on 400. */
/** Every refusal: the route answers the status of its code (server/domain-error.ts lists both). */
export type ErrorReply = ErrorBody;
export type ErrorCode = DomainErrorCode;
