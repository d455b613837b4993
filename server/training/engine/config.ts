// Hyper-parameters of a training run, their defaults, and their validation.

import { DEFAULT_MODEL, type ModelSize } from './model';
import { DEFAULT_OPTIMIZER, type OptimizerConfig } from './optimizer';
import { DEFAULT_TOKENIZER, type TokenizerSpec } from './tokenizer';

export type TrainConfig = {
  model: ModelSize;
  optimizer: OptimizerConfig;
  /** how the model reads text; stored with it, so a model always reads as it was trained. */
  tokenizer: TokenizerSpec;
  batchSize: number;
  /** passes over the training set; the run ends at whichever of epochs and maxSteps comes first. */
  epochs: number;
  /** 0 = no step limit. */
  maxSteps: number;
  /** validation loss is measured on at most this many validation examples, in batches of evalBatchSize. */
  validationLimit: number;
  /** caps inference batches too: wasm memory never shrinks, so big batches leave the process big. */
  evalBatchSize: number;
  /** batch rows of similar length together (order.ts), so less of each batch is padding. */
  bucketByLength: boolean;
  /** share of prompt words read as UNK in training (trainer.ts), so unknown words do not derail the model. */
  wordDropout: number;
};

export type TrainConfigInput = {
  model?: Partial<ModelSize>;
  optimizer?: Partial<OptimizerConfig>;
  tokenizer?: Partial<TokenizerSpec>;
} & Partial<Omit<TrainConfig, 'model' | 'optimizer' | 'tokenizer'>>;

export const DEFAULT_TRAIN: Omit<TrainConfig, 'model' | 'optimizer' | 'tokenizer'> = {
  batchSize: 32,
  epochs: 10,
  maxSteps: 0,
  validationLimit: 512,
  evalBatchSize: 64,
  bucketByLength: true,
  wordDropout: 0.1,
};

export function resolveConfig(input: TrainConfigInput = {}): TrainConfig {
  const { model, optimizer, tokenizer, ...rest } = input;
  const c: TrainConfig = {
    ...DEFAULT_TRAIN,
    ...stripUndefined(rest),
    model: { ...DEFAULT_MODEL, ...stripUndefined(model ?? {}) },
    optimizer: { ...DEFAULT_OPTIMIZER, ...stripUndefined(optimizer ?? {}) },
    tokenizer: { ...DEFAULT_TOKENIZER, ...stripUndefined(tokenizer ?? {}) },
  };
  const problems: string[] = [];
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) problems.push(`${name} must be an integer ≥ ${min} (got ${v})`);
  };
  int('batchSize', c.batchSize, 1);
  int('epochs', c.epochs, 1);
  int('maxSteps', c.maxSteps, 0);
  int('validationLimit', c.validationLimit, 0);
  int('evalBatchSize', c.evalBatchSize, 1);
  for (const k of ['context', 'dModel', 'layers', 'heads', 'mlp'] as const) int(`model.${k}`, c.model[k], 1);
  int('tokenizer.numberRefs', c.tokenizer.numberRefs, 0);
  if (!(c.wordDropout >= 0 && c.wordDropout < 1)) problems.push(`wordDropout must be in [0, 1) (got ${c.wordDropout})`);
  if (c.model.dModel % c.model.heads !== 0)
    problems.push(`model.dModel (${c.model.dModel}) must be divisible by model.heads (${c.model.heads})`);
  const o = c.optimizer;
  if (!(o.learningRate > 0)) problems.push(`optimizer.learningRate must be > 0 (got ${o.learningRate})`);
  if (!(o.beta1 >= 0 && o.beta1 < 1)) problems.push(`optimizer.beta1 must be in [0, 1) (got ${o.beta1})`);
  if (!(o.beta2 >= 0 && o.beta2 < 1)) problems.push(`optimizer.beta2 must be in [0, 1) (got ${o.beta2})`);
  int('optimizer.warmupSteps', o.warmupSteps, 0);
  if (!(o.minLearningRate >= 0 && o.minLearningRate <= o.learningRate))
    problems.push('optimizer.minLearningRate must be in [0, learningRate]');
  if (!(o.clipNorm >= 0)) problems.push(`optimizer.clipNorm must be ≥ 0 (got ${o.clipNorm})`);
  if (problems.length) throw new RangeError(`invalid training config: ${problems.join('; ')}`);
  return c;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
