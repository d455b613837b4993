import { describe, expect, it } from 'vitest';
import { sumExample, sumPairs, tinyConfig } from './testing';
import { train, type TrainProgress } from './train';
import { Trainer } from './trainer';

const { train: pairs, heldOut } = sumPairs();
const examples = { train: pairs.map(([a, b]) => sumExample(a, b)), validation: heldOut.map(([a, b]) => sumExample(a, b)) };

describe('train()', () => {
  it('runs to the planned step, validating, checkpointing every N steps and reporting progress', async () => {
    const t = await Trainer.create({ examples, config: tinyConfig(12), seed: 3 });
    const reports: TrainProgress[] = [];
    const checkpoints: number[] = [];
    const validated: number[] = [];
    const result = await train(t, {
      progressEverySeconds: 0,
      validateEverySteps: 5,
      onValidate: ({ step }) => {
        validated.push(step);
        return { seen: step };
      },
      checkpointEverySteps: 5,
      onCheckpoint: (cp, step) => void checkpoints.push(step, cp.optimizer!.step),
      onProgress: (p) => void reports.push(p),
    });
    expect(result).toMatchObject({ stoppedBy: 'steps', step: 12, stepsRun: 12 });
    expect(result.valLoss).toBeGreaterThan(0);
    // Every 5 steps, and once more at the end.
    expect(checkpoints).toEqual([5, 5, 10, 10, 12, 12]);
    expect(validated).toEqual([5, 10, 12]);
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ step: 12, totalSteps: 12, metrics: { seen: 12 } });
    expect(last.tokensPerSec).toBeGreaterThan(0);
    expect(last.stepsPerSec).toBeGreaterThan(0);
    expect(last.etaSeconds).toBe(0);
    expect(reports.map((r) => r.step)).toEqual([...reports.map((r) => r.step)].sort((a, b) => a - b));
    expect(reports[0]!.etaSeconds).toBeGreaterThan(0);
    t.dispose();
  });

  it('reports through a run too short for the clock, so its loss curve has points to draw', async () => {
    const t = await Trainer.create({ examples, config: tinyConfig(50), seed: 3 });
    const steps: number[] = [];
    await train(t, { progressEverySeconds: 3600, validateEverySteps: 0, onProgress: (p) => void steps.push(p.step) });
    expect(steps).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50]);
    t.dispose();
  });

  it('stops within a step when its signal aborts', async () => {
    const t = await Trainer.create({ examples, config: tinyConfig(100_000), seed: 3 });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    await expect(train(t, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    clearTimeout(timer);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(t.step).toBeGreaterThan(0);
    expect(t.step).toBeLessThan(100_000);
    t.dispose();
  });

  it('stops at its time budget', async () => {
    const t = await Trainer.create({ examples, config: tinyConfig(100_000), seed: 3 });
    const result = await train(t, { maxSeconds: 0.5, validateEverySteps: 0 });
    expect(result.stoppedBy).toBe('time');
    expect(result.step).toBeGreaterThan(0);
    t.dispose();
  });
});
