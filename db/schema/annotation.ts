// Data factory, annotation side: queues of events to rate, who rates what, the humans' and the LLM judge's ratings.
//
// Reading ratings from elsewhere (explorer, dataset builder):
//   - The table `event_ratings(event_id, project_id, agent_id, occurred_at, mean_rating, n)`, kept by triggers,
//     holds, per event, the mean of its human ratings (0..1, across every queue) and how many there are. Events
//     nobody rated have no row. Join on it to filter by a minimum rating in SQL, e.g. `join event_ratings r on r.event_id = events.id where r.mean_rating >= 0.75`;
//     in Drizzle: `eventRatings` below, or `minRatingCondition(0.75)` from `server/data/annotation/rating-summary.ts`.
//   - `ratingSummary(db, projectId, eventIds)` in the same module returns `{ eventId, meanRating, n }` per event.
//   - Judge scores are not in it: they live in `judge_ratings` and are only trusted where agreement says so.
//
// A human rating is an assignment that was rated: one row per (item, rater), so overlap and "who still has work"
// are both plain counts over `annotation_assignments`.
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, projectRef } from './columns';
import { projects, users } from './core';
import { events } from './data';

export const annotationQueues = pgTable(
  'annotation_queues',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    name: text().notNull(),
    instructions: text().notNull().default(''),
    /** How many distinct raters each item should get when assigned round-robin. */
    overlap: integer().notNull().default(1),
    /** Blind: raters never see other raters' or the judge's ratings (enforced by the API, not just hidden). */
    blind: boolean().notNull().default(true),
    /** Points on the rating scale; key `k` (1-based) maps onto (k-1)/(points-1) in 0..1. */
    scalePoints: integer().notNull().default(5),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('annotation_queues_name_idx').on(t.projectId, t.name), index().on(t.projectId, t.createdAt.desc())],
);

/** An event placed in a queue; `position` keeps the order raters see them in. */
export const annotationItems = pgTable(
  'annotation_items',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    queueId: text()
      .notNull()
      .references(() => annotationQueues.id, { onDelete: 'cascade' }),
    eventId: text()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('annotation_items_event_idx').on(t.queueId, t.eventId), index().on(t.queueId, t.position)],
);

/** `pending`: still to do; `rated`: `value` holds the rating; `skipped`: passed over for now (may still be rated). */
export const assignmentStatusEnum = pgEnum('assignment_status', ['pending', 'rated', 'skipped']);

export const annotationAssignments = pgTable(
  'annotation_assignments',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    queueId: text()
      .notNull()
      .references(() => annotationQueues.id, { onDelete: 'cascade' }),
    itemId: text()
      .notNull()
      .references(() => annotationItems.id, { onDelete: 'cascade' }),
    /** Denormalised from the item so the `event_ratings` triggers and rating look-ups need no join. */
    eventId: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: assignmentStatusEnum().notNull().default('pending'),
    /** The rating in 0..1 once rated. */
    value: doublePrecision(),
    comment: text(),
    /** Time the rater spent on the item before rating it (capped), for throughput figures. */
    durationMs: integer(),
    ratedAt: timestamp({ withTimezone: true }),
    assignedBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('annotation_assignments_item_user_idx').on(t.itemId, t.userId),
    index('annotation_assignments_rater_idx').on(t.userId, t.queueId, t.status),
    index('annotation_assignments_queue_idx').on(t.queueId, t.status),
    index('annotation_assignments_event_idx')
      .on(t.eventId)
      .where(sql`status = 'rated'`),
  ],
);

/** The LLM judge's score per queue item (the latest run wins), with its reason and the model that gave it. */
export const judgeRatings = pgTable(
  'judge_ratings',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    queueId: text()
      .notNull()
      .references(() => annotationQueues.id, { onDelete: 'cascade' }),
    itemId: text()
      .notNull()
      .references(() => annotationItems.id, { onDelete: 'cascade' }),
    eventId: text().notNull(),
    value: doublePrecision().notNull(),
    reason: text().notNull().default(''),
    model: text().notNull(),
    jobId: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('judge_ratings_item_idx').on(t.itemId), index().on(t.queueId)],
);

/**
 * The project's OpenAI-compatible chat-completions endpoint for the judge. The API key is sealed (AES-256-GCM,
 * see server/llm/sealed-secret.ts) and never leaves the server once saved; `apiKeyHint` is its last 4 characters.
 */
export const judgeEndpoints = pgTable('judge_endpoints', {
  projectId: text()
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  baseUrl: text().notNull(),
  model: text().notNull(),
  apiKeySealed: text(),
  apiKeyHint: text(),
  updatedBy: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Mean human rating per event, across queues: what the explorer and dataset builder filter on. A table kept by
 * triggers on annotation_assignments (migration 0014), not a view: the view aggregated every rating on each read
 * (30 ms at 19,200), and a table carries the event's time and agent so "rated ≥ x, newest first" is an index range.
 */
export const eventRatings = pgTable(
  'event_ratings',
  {
    eventId: text()
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    projectId: projectRef(),
    /** Copied from the event (events are never updated), for time order and the agent filter without the event row. */
    agentId: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    meanRating: doublePrecision().notNull(),
    n: integer().notNull(),
  },
  (t) => [
    index('event_ratings_time_idx').on(t.projectId, t.occurredAt, t.eventId),
    index('event_ratings_mean_idx').on(t.projectId, t.meanRating),
  ],
);

export type AnnotationQueue = typeof annotationQueues.$inferSelect;
export type AnnotationAssignment = typeof annotationAssignments.$inferSelect;
export type AssignmentStatus = (typeof assignmentStatusEnum.enumValues)[number];
export type JudgeRating = typeof judgeRatings.$inferSelect;
