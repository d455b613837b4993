// The `training.run` job's input and result. The input is self-contained (the dataset's rows, the scenario's cases,
// the hyper-parameters and the checkpoint to resume from), so the built-in trainer runs the same on a local worker and
// on a remote one over the worker route. Imports nothing from the database: a remote worker loads it.
import { z } from 'zod';
import { hyperParamsInput } from './hyperparams';

export const TRAINING_JOB = 'training.run';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const example = z.object({ prompt: z.string(), response: z.string() });

/** The checkpoint a new attempt starts from; the server sets it when a checkpoint is uploaded (job.ts, onArtifact). */
export const checkpointRef = z.object({ artifactId: z.string().min(1), sha256, step: z.number().int().min(0) });
export type CheckpointRef = z.infer<typeof checkpointRef>;

export const trainingRunInput = z.object({
  runId: z.string().min(1),
  hyperParams: hyperParamsInput,
  examples: z.object({ train: z.array(example).min(1), validation: z.array(example) }),
  /** Scenario cases scored (exact match) at each validation and at the end. */
  cases: z.array(z.object({ prompt: z.string(), expected: z.string() })),
  /** The scenario's baseline pass rate on these cases, when its validation measured one: the bar a model should clear. */
  baselineAccuracy: z.number().min(0).max(1).nullable().default(null),
  resumeFrom: checkpointRef.nullable().default(null),
});
export type TrainingRunInput = z.infer<typeof trainingRunInput>;

const storedArtifact = z.object({ artifactId: z.string().min(1), sha256, sizeBytes: z.number().int().min(0) });

/** What the worker completes the job with; the server registers the model from it (job.ts, onSucceeded). */
export const trainingRunResult = z.object({
  /** The final model (kind `model`), uploaded by this job. */
  model: storedArtifact,
  architecture: z.record(z.string(), z.union([z.number(), z.string()])),
  metrics: z.object({
    steps: z.number().int().min(0),
    trainLoss: z.number().nullable(),
    valLoss: z.number().nullable(),
    valAccuracy: z.number().min(0).max(1).nullable(),
    tokensPerSec: z.number().nullable(),
    wallSeconds: z.number().min(0),
  }),
  stoppedBy: z.enum(['steps', 'time']),
  /** The checkpoint step this attempt resumed from, or null when it started from scratch. */
  resumedFromStep: z.number().int().min(0).nullable(),
});
export type TrainingRunResult = z.infer<typeof trainingRunResult>;
