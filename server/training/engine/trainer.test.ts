import { describe, expect, it } from 'vitest';
import { loadCheckpoint, serializeCheckpoint } from './checkpoint';
import { sumExample, sumPairs, tinyConfig } from './testing';
import { Trainer } from './trainer';

const { train: pairs } = sumPairs();
const examples = { train: pairs.map(([a, b]) => sumExample(a, b)), validation: sumPairs().heldOut.map(([a, b]) => sumExample(a, b)) };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('Trainer', () => {
  it('lowers the loss in a short real run', async () => {
    const t = await Trainer.create({ examples, config: tinyConfig(60), seed: 5 });
    const losses = Array.from({ length: 60 }, () => t.trainStep().loss);
    expect(t.step).toBe(60);
    expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 10)));
    expect(t.validationLoss()).toBeLessThan(losses[0]!);
    t.dispose();
  });

  it('resumes from a checkpoint at its step, with the same next loss and a loss that keeps falling', async () => {
    const a = await Trainer.create({ examples, config: tinyConfig(200), seed: 9 });
    for (let i = 0; i < 25; i++) a.trainStep();
    const bytes = serializeCheckpoint(a.checkpoint());
    const atCheckpoint = a.validationLoss()!;
    const uninterrupted = Array.from({ length: 5 }, () => a.trainStep().loss);
    a.dispose();

    // A fresh trainer (as in a new worker) continues from step 25: same data order, moments and schedule.
    const b = await Trainer.create({ examples, resumeFrom: bytes });
    expect(b.step).toBe(25);
    const resumed = Array.from({ length: 5 }, () => b.trainStep().loss);
    resumed.forEach((l, i) => expect(l).toBeCloseTo(uninterrupted[i]!, 5));
    expect(b.step).toBe(30);
    for (let i = 0; i < 30; i++) b.trainStep();
    expect(b.validationLoss()).toBeLessThan(atCheckpoint);
    b.dispose();
  });

  it('refuses to resume on other data or from a model-only checkpoint', async () => {
    const t = await Trainer.create({ examples, config: tinyConfig(10), seed: 1 });
    t.trainStep();
    const full = serializeCheckpoint(t.checkpoint());
    const modelOnly = serializeCheckpoint(t.checkpoint(), { modelOnly: true });
    t.dispose();
    expect(modelOnly.length).toBeLessThan(full.length / 2);
    await expect(Trainer.create({ examples: { train: examples.train.slice(1) }, resumeFrom: full })).rejects.toThrow(/different examples/);
    await expect(Trainer.create({ examples, resumeFrom: modelOnly })).rejects.toThrow(/cannot resume/);
  });

  it('round-trips a checkpoint and rejects bytes that are not one', async () => {
    const t = await Trainer.create({ examples, config: tinyConfig(10), seed: 2 });
    t.trainStep();
    const cp = t.checkpoint();
    t.dispose();
    const back = loadCheckpoint(serializeCheckpoint(cp));
    expect(back.modelConfig).toEqual(cp.modelConfig);
    expect(back.vocab).toEqual(cp.vocab);
    expect(back.progress).toEqual(cp.progress);
    expect(back.optimizer!.step).toBe(1);
    for (const [name, data] of cp.params) expect(back.params.get(name)).toEqual(data);
    for (const [name, data] of cp.optimizer!.v) expect(back.optimizer!.v.get(name)).toEqual(data);
    expect(() => loadCheckpoint(Buffer.from('not a checkpoint'))).toThrow(/not a model checkpoint/);
    expect(() => loadCheckpoint(serializeCheckpoint(cp).subarray(0, 500))).toThrow(/truncated/);
  });

  it('rejects an invalid configuration and an empty training set, naming the problem', async () => {
    await expect(Trainer.create({ examples, config: { model: { dModel: 30, heads: 4 } } })).rejects.toThrow(
      /dModel \(30\) must be divisible by model.heads \(4\)/,
    );
    await expect(Trainer.create({ examples, config: { batchSize: 0 } })).rejects.toThrow(/batchSize must be an integer ≥ 1/);
    await expect(Trainer.create({ examples: { train: [] } })).rejects.toThrow(/training set is empty/);
  });
});
