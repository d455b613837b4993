// Length histograms fitted to the data: narrow ranges get many readable bars, wide ranges geometric ones, every
// example counted once.
import { describe, expect, it } from 'vitest';
import { lengthHistogram, ratingHistogram } from './stats';

const total = (bins: { count: number }[]) => bins.reduce((n, b) => n + b.count, 0);

describe('lengthHistogram', () => {
  it('gives a narrow range (all prompts 20–60 characters) many bars with round edges', () => {
    const lengths = Array.from({ length: 500 }, (_, i) => 20 + (i % 41));
    const bins = lengthHistogram(lengths);
    expect(bins.length).toBeGreaterThanOrEqual(6);
    expect(bins.length).toBeLessThanOrEqual(16);
    expect(total(bins)).toBe(500);
    expect(bins[0]!.from).toBeLessThanOrEqual(20);
    expect(bins.at(-1)!.to).toBeGreaterThan(60);
    for (const b of bins) expect(b.from % 5).toBe(0);
  });

  it('uses growing widths when lengths span orders of magnitude, and counts the longest', () => {
    const lengths = [3, 5, 12, 40, 90, 300, 1200, 5000, 20_000];
    const bins = lengthHistogram(lengths);
    expect(bins.length).toBeGreaterThanOrEqual(6);
    expect(total(bins)).toBe(lengths.length);
    expect(bins.at(-1)!.to).toBeGreaterThan(20_000);
    const widths = bins.map((b) => b.to - b.from);
    expect(widths.at(-1)!).toBeGreaterThan(widths[0]! * 10);
  });

  it('handles one length and no lengths', () => {
    expect(lengthHistogram([])).toEqual([]);
    const one = lengthHistogram([42, 42, 42]);
    expect(total(one)).toBe(3);
    expect(one.find((b) => b.count === 3)!.from).toBeLessThanOrEqual(42);
  });
});

describe('ratingHistogram', () => {
  it('puts 1.0 in the top bar', () => {
    expect(ratingHistogram([0, 0.5, 1]).map((b) => b.count)).toEqual([1, 0, 1, 0, 1]);
  });
});
