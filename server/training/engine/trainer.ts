// One training run's state: the data in its seeded order, the parameters, Adam's moments, and the step counter.
// `trainStep()` does one optimizer update; `checkpoint()` captures everything needed to continue exactly where it stopped.

import { createHash } from 'node:crypto';
import { tf, initBackend } from './backend';
import { type Checkpoint, CHECKPOINT_FORMAT, loadCheckpoint } from './checkpoint';
import { resolveConfig, type TrainConfig, type TrainConfigInput } from './config';
import { encodeExample, makeBatch, type EncodedRow, type Example } from './encoding';
import { countParams, forward, initParams, maskedLoss, paramSpecs, toTensors, type ModelConfig, type Params, type Weights } from './model';
import { Adam } from './optimizer';
import { epochOrder } from './order';
import { ModelPolicy } from './policy';
import { Rng, type RngState } from './rng';
import { Tokenizer } from './tokenizer';
import { UNK, Vocab } from './vocab';

export type TrainerInit = {
  examples: { train: readonly Example[]; validation?: readonly Example[] };
  config?: TrainConfigInput;
  /** seeds the initial weights and the data order (default 1). */
  seed?: number;
  /** continue a run from its checkpoint, decoded or as bytes (config, vocabulary and seed then come from it). */
  resumeFrom?: Checkpoint | Uint8Array;
};

export type StepResult = {
  step: number;
  loss: number;
  /** real (non-padding) input tokens in the batch. */
  tokens: number;
  /** the batch as the model saw it: rows × time steps (padded to its longest row). */
  shape: [rows: number, timeSteps: number];
  learningRate: number;
  gradNorm: number;
};

export class Trainer {
  private weights: Weights;
  private readonly names: string[];
  private order: Uint32Array;
  private epochRngState: RngState;
  private cursor: number;
  private disposed = false;

  private constructor(
    readonly config: TrainConfig,
    readonly modelConfig: ModelConfig,
    readonly tokenizer: Tokenizer,
    readonly seed: number,
    private readonly params: Params,
    private readonly adam: Adam,
    private readonly rows: EncodedRow[],
    private readonly validationRows: EncodedRow[],
    private readonly dataFingerprint: string,
    private dataRng: Rng,
    private epochIndex: number,
    cursor: number,
  ) {
    this.names = paramSpecs(modelConfig).map((s) => s.name);
    this.weights = toTensors(modelConfig, params);
    // Recreate the current epoch's order from the RNG state it was drawn from.
    this.epochRngState = dataRng.state();
    this.order = this.drawOrder();
    this.cursor = cursor;
  }

  static async create(init: TrainerInit): Promise<Trainer> {
    await initBackend();
    const train = init.examples.train;
    if (train.length === 0) throw new RangeError('training set is empty');
    const fingerprint = fingerprintOf(train);
    const cp = init.resumeFrom instanceof Uint8Array ? loadCheckpoint(init.resumeFrom) : init.resumeFrom;
    if (cp) {
      if (!cp.optimizer || !cp.progress) throw new Error('checkpoint holds a model only (no optimizer state): it cannot resume training');
      if (cp.progress.dataFingerprint !== fingerprint)
        throw new Error('checkpoint was trained on different examples: resume it with the same training set');
      const tokenizer = new Tokenizer(new Vocab(cp.vocab), cp.tokenizer);
      const rows = train.map((e) => encodeExample(tokenizer, e, cp.modelConfig.context));
      const val = (init.examples.validation ?? [])
        .slice(0, cp.config.validationLimit)
        .map((e) => encodeExample(tokenizer, e, cp.modelConfig.context));
      const adam = new Adam(cp.config.optimizer, cp.params, cp.optimizer);
      return new Trainer(
        // Checkpoints from before tokenizers and bucketing resume as they were trained: characters, random batches.
        {
          ...cp.config,
          tokenizer: cp.tokenizer,
          bucketByLength: cp.config.bucketByLength ?? false,
          wordDropout: cp.config.wordDropout ?? 0,
        },
        cp.modelConfig,
        tokenizer,
        cp.seed,
        cp.params,
        adam,
        rows,
        val,
        fingerprint,
        new Rng(cp.progress.epochRng),
        cp.progress.epoch,
        cp.progress.cursor,
      );
    }
    const config = resolveConfig(init.config);
    const seed = init.seed ?? 1;
    const tokenizer = Tokenizer.fromExamples(train, config.tokenizer);
    const modelConfig: ModelConfig = { ...config.model, vocabSize: tokenizer.vocab.size };
    const params = initParams(modelConfig, new Rng(seed));
    const rows = train.map((e) => encodeExample(tokenizer, e, modelConfig.context));
    const val = (init.examples.validation ?? [])
      .slice(0, config.validationLimit)
      .map((e) => encodeExample(tokenizer, e, modelConfig.context));
    const adam = new Adam(config.optimizer, params);
    return new Trainer(config, modelConfig, tokenizer, seed, params, adam, rows, val, fingerprint, new Rng(seed ^ 0x5eed5eed), 0, 0);
  }

  get vocab(): Vocab {
    return this.tokenizer.vocab;
  }

  /** Optimizer updates done so far. */
  get step(): number {
    return this.adam.step;
  }

  /** 0-based pass over the training set that the next batch comes from. */
  get epoch(): number {
    return this.epochIndex;
  }

  get stepsPerEpoch(): number {
    return Math.max(1, Math.floor(this.rows.length / this.config.batchSize));
  }

  /** The planned length of the run: epochs × stepsPerEpoch, capped by maxSteps. */
  get totalSteps(): number {
    const byEpochs = this.config.epochs * this.stepsPerEpoch;
    return this.config.maxSteps > 0 ? Math.min(this.config.maxSteps, byEpochs) : byEpochs;
  }

  get parameterCount(): number {
    return countParams(this.modelConfig);
  }

  /** One optimizer update on the next batch of the seeded order. */
  trainStep(): StepResult {
    this.assertLive();
    const batch = makeBatch(this.rows, this.nextBatch());
    this.dropWords(batch.inputs);
    const mc = this.modelConfig;
    const names = this.names;
    const { loss, grads } = tf.tidy(() => {
      const inputs = tf.tensor2d(batch.inputs, [batch.rows, batch.steps], 'int32');
      const targets = tf.tensor1d(batch.targets, 'int32');
      const weights = tf.tensor1d(batch.weights);
      const f = (...ps: tf.Tensor[]) => {
        const w: Weights = {};
        names.forEach((n, i) => (w[n] = ps[i]!));
        return maskedLoss(forward(mc, w, inputs), targets, weights, batch.learned);
      };
      const { value, grads } = tf.valueAndGrads(f)(names.map((n) => this.weights[n]!));
      return { loss: value.dataSync()[0]!, grads: grads.map((g) => g.dataSync() as Float32Array) };
    });
    const gradMap: Params = new Map(names.map((n, i) => [n, grads[i]!]));
    const { learningRate, gradNorm } = this.adam.update(this.params, gradMap, this.totalSteps);
    this.refreshWeights();
    return { step: this.adam.step, loss, tokens: batch.tokens, shape: [batch.rows, batch.steps], learningRate, gradNorm };
  }

  /** Mean masked cross-entropy over the validation examples (undefined when there are none). */
  validationLoss(): number | undefined {
    this.assertLive();
    if (this.validationRows.length === 0) return undefined;
    let total = 0;
    let learned = 0;
    const size = this.config.evalBatchSize;
    for (let from = 0; from < this.validationRows.length; from += size) {
      const pick = Array.from({ length: Math.min(size, this.validationRows.length - from) }, (_, i) => from + i);
      const batch = makeBatch(this.validationRows, pick);
      if (batch.learned === 0) continue;
      const loss = tf.tidy(() => {
        const inputs = tf.tensor2d(batch.inputs, [batch.rows, batch.steps], 'int32');
        const logits = forward(this.modelConfig, this.weights, inputs);
        return maskedLoss(logits, tf.tensor1d(batch.targets, 'int32'), tf.tensor1d(batch.weights), batch.learned).dataSync()[0]!;
      });
      total += loss * batch.learned;
      learned += batch.learned;
    }
    return learned > 0 ? total / learned : undefined;
  }

  /** A model for generation over a copy of the current weights (dispose it when done). */
  policy(): ModelPolicy {
    this.assertLive();
    return new ModelPolicy(this.modelConfig, this.tokenizer, copyParams(this.params), { evalBatchSize: this.config.evalBatchSize });
  }

  /** Everything needed to resume: weights, Adam moments, step, data order. */
  checkpoint(): Checkpoint {
    this.assertLive();
    return {
      format: CHECKPOINT_FORMAT,
      config: this.config,
      modelConfig: this.modelConfig,
      vocab: [...this.tokenizer.vocab.pieces],
      tokenizer: this.tokenizer.spec,
      seed: this.seed,
      params: copyParams(this.params),
      optimizer: { step: this.adam.step, m: copyParams(this.adam.m), v: copyParams(this.adam.v) },
      progress: { epoch: this.epochIndex, cursor: this.cursor, epochRng: this.epochRngState, dataFingerprint: this.dataFingerprint },
    };
  }

  /** Frees the tensors; the trainer is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    tf.dispose(Object.values(this.weights));
    this.disposed = true;
  }

  private nextBatch(): Uint32Array {
    const n = this.rows.length;
    const size = this.config.batchSize;
    if (n <= size) {
      const pick = this.order;
      this.startEpoch();
      return pick;
    }
    if (this.cursor + size > n) this.startEpoch(); // the short tail of an epoch is dropped: every batch has the same size
    const pick = this.order.subarray(this.cursor, this.cursor + size);
    this.cursor += size;
    return pick;
  }

  private startEpoch(): void {
    this.epochIndex++;
    this.epochRngState = this.dataRng.state();
    this.order = this.drawOrder();
    this.cursor = 0;
  }

  /**
   * Word dropout: each prompt word of the batch reads as UNK with probability wordDropout, so the model learns to act on
   * the words that matter and to look past the ones it does not know (a user's own filler). Drawn from the seed and
   * the step, so a resumed run drops the same words.
   */
  private dropWords(inputs: Int32Array): void {
    const p = this.config.wordDropout;
    if (!(p > 0)) return;
    const vocab = this.tokenizer.vocab;
    const rng = new Rng((Math.imul(this.seed, 0x9e3779b1) ^ this.adam.step) >>> 0);
    for (let i = 0; i < inputs.length; i++) if (vocab.isWord(inputs[i]!) && rng.next() < p) inputs[i] = UNK;
  }

  private drawOrder(): Uint32Array {
    const lengths = this.rows.map((r) => r.tokens.length);
    return epochOrder(this.dataRng, lengths, this.config.batchSize, this.config.bucketByLength);
  }

  private refreshWeights(): void {
    const old = this.weights;
    this.weights = toTensors(this.modelConfig, this.params);
    tf.dispose(Object.values(old));
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('trainer was disposed');
  }
}

function copyParams(p: Params): Params {
  return new Map([...p].map(([k, v]) => [k, v.slice()]));
}

/** Identifies the training set, so a checkpoint is not resumed on other data by mistake. */
function fingerprintOf(examples: readonly Example[]): string {
  const h = createHash('sha256');
  h.update(String(examples.length));
  for (const e of examples) h.update(`\u0000${e.prompt}\u0001${e.response}`);
  return h.digest('hex').slice(0, 32);
}
