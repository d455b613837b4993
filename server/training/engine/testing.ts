// Small real data for the engine's tests: single-digit sums as calculator transcripts, and a tiny model size that
// learns them in a couple of hundred steps.

import type { TrainConfigInput } from './config';
import type { Example } from './encoding';

export const sumPrompt = (a: number, b: number) => `What is ${a}+${b}?`;

export const sumExample = (a: number, b: number): Example => ({
  prompt: sumPrompt(a, b),
  response: `<call:calculator>${a}+${b}</call><result>${a + b}</result><answer>${a + b}</answer>`,
});

/** All a+b for single digits, split into training pairs and every tenth pair held out. */
export function sumPairs(): { train: [number, number][]; heldOut: [number, number][] } {
  const all: [number, number][] = [];
  for (let a = 0; a < 10; a++) for (let b = 0; b < 10; b++) all.push([a, b]);
  return { train: all.filter((_, i) => i % 10 !== 3), heldOut: all.filter((_, i) => i % 10 === 3) };
}

export const tinyConfig = (steps: number, extra: TrainConfigInput = {}): TrainConfigInput => ({
  epochs: 10_000,
  maxSteps: steps,
  batchSize: 32,
  model: { dModel: 32, layers: 1, heads: 2, mlp: 64, context: 32 },
  optimizer: { learningRate: 3e-3, warmupSteps: 20 },
  ...extra,
});
