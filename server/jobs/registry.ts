// A job type = an input schema + a handler. Factories define theirs beside their domain code; jobs/handlers.ts lists them.
import type { z } from 'zod';
import type { Db } from '@/db';
import type { Job, MetricPoint } from './queue';

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
};

export type JobDefinition<I = unknown> = {
  type: string;
  description: string;
  input: z.ZodType<I>;
  /** Queue a new job of this type goes to unless the caller picks one. */
  queue?: string;
  maxAttempts?: number;
  run: (ctx: JobContext<I>) => Promise<unknown>;
};

export function defineJob<I>(definition: JobDefinition<I>): JobDefinition<I> {
  return definition;
}

/** Thrown by a handler when retrying cannot help (bad input, missing dataset): the job fails at once. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
