// Pipeline runs: one walk of the wizard through the six factories (`run_…`). A run is a list of step rows, one per
// (iteration, step); a FAIL at evaluation that goes back to training opens the next iteration with fresh training,
// evaluation and runtime rows. Each row records its status, times, the factory job it watches and the artefact ids
// it produced, so a run is resumable from the database alone.
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, projectRef, updatedAt } from './columns';

export const PIPELINE_STEPS = ['compute', 'data', 'environment', 'training', 'evaluation', 'runtime'] as const;
export const pipelineStepEnum = pgEnum('pipeline_step', PIPELINE_STEPS);
export const pipelineStepStatusEnum = pgEnum('pipeline_step_status', ['pending', 'running', 'succeeded', 'failed']);
export const pipelineRunStatusEnum = pgEnum('pipeline_run_status', ['open', 'deployed', 'failed']);

/** Artefact ids a step produced (each step fills its own). */
export type PipelineOutputs = {
  allocationId?: string;
  cleanRunId?: string;
  datasetId?: string;
  scenarioId?: string;
  validationJobId?: string;
  trainingRunId?: string;
  modelId?: string;
  evaluationRunId?: string;
  verdict?: 'pass' | 'fail';
  deploymentId?: string;
  deploymentVersion?: number;
  endpoint?: string;
  /** Iteration ≥ 2: the evaluation whose failed cases sent the model back. */
  sentBackBy?: string;
};

/** What the user chose for a step (or the defaults it was started with). */
export type PipelineInputs = Record<string, string | number | boolean | null>;

export const pipelineRuns = pgTable(
  'pipeline_runs',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    name: text().notNull(),
    status: pipelineRunStatusEnum().notNull().default('open'),
    /** The iteration the run is in; it grows by one each time a FAIL goes back to training. */
    iteration: integer().notNull().default(1),
    /** A FAIL at this iteration ends the run instead of offering another loop. */
    maxIterations: integer().notNull().default(3),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.projectId, t.createdAt.desc())],
);

export const pipelineSteps = pgTable(
  'pipeline_steps',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    runId: text()
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    iteration: integer().notNull(),
    step: pipelineStepEnum().notNull(),
    status: pipelineStepStatusEnum().notNull().default('pending'),
    /** Within a running step, which of its factory operations is under way (e.g. data: `clean` then `build`). */
    phase: text(),
    /** The factory job the step is waiting on, when it waits on one. */
    jobId: text(),
    inputs: jsonb().$type<PipelineInputs>().notNull().default({}),
    outputs: jsonb().$type<PipelineOutputs>().notNull().default({}),
    error: text(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('pipeline_steps_run_iteration_step_idx').on(t.runId, t.iteration, t.step), index().on(t.projectId, t.status)],
);

export type PipelineRun = typeof pipelineRuns.$inferSelect;
export type PipelineStepRow = typeof pipelineSteps.$inferSelect;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];
export type PipelineStepStatus = (typeof pipelineStepStatusEnum.enumValues)[number];
