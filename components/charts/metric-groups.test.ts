// One unit per chart: losses with losses, accuracy in percent, anything else alone.
import { describe, expect, it } from 'vitest';
import { metricGroups } from './metric-groups';

describe('metric groups', () => {
  it('never puts tokens/s on the same axis as a loss', () => {
    const groups = metricGroups([
      { name: 'train_loss', step: 1, value: 2.1 },
      { name: 'val_loss', step: 1, value: 2.3 },
      { name: 'tokens_per_sec', step: 1, value: 9_800 },
      { name: 'val_accuracy', step: 1, value: 0.42 },
    ]);
    expect(groups.map((g) => [g.title, [...new Set(g.points.map((p) => p.name))]])).toEqual([
      ['Loss', ['train_loss', 'val_loss']],
      ['Accuracy (%)', ['val_accuracy']],
      ['tokens per sec', ['tokens_per_sec']],
    ]);
    expect(groups[1]).toMatchObject({ yDomain: [0, 100], points: [{ value: 42 }] });
  });
});
