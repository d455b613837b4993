// Data factory, cleaning side: each cleaning run with its report, the redactions it made (for review), and the
// reviewers' verdicts on them, which become labelled examples of the PII gold set.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, pgView, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, projectRef } from './columns';
import { cleanStatusEnum, events } from './data';

export const cleanRunStatusEnum = pgEnum('clean_run_status', ['queued', 'running', 'succeeded', 'failed', 'cancelled']);
/** `raw`: only events not cleaned yet (earlier kept ones still count as originals); `all`: every event again. */
export const cleanScopeEnum = pgEnum('clean_scope', ['raw', 'all']);
export const cleanFieldEnum = pgEnum('clean_field', ['prompt', 'response']);
export const redactionReviewEnum = pgEnum('redaction_review', ['pending', 'approved', 'corrected']);

/** A span of a text and what it is (`EMAIL`, `PHONE`, …), as the redactor reports and reviewers label them. */
export type LabelledSpan = { type: string; start: number; end: number };

export type CleanExample = { eventId: string; prompt: string; response: string; detail: string | null; duplicateOf: string | null };

/** What a run found: complete counts, and a few examples of each reason to read. */
export type CleanReport = {
  /** Events per outcome: `kept` and each filter reason. */
  counts: Record<string, number>;
  examples: Record<string, CleanExample[]>;
  /** Redacted spans per PII type. */
  entities: Record<string, number>;
  /** Events (kept before indexing) that earlier runs had kept, used as originals for duplicates. */
  indexed: number;
  /** Milliseconds per pipeline stage and for the database work. */
  timings: Record<string, number>;
};

export const cleanRuns = pgTable(
  'clean_runs',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    jobId: text(),
    scope: cleanScopeEnum().notNull(),
    /** The thresholds the run used (defaults merged with what the engineer set). */
    config: jsonb().$type<Record<string, number>>().notNull(),
    status: cleanRunStatusEnum().notNull().default('queued'),
    /**
     * Whether this run's verdicts are the project's current ones: set when it succeeds; a successful 'all' run
     * clears it on every older run in the same transaction. An event is covered by at most one live run.
     */
    live: boolean().notNull().default(false),
    total: integer().notNull().default(0),
    processed: integer().notNull().default(0),
    kept: integer().notNull().default(0),
    filtered: integer().notNull().default(0),
    /** Events with at least one redaction. */
    redacted: integer().notNull().default(0),
    report: jsonb().$type<CleanReport>(),
    error: text(),
    createdBy: text(),
    createdAt: createdAt(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.projectId, t.createdAt.desc()),
    // One run at a time per project: two runs would race to decide which copy is the original.
    uniqueIndex('clean_runs_active_idx')
      .on(t.projectId)
      .where(sql`status in ('queued', 'running')`),
  ],
);

/**
 * A run's verdict on one event, immutable once the run is done (a redaction review may still correct the text).
 * Keyed (event, run) so the explorer's join probes one short index range per event. The clean texts are stored
 * only where cleaning changed them: NULL means "as the raw text" (readers coalesce; see cleaning/verdicts.ts).
 */
export const cleanVerdicts = pgTable(
  'clean_verdicts',
  {
    // Not a foreign key to events: its check per inserted row took a share lock on the event, which rewrites the
    // event row's header (and its page, and the WAL) for every verdict a run writes. Events go only with their
    // project, whose runs' cascade removes these rows.
    eventId: text().notNull(),
    // Not a foreign key either: its check per inserted row was half the cost of writing a verdict (a million
    // lookups of the one run a run writes). The writer is that run; a trigger on clean_runs (migration 0013) still
    // removes a deleted run's rows, as the cascade did.
    runId: text().notNull(),
    // Nor this: the run's project is the row's project.
    projectId: text().notNull(),
    status: cleanStatusEnum().notNull(),
    cleanPrompt: text(),
    cleanResponse: text(),
    /** Named reason when filtered (e.g. `exact_duplicate`, `too_short`), so reports can count and explain. */
    filterReason: text(),
    /** The kept original a duplicate copies. */
    duplicateOf: text(),
    /**
     * The event's occurred_at (events are never updated), so "kept, newest first" is a range of the status index
     * rather than a walk of every event newest first looking for kept ones (past a backlog of uncleaned new events).
     */
    occurredAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.runId] }),
    index().on(t.runId),
    index('clean_verdicts_status_time_idx').on(t.projectId, t.status, t.occurredAt, t.eventId),
  ],
);

/**
 * The project's current verdict of each event: its row from a live run (no row: not cleaned, 'raw'). `has_text` is
 * false for junk, which is filtered before redaction and has no clean text (readers redact it on the fly).
 * Read it through cleaning/verdicts.ts, which joins it to events and coalesces the texts.
 */
export const liveVerdicts = pgView('live_verdicts', {
  eventId: text().notNull(),
  runId: text().notNull(),
  projectId: text().notNull(),
  status: cleanStatusEnum().notNull(),
  cleanPrompt: text(),
  cleanResponse: text(),
  filterReason: text(),
  duplicateOf: text(),
  hasText: boolean().notNull(),
  occurredAt: timestamp({ withTimezone: true }).notNull(),
}).as(
  sql`select v.event_id, v.run_id, v.project_id, v.status, v.clean_prompt, v.clean_response, v.filter_reason, v.duplicate_of, (v.status = 'kept' or v.filter_reason in ('exact_duplicate', 'near_duplicate')) as has_text, v.occurred_at from clean_verdicts v join clean_runs r on r.id = v.run_id and r.live`,
);

// clean_keys, the duplicate index of each run, is not declared here: it is partitioned by run (one partition per
// run, dropped whole when nothing reads it any more), which Drizzle cannot declare. Its SQL is in the migration
// (drizzle/0010_clean_verdicts.sql, drizzle/0011_clean_keys_per_event.sql) and its readers and writers in server/data/cleaning/keys.ts.

/** One redacted side of one event in one run: the text before and after, the spans, and its review. */
export const cleanRedactions = pgTable(
  'clean_redactions',
  {
    projectId: projectRef(),
    runId: text()
      .notNull()
      .references(() => cleanRuns.id, { onDelete: 'cascade' }),
    // No foreign key to events, as on verdicts: its check would share-lock the event, rewriting its row.
    eventId: text().notNull(),
    field: cleanFieldEnum().notNull(),
    before: text().notNull(),
    after: text().notNull(),
    entities: jsonb().$type<LabelledSpan[]>().notNull(),
    review: redactionReviewEnum().notNull().default('pending'),
    reviewedBy: text(),
    reviewedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.runId, t.eventId, t.field] }), index().on(t.projectId, t.runId, t.review)],
);

/**
 * A reviewer's verdict on a text's PII: the spans that really are PII (the redactor's, minus the wrong ones, plus
 * the missed ones). One per event side; the latest review wins. These join the generated gold set when scoring.
 */
export const cleanGoldLabels = pgTable(
  'clean_gold_labels',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    eventId: text()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    field: cleanFieldEnum().notNull(),
    /** The original text the spans index into. */
    text: text().notNull(),
    entities: jsonb().$type<LabelledSpan[]>().notNull(),
    verdict: redactionReviewEnum().notNull(),
    runId: text(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('clean_gold_labels_event_idx').on(t.projectId, t.eventId, t.field), index().on(t.projectId, t.createdAt.desc())],
);

export type CleanRun = typeof cleanRuns.$inferSelect;
export type CleanRedaction = typeof cleanRedactions.$inferSelect;
export type CleanVerdictRow = typeof cleanVerdicts.$inferSelect;
export type CleanGoldLabel = typeof cleanGoldLabels.$inferSelect;
