// Data factory, cleaning side: each cleaning run with its report, the redactions it made (for review), and the
// reviewers' verdicts on them, which become labelled examples of the PII gold set.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, projectRef } from './columns';
import { events } from './data';

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

/** One redacted side of one event in one run: the text before and after, the spans, and its review. */
export const cleanRedactions = pgTable(
  'clean_redactions',
  {
    projectId: projectRef(),
    runId: text()
      .notNull()
      .references(() => cleanRuns.id, { onDelete: 'cascade' }),
    eventId: text()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
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
export type CleanGoldLabel = typeof cleanGoldLabels.$inferSelect;
