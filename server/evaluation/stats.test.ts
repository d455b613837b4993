// Wilson intervals against hand-computed values (so a 5-case result reads wider than a 1,000-case one), nearest-rank
// percentiles, and histogram bins.
import { describe, expect, it } from 'vitest';
import { histogram, latencyStats, percentile, wilson } from './stats';

describe('Wilson score interval (95%)', () => {
  it('matches the textbook values', () => {
    const r = wilson(8, 10);
    expect(r.rate).toBe(0.8);
    expect(r.lo).toBeCloseTo(0.4902, 4);
    expect(r.hi).toBeCloseTo(0.9433, 3);
    const big = wilson(800, 1000);
    expect(big.lo).toBeCloseTo(0.7741, 3);
    expect(big.hi).toBeCloseTo(0.8236, 3);
  });

  it('stays inside 0..1 at the extremes and says nothing for an empty sample', () => {
    expect(wilson(0, 10)).toMatchObject({ rate: 0, lo: 0 });
    expect(wilson(0, 10).hi).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)).toMatchObject({ rate: 1, hi: 1 });
    expect(wilson(10, 10).lo).toBeCloseTo(0.7225, 4);
    expect(wilson(0, 0)).toEqual({ passed: 0, total: 0, rate: 0, lo: 0, hi: 1 });
  });

  it('is far wider for 4 of 5 than for 800 of 1,000, at the same rate', () => {
    const small = wilson(4, 5);
    const large = wilson(800, 1000);
    expect(small.rate).toBe(large.rate);
    expect(small.hi - small.lo).toBeGreaterThan(6 * (large.hi - large.lo));
    expect(small.lo).toBeLessThan(0.5);
  });
});

describe('latency statistics', () => {
  it('uses nearest-rank percentiles: always a value that occurred', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(latencyStats([30, 10, 20])).toEqual({ n: 3, mean: 20, p50: 20, p95: 30, p99: 30 });
    expect(latencyStats([])).toMatchObject({ n: 0, p95: 0 });
  });

  it('bins values from 0 in round widths, the maximum in the last bin', () => {
    const bins = histogram([0, 5, 9.9, 10, 99, 100], { bins: 10, max: 100 });
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ from: 0, to: 10, count: 3 });
    expect(bins[1]!.count).toBe(1);
    expect(bins[9]).toMatchObject({ from: 90, to: 100, count: 2 });
    const auto = histogram([3, 47, 120], { bins: 12, unit: 'ms' });
    expect(auto.reduce((s, b) => s + b.count, 0)).toBe(3);
    expect(auto[0]!.label).toBe('0–10 ms');
  });
});
