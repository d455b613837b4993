// Data factory, collected side: agent interactions ("events") as they arrived, and what cleaning decided about each.
// The raw prompt/response are never rewritten or deleted: cleaning writes its verdicts in clean_verdicts (cleaning.ts).
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, projectRef } from './columns';

export const eventSourceEnum = pgEnum('event_source', ['api', 'upload', 'environment', 'runtime', 'seed', 'evaluation']);
/** `raw`: not cleaned yet; `kept`: passed cleaning (its clean text is usable); `filtered`: marked out, with a reason. */
export const cleanStatusEnum = pgEnum('clean_status', ['raw', 'kept', 'filtered']);

export const events = pgTable(
  'events',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    /** The client's own id, when it sent one: makes retries idempotent (unique per project). */
    clientId: text(),
    agentId: text().notNull(),
    source: eventSourceEnum().notNull(),
    prompt: text().notNull(),
    response: text().notNull(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** When the interaction happened (client-supplied `created_at`, else arrival time). */
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ingestedAt: createdAt(),
    /** The upload or API batch that brought it, for tracing a bad file back. */
    batchId: text(),
    // What cleaning decided lives in clean_verdicts (one row per event and run), never on the event row: a run
    // that rewrote a million events rewrote their seven indexes too (issue 16: 1.9 GB of index growth per run).
  },
  (t) => [
    uniqueIndex('events_client_id_idx')
      .on(t.projectId, t.clientId)
      .where(sql`client_id is not null`),
    // The explorer pages newest-first by (occurred_at, id) keyset; filters narrow by agent, source and status.
    // Ascending on purpose: Drizzle's .desc() emits DESC NULLS LAST, which `ORDER BY … DESC` (NULLS FIRST) cannot use,
    // while an ascending index read backwards gives exactly DESC NULLS FIRST (measured: 420 ms seq scan → <1 ms).
    index('events_project_time_idx').on(t.projectId, t.occurredAt, t.id),
    index('events_project_agent_idx').on(t.projectId, t.agentId),
    // A "new events only" cleaning run reads what arrived since the last live run (cleaning/raw-window.ts): without
    // it, its first page walked every cleaned event looking for the first raw one (5.3 s at 1.6M events).
    index('events_project_ingested_idx').on(t.projectId, t.ingestedAt),
    // Substring search (ILIKE '%term%') in the explorer: trigram indexes keep a rare term fast over 100k+ rows
    // (measured: ~200 ms seq scan → ~5 ms). pg_trgm is created before migrations run, see db/client.ts.
    index('events_prompt_trgm_idx').using('gin', t.prompt.op('gin_trgm_ops')),
    index('events_response_trgm_idx').using('gin', t.response.op('gin_trgm_ops')),
  ],
);

export const ingestKindEnum = pgEnum('ingest_kind', ['upload', 'cli', 'api']);
/** A batch record is written before its first event and always finished: every stored event's batch exists. */
export const ingestStatusEnum = pgEnum('ingest_status', ['receiving', 'done', 'failed']);

/** One uploaded file (UI or CLI): what came in and how it went, so an upload can be traced and its errors re-read. */
export const ingestBatches = pgTable(
  'ingest_batches',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    kind: ingestKindEnum().notNull(),
    status: ingestStatusEnum().notNull().default('done'),
    fileName: text().notNull(),
    format: text().notNull(),
    bytes: integer().notNull().default(0),
    lines: integer().notNull().default(0),
    stored: integer().notNull().default(0),
    duplicates: integer().notNull().default(0),
    rejected: integer().notNull().default(0),
    /** The first rejected lines with their reasons (capped); the counts above are complete. */
    rejections: jsonb().$type<{ line: number; reason: string }[]>().notNull().default([]),
    /** Set when the file was cut short (size limit) or the batch stopped on an error, naming where it stopped. */
    error: text(),
    createdBy: text(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.projectId, t.createdAt)],
);

export type Event = typeof events.$inferSelect;
export type EventSource = (typeof eventSourceEnum.enumValues)[number];
export type CleanStatus = (typeof cleanStatusEnum.enumValues)[number];
export type IngestBatch = typeof ingestBatches.$inferSelect;
