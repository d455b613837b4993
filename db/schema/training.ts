// Training factory: training runs (one per job), their checkpoints, and the model registry with lineage.
// Models are immutable: a new training run registers a new model; its artefact is stored on disk by content hash.
import { doublePrecision, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, projectRef } from './columns';
import { jobs } from './jobs';

export type HyperParams = {
  epochs: number;
  batchSize: number;
  learningRate: number;
  modelSize: 'tiny' | 'small' | 'medium';
  maxSeconds: number;
  seed: number;
  /** Steps between checkpoints (what a resumed run may lose) and between validations on the scenario. */
  checkpointEvery: number;
  validateEvery: number;
};

export type FinalMetrics = {
  steps: number;
  trainLoss: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  tokensPerSec: number | null;
  wallSeconds: number;
  /** The scenario's baseline pass rate when the run started (absent on models registered before it was recorded). */
  baselineAccuracy?: number | null;
};

export const trainingRuns = pgTable(
  'training_runs',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    jobId: text()
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    datasetId: text().notNull(),
    scenarioId: text().notNull(),
    allocationId: text(),
    /** `builtin:char-transformer` trains here on CPU; hosted bases (e.g. `gpt-3.5-turbo`) go to a remote GPU worker. */
    base: text().notNull(),
    hyperParams: jsonb().$type<HyperParams>().notNull(),
    modelId: text(),
    createdBy: text(),
    createdAt: createdAt(),
    /** The evaluation (`eval_…`) whose failed cases sent the model back to training, when one did. */
    sentBackBy: text(),
  },
  (t) => [index().on(t.projectId, t.createdAt.desc()), index().on(t.jobId)],
);

export const checkpoints = pgTable(
  'checkpoints',
  {
    id: text().primaryKey(),
    runId: text()
      .notNull()
      .references(() => trainingRuns.id, { onDelete: 'cascade' }),
    step: integer().notNull(),
    sha256: text().notNull(),
    sizeBytes: integer().notNull(),
    trainLoss: doublePrecision(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.runId, t.step.desc())],
);

export const models = pgTable(
  'models',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    name: text().notNull(),
    runId: text().references(() => trainingRuns.id, { onDelete: 'set null' }),
    jobId: text(),
    base: text().notNull(),
    datasetId: text().notNull(),
    scenarioId: text().notNull(),
    allocationId: text(),
    hyperParams: jsonb().$type<HyperParams>().notNull(),
    /** The architecture actually trained (d_model, layers, heads, context, parameter count). */
    architecture: jsonb().$type<Record<string, number | string>>().notNull(),
    metrics: jsonb().$type<FinalMetrics>().notNull(),
    sha256: text().notNull(),
    sizeBytes: integer().notNull(),
    createdBy: text(),
    createdAt: createdAt(),
    /** Copied from its training run: the evaluation that sent it back, so the loop shows in its lineage. */
    sentBackBy: text(),
  },
  (t) => [index().on(t.projectId, t.createdAt.desc())],
);

export type TrainingRun = typeof trainingRuns.$inferSelect;
export type Model = typeof models.$inferSelect;
