// The built-in trainer engine: trains a small character-level transformer from scratch on CPU (TensorFlow.js, wasm
// backend) on {prompt, response} pairs, checkpoints and resumes exactly, and runs the trained model as an agent.
// Pure library: no database, no jobs. Why this tensor engine: README.md beside this file.
//
// Train
//   const trainer = await createTrainer({ examples: { train, validation }, config: { epochs: 3 }, seed: 7 });
//   const result = await train(trainer, {
//     maxSeconds: 600, signal,                                  // abort → train() rejects within one step
//     onProgress: (p) => …,                                      // {step, totalSteps, epoch, trainLoss, valLoss?, metrics?,
//                                                                //  learningRate, tokensPerSec, stepsPerSec, etaSeconds, …}
//     validateEverySteps: 100, onValidate: async ({ policy }) => ({ accuracy: (await evaluateExactMatch(policy, cases)).accuracy }),
//     checkpointEverySteps: 200, onCheckpoint: (cp) => save(serializeCheckpoint(cp)),
//   });
//   const artefact = serializeCheckpoint(trainer.checkpoint(), { modelOnly: true }); trainer.dispose();
//
// Resume after a dead worker: the step count, the data order, Adam's moments and the LR schedule carry on.
//   const trainer = await createTrainer({ examples: { train, validation }, resumeFrom: lastCheckpointBytes });
//
// Use a trained model
//   const model = await loadModel(bytes);                       // a ModelPolicy; model.dispose() frees its tensors
//   await model.generate('What is 2+2?', { maxTokens: 40, stop: ['</call>'] });   // greedy, KV-cached
//   await runAgent(model, 'What is 42+28?');                    // protocol loop with the calculator → {answer, transcript, steps}
//   await evaluateExactMatch(model, [{ prompt, expected }]);     // batched → {accuracy, correct, total, cases}
//
// Training examples are {prompt, response}; a response may be a protocol transcript
// (<call:calculator>42+28</call><result>70</result><answer>70</answer>): the loss covers what the model writes (the call,
// the answer, the end token) and never the prompt or the runtime-written <result>/<error> spans.

import { initBackend } from './backend';
import { loadCheckpoint } from './checkpoint';
import { ModelPolicy } from './policy';
import { Tokenizer } from './tokenizer';
import { Trainer, type TrainerInit } from './trainer';
import { Vocab } from './vocab';

export { train, type TrainOptions, type TrainProgress, type TrainResult } from './train';
export { Trainer, type TrainerInit, type StepResult } from './trainer';
export { serializeCheckpoint, loadCheckpoint, type Checkpoint } from './checkpoint';
export { resolveConfig, DEFAULT_TRAIN, type TrainConfig, type TrainConfigInput } from './config';
export { DEFAULT_MODEL, countParams, type ModelConfig, type ModelSize } from './model';
export { DEFAULT_OPTIMIZER, type OptimizerConfig } from './optimizer';
export { ModelPolicy, type GenerateOptions, type FinishReason } from './policy';
export {
  runAgent,
  runAgents,
  evaluateExactMatch,
  defaultTools,
  type Tool,
  type Tools,
  type AgentRun,
  type AgentOptions,
  type AgentStep,
  type ExactMatchCase,
  type ExactMatchReport,
} from './agent';
export { calculate } from '@/server/tools/calculator';
export { encodeExample, type Example } from './encoding';
export { Tokenizer, TokenRow, DEFAULT_TOKENIZER, CHARACTER_TOKENIZER, normalizePrompt, type TokenizerSpec } from './tokenizer';

/** A new training run, or the continuation of one when `resumeFrom` is given. */
export function createTrainer(init: TrainerInit): Promise<Trainer> {
  return Trainer.create(init);
}

/** Loads a checkpoint (full or model-only) as a model ready to generate. */
export async function loadModel(bytes: Uint8Array, opts: { evalBatchSize?: number } = {}): Promise<ModelPolicy> {
  await initBackend();
  const cp = loadCheckpoint(bytes);
  return new ModelPolicy(cp.modelConfig, new Tokenizer(new Vocab(cp.vocab), cp.tokenizer), cp.params, {
    evalBatchSize: opts.evalBatchSize ?? cp.config.evalBatchSize,
  });
}
