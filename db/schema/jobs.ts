// The job queue lives in Postgres itself so that any process that reaches the database (or the worker route) can work it.
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, projectRef } from './columns';
import { credentials, projects } from './core';

export const jobStatusEnum = pgEnum('job_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);

export const jobs = pgTable(
  'jobs',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    type: text().notNull(),
    /** Which kind of worker may claim it: `default` is served by every local worker, others (e.g. `gpu`) by workers that announce them. */
    queue: text().notNull().default('default'),
    input: jsonb().$type<unknown>().notNull().default({}),
    status: jobStatusEnum().notNull().default('queued'),
    priority: integer().notNull().default(0),
    progress: doublePrecision().notNull().default(0),
    message: text().notNull().default(''),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(3),
    /** Seconds without a heartbeat after which a running job is presumed orphaned and handed to another worker. */
    leaseSeconds: integer().notNull().default(30),
    workerId: text(),
    heartbeatAt: timestamp({ withTimezone: true }),
    runAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelRequested: boolean().notNull().default(false),
    result: jsonb().$type<unknown>(),
    error: text(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The claim query scans only claimable rows, oldest and most urgent first.
    index('jobs_claimable_idx')
      .on(t.queue, t.priority.desc(), t.createdAt)
      .where(sql`status = 'queued'`),
    index().on(t.projectId, t.createdAt.desc()),
    index('jobs_running_idx')
      .on(t.heartbeatAt)
      .where(sql`status = 'running'`),
  ],
);

/** An append-only history of each job: who claimed it, when it was requeued, how it ended. */
export const jobEvents = pgTable(
  'job_events',
  {
    id: serial().primaryKey(),
    jobId: text()
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    attempt: integer().notNull(),
    workerId: text(),
    detail: text().notNull().default(''),
    at: createdAt(),
  },
  (t) => [index().on(t.jobId)],
);

/** Numeric series a job reports while it runs (loss, accuracy, throughput), drawn as live curves. */
export const jobMetrics = pgTable(
  'job_metrics',
  {
    id: serial().primaryKey(),
    jobId: text()
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    step: integer().notNull(),
    value: doublePrecision().notNull(),
    at: createdAt(),
  },
  (t) => [index().on(t.jobId, t.name, t.step)],
);

/** Workers that announced themselves: in-process, `npm run worker` processes and remote machines over HTTP. */
export const workers = pgTable('workers', {
  id: text().primaryKey(),
  projectId: text().references(() => projects.id, { onDelete: 'cascade' }),
  tokenId: text().references(() => credentials.id, { onDelete: 'set null' }),
  kind: text().notNull(), // 'local' | 'remote'
  name: text().notNull(),
  queues: jsonb().$type<string[]>().notNull().default([]),
  jobTypes: jsonb().$type<string[]>().notNull().default([]),
  resources: jsonb().$type<WorkerResources>().notNull(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
});

/** Files jobs produce (checkpoints, exports), stored on disk by content hash. */
export const artifacts = pgTable(
  'artifacts',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    jobId: text().references(() => jobs.id, { onDelete: 'set null' }),
    kind: text().notNull(),
    sha256: text().notNull(),
    sizeBytes: integer().notNull(),
    contentType: text().notNull().default('application/octet-stream'),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.projectId), index().on(t.jobId)],
);

export type WorkerResources = {
  cpus: number;
  memoryMb: number;
  gpus: { name: string; memoryMb: number }[];
};
export type JobStatus = (typeof jobStatusEnum.enumValues)[number];
