// Data factory, build side: immutable dataset versions (`ds_<name>_v<n>`) and the exact examples each one holds.
// Examples keep a snapshot of the text used (cleaned when the event was cleaned), so a version never changes
// when its events are cleaned again later; the membership (event id, split) is its lineage.
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, projectRef } from './columns';
import type { CleanStatus, EventSource } from './data';

export const datasetTypeEnum = pgEnum('dataset_type', ['sft']);
export const datasetStatusEnum = pgEnum('dataset_status', ['building', 'ready', 'failed']);
export const datasetSplitEnum = pgEnum('dataset_split', ['train', 'validation']);

/** What a version was built from: a filter over events, or an explicit list of event ids. */
export type DatasetFilter = {
  source?: EventSource;
  agentId?: string;
  minRating?: number;
  cleanedOnly?: boolean;
  from?: string;
  to?: string;
  eventIds?: string[];
};

export type HistogramBin = { label: string; from: number; to: number; count: number };

export type DatasetStats = {
  promptLength: HistogramBin[];
  responseLength: HistogramBin[];
  /** Mean human rating per example, binned; `rated` of the examples had at least one rating. */
  rating: HistogramBin[];
  rated: number;
  cleaned: number;
  bySource: Partial<Record<EventSource, number>>;
  byCleanStatus: Partial<Record<CleanStatus, number>>;
};

export const datasets = pgTable(
  'datasets',
  {
    /** `ds_<name>_v<version>`: readable, and unique within the project. */
    id: text().notNull(),
    projectId: projectRef(),
    name: text().notNull(),
    version: integer().notNull(),
    type: datasetTypeEnum().notNull().default('sft'),
    status: datasetStatusEnum().notNull().default('building'),
    description: text().notNull().default(''),
    filter: jsonb().$type<DatasetFilter>().notNull(),
    seed: integer().notNull(),
    validationFraction: doublePrecision().notNull(),
    exampleCount: integer().notNull().default(0),
    trainCount: integer().notNull().default(0),
    validationCount: integer().notNull().default(0),
    /** SHA-256 over the sorted `event_id:split` lines: equal hashes mean the same rows in the same splits. */
    membershipHash: text(),
    /** The cleaning runs whose text the examples carry (empty when built from raw text only). */
    cleanRunIds: jsonb().$type<string[]>().notNull().default([]),
    stats: jsonb().$type<DatasetStats>(),
    /** SHA-256 of the JSONL exports, also their file names in the artefact store. */
    trainExportSha256: text(),
    validationExportSha256: text(),
    jobId: text(),
    error: text(),
    createdBy: text(),
    createdAt: createdAt(),
    builtAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.id] }),
    uniqueIndex('datasets_name_version_idx').on(t.projectId, t.name, t.version),
    index().on(t.projectId, t.createdAt),
  ],
);

export const datasetExamples = pgTable(
  'dataset_examples',
  {
    projectId: projectRef(),
    datasetId: text().notNull(),
    eventId: text().notNull(),
    split: datasetSplitEnum().notNull(),
    /** Order within the version: a seeded shuffle, so exports and training read examples in the same order. */
    position: integer().notNull(),
    prompt: text().notNull(),
    response: text().notNull(),
    /** Whether the text is the cleaned (redacted) text rather than the raw event. */
    cleaned: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.datasetId, t.eventId] }),
    index('dataset_examples_order_idx').on(t.projectId, t.datasetId, t.split, t.position),
    index().on(t.eventId),
  ],
);

export type Dataset = typeof datasets.$inferSelect;
export type DatasetExample = typeof datasetExamples.$inferSelect;
export type DatasetSplit = (typeof datasetSplitEnum.enumValues)[number];
