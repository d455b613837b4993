// The built-in agent reads the question instead of recalling the demo: a short run on demo interactions, then
// questions it never saw, with three-digit operands, in the seed's form and in wordings people type. The numbers in
// its calculator call must be the question's own, in the order the operation needs (issue: "What is 877-143?" used
// to become <call:calculator>87-43</call>). Full-length figures: bench/agent-quality.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mathInteractions } from '@/server/data/demo/math';
import { seededRng } from '@/common/rng';
import { calculate } from '@/server/tools/calculator';
import { createTrainer, runAgents, type ModelPolicy } from './engine';

let model: ModelPolicy;

beforeAll(async () => {
  const demo = mathInteractions(seededRng(20250301), 1_200).map(({ prompt, response }) => ({ prompt, response }));
  // The default model and optimiser, cut to 240 steps (~25 s of CPU): enough to read and copy, half a real run.
  const trainer = await createTrainer({ examples: { train: demo }, config: { maxSteps: 240, epochs: 100 }, seed: 1 });
  while (trainer.step < trainer.totalSteps) trainer.trainStep();
  model = trainer.policy();
  trainer.dispose();
}, 120_000);

afterAll(() => model?.dispose());

const unseen: [prompt: string, call: string][] = [
  ['What is 877-143?', '877-143'],
  ['Please add 325 and 720.', '325+720'],
  ['what is 604*38', '604*38'],
  ['How much is 458 times 913?', '458*913'],
  ['Subtract 129 from 806', '806-129'],
  ['what is 317 minus 852?', '317-852'],
  ['Divide 999 by 27.', '999/27'],
  ['what is 742 / 16?', '742/16'],
];

describe('an agent trained briefly on the demo data', () => {
  it('copies three-digit operands it has never seen into its calculator call and answers with the result', async () => {
    const runs = await runAgents(
      model,
      unseen.map(([p]) => p),
    );
    const calls = runs.map((r) => r.steps[0]?.call.args);
    expect(calls).toEqual(unseen.map(([, call]) => call));
    expect(runs.map((r) => r.answer)).toEqual(unseen.map(([, call]) => calculate(call)));
  });
});
