// The `training.remote` job's input and result. The input carries everything a remote trainer needs (the dataset's
// rows, the scenario's cases, the hyper-parameters), so the worker that runs it never needs the database.
// Imports nothing from the database: a remote worker loads it.
import { z } from 'zod';

export const TRAINING_REMOTE_JOB = 'training.remote';

/**
 * The most examples (train + validation) a run on a remote trainer can ship in its job input. The input is stored as
 * JSON in the job row and sent whole in the claim reply, so it stays a few MB; larger datasets need a split.
 */
export const MAX_REMOTE_EXAMPLES = 20_000;
/** And the most characters of prompt + response text across those examples (about 20 MB as JSON). */
export const MAX_REMOTE_TEXT_CHARS = 20_000_000;
/** Scenario cases shipped with the run and scored against the fine-tuned model (as `training.run` does). */
export const REMOTE_VALIDATION_CASES = 100;

const example = z.object({ prompt: z.string(), response: z.string() });

export const remoteHyperParams = z.object({
  epochs: z.number().int().min(1),
  batchSize: z.number().int().min(1),
  learningRate: z.number().positive(),
  seed: z.number().int().min(0),
});

export const remoteTrainingInput = z.object({
  runId: z.string().min(1),
  base: z.string().min(1),
  hyperParams: remoteHyperParams,
  examples: z.object({ train: z.array(example).min(1), validation: z.array(example) }),
  cases: z.array(z.object({ prompt: z.string(), expected: z.string() })),
});

export type RemoteTrainingInput = z.infer<typeof remoteTrainingInput>;

export const remoteMetrics = z.object({
  steps: z.number().int().min(0),
  trainLoss: z.number().nullable(),
  valLoss: z.number().nullable(),
  valAccuracy: z.number().nullable(),
  trainedTokens: z.number().nullable(),
  wallSeconds: z.number(),
});

/** What the worker completes the job with; the server registers the model from it (job.ts, onSucceeded). */
export const remoteTrainingResult = z.object({
  trainer: z.string(),
  providerHost: z.string(),
  providerJobId: z.string(),
  fineTunedModel: z.string(),
  base: z.string(),
  providerModel: z.string(),
  metrics: remoteMetrics,
  artifact: z.object({ artifactId: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), sizeBytes: z.number().int().min(0) }),
});

export type RemoteTrainingResult = z.infer<typeof remoteTrainingResult>;
