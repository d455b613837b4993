import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateExactMatch, runAgent } from './agent';
import { serializeCheckpoint } from './checkpoint';
import { loadModel } from './index';
import type { ModelPolicy } from './policy';
import { sumExample, sumPairs, sumPrompt, tinyConfig } from './testing';
import { Trainer } from './trainer';

// A real model trained here on single-digit sum transcripts; the held-out sums it never saw.
const { train, heldOut } = sumPairs();
let model: ModelPolicy;
let artefact: Buffer;

beforeAll(async () => {
  const trainer = await Trainer.create({ examples: { train: train.map(([a, b]) => sumExample(a, b)) }, config: tinyConfig(170), seed: 3 });
  while (trainer.step < trainer.totalSteps) trainer.trainStep();
  model = trainer.policy();
  artefact = serializeCheckpoint(trainer.checkpoint(), { modelOnly: true });
  trainer.dispose();
}, 120_000);

afterAll(() => model?.dispose());

describe('the agent loop with a trained model', () => {
  it('answers held-out sums by calling the calculator and reading its result', async () => {
    const run = await runAgent(model, sumPrompt(4, 3));
    expect(run.steps).toEqual([{ call: { tool: 'calculator', args: '4+3' }, result: '7' }]);
    expect(run.transcript).toBe('<call:calculator>4+3</call><result>7</result><answer>7</answer>');
    expect(run).toMatchObject({ answer: '7', reason: 'stop' });

    const report = await evaluateExactMatch(
      model,
      heldOut.map(([a, b]) => ({ prompt: sumPrompt(a, b), expected: String(a + b) })),
    );
    expect(report.total).toBe(10);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('takes its answer from the observation, not from memory', async () => {
    // A calculator that lies: the model must copy what the runtime returned.
    const report = await evaluateExactMatch(
      model,
      heldOut.map(([a, b]) => ({ prompt: sumPrompt(a, b), expected: '13' })),
      { tools: { calculator: () => '13' } },
    );
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('reports a failing tool as an error observation and still ends', async () => {
    const run = await runAgent(model, sumPrompt(2, 2), {
      tools: {
        calculator: () => {
          throw new Error('sandbox down');
        },
      },
      maxTokens: 20,
    });
    expect(run.steps[0]).toEqual({ call: { tool: 'calculator', args: '2+2' }, error: 'sandbox down' });
    expect(run.transcript).toContain('<error>sandbox down</error>');
    expect(['end', 'stop', 'length']).toContain(run.reason);
  });

  it('loads from its artefact and behaves the same', async () => {
    const loaded = await loadModel(artefact);
    const prompts = heldOut.map(([a, b]) => sumPrompt(a, b));
    const [a, b] = [await loaded.generateMany(prompts), await model.generateMany(prompts)];
    expect(a).toEqual(b);
    loaded.dispose();
  });
});
