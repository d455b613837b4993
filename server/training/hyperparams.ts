// Hyper-parameters a user may set for a training run, their defaults, and how a named size maps to an architecture.
import { z } from 'zod';
import type { HyperParams } from '@/db/schema';
import type { TrainConfigInput } from './engine';

/** The built-in trainer's default; hosted fine-tunes send learning rates as a multiple of it. */
export const DEFAULT_LEARNING_RATE = 2e-3;

export const MODEL_SIZES = {
  // ~25k parameters: for smoke runs and tests.
  tiny: { dModel: 32, layers: 1, heads: 2, mlp: 128 },
  // ~125k parameters (with the demo's vocabulary): reads the demo's questions to ≥ 99% within ~400 steps.
  small: { dModel: 64, layers: 2, heads: 4, mlp: 256 },
  // ~400k parameters: for datasets with more to learn than arithmetic.
  medium: { dModel: 96, layers: 3, heads: 4, mlp: 384 },
} as const;

export const hyperParamsInput = z.object({
  epochs: z.number().int().min(1, 'At least one epoch.').max(100, 'At most 100 epochs.').default(4),
  // Batches of 32 at 2e-3 reach the demo's targets in ~400 steps (engine README); four epochs of the demo's 3,240
  // training rows are 404 of them, about 40 s of one core.
  batchSize: z.number().int().min(1).max(512, 'Batches over 512 rows do not fit the CPU trainer.').default(32),
  learningRate: z
    .number()
    .positive('The learning rate must be above 0.')
    .max(0.1, 'Learning rates above 0.1 diverge.')
    .default(DEFAULT_LEARNING_RATE),
  modelSize: z.enum(['tiny', 'small', 'medium']).default('small'),
  /** A wall-clock budget: training stops (and registers what it has) when it runs out. */
  maxSeconds: z
    .number()
    .int()
    .min(5)
    .max(24 * 3600)
    .default(300),
  seed: z.number().int().min(0).default(1),
  /** Left out: scaled to the run's length (withIntervals), so a short run still validates and checkpoints on the way. */
  checkpointEvery: z.number().int().min(10, 'Checkpoint at most every 10 steps.').optional(),
  validateEvery: z.number().int().min(10, 'Validate at most every 10 steps.').optional(),
});
export type HyperParamsInput = z.infer<typeof hyperParamsInput>;

/** Validations and checkpoints a run gets on the way by default (the engine also does both at the very end). */
const DEFAULT_VALIDATIONS = 5;
const DEFAULT_CHECKPOINTS = 4;
const MIN_INTERVAL = 10;

/** The steps a run will take: the engine's epochs × floor(rows / batch) (at least one step an epoch). */
export const plannedSteps = (h: Pick<HyperParams, 'epochs' | 'batchSize'>, trainRows: number) =>
  h.epochs * Math.max(1, Math.floor(trainRows / h.batchSize));

/** The hyper-parameters with the intervals the user left out scaled to the run's length. */
export function withIntervals(h: HyperParamsInput, trainRows: number): HyperParams {
  const steps = plannedSteps(h, trainRows);
  const every = (n: number) => Math.max(MIN_INTERVAL, Math.ceil(steps / n));
  return {
    ...h,
    validateEvery: h.validateEvery ?? every(DEFAULT_VALIDATIONS),
    checkpointEvery: h.checkpointEvery ?? every(DEFAULT_CHECKPOINTS),
  };
}

export function engineConfig(h: HyperParamsInput): TrainConfigInput {
  return {
    epochs: h.epochs,
    batchSize: h.batchSize,
    model: { ...MODEL_SIZES[h.modelSize] },
    optimizer: { learningRate: h.learningRate },
  };
}
