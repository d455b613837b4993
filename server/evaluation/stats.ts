// The statistics a report rests on: Wilson score intervals for pass rates (so 4 of 5 does not read like 800 of 1,000),
// nearest-rank percentiles for latency, and fixed-width histograms for the charts.
import type { CountBin, Interval, LatencyStats } from '@/db/schema';

/** z for a two-sided 95% interval. */
const Z95 = 1.959964;

/**
 * The Wilson score interval of `passed` successes in `total` trials: unlike the normal approximation it never leaves
 * 0..1 and stays honest for small samples and rates near 0 or 1. An empty sample says nothing: [0, 1].
 */
export function wilson(passed: number, total: number, z = Z95): Interval {
  if (total <= 0) return { passed: 0, total: 0, rate: 0, lo: 0, hi: 1 };
  const p = passed / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denominator;
  // At 0 or all passed the bound is exactly 0 or 1; floating point would leave it a hair off.
  return {
    passed,
    total,
    rate: p,
    lo: passed === 0 ? 0 : Math.max(0, centre - half),
    hi: passed === total ? 1 : Math.min(1, centre + half),
  };
}

/** Nearest-rank percentile (p in 0..100) of values sorted ascending: always a value that occurred. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : 0;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: sorted.length,
    mean: r(mean),
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
  };
}

/** A width from the 1-2-5 series that splits 0..max into at most `bins` bins. */
function niceWidth(max: number, bins: number): number {
  const raw = max / bins;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

/** Counts of values in equal bins from 0 (`from` inclusive, `to` exclusive; the last bin holds the maximum). */
export function histogram(values: readonly number[], o: { bins?: number; max?: number; unit?: string } = {}): CountBin[] {
  const bins = o.bins ?? 10;
  const top = o.max ?? Math.max(0, ...values);
  const width = o.max !== undefined ? o.max / bins : top > 0 ? niceWidth(top, bins) : 1;
  const count = o.max !== undefined ? bins : Math.max(1, Math.min(bins, Math.floor(top / width) + 1));
  const out: CountBin[] = Array.from({ length: count }, (_, i) => {
    const from = round(i * width);
    const to = round((i + 1) * width);
    return { label: `${from}–${to}${o.unit ? ` ${o.unit}` : ''}`, from, to, count: 0 };
  });
  for (const v of values) out[Math.min(count - 1, Math.max(0, Math.floor(v / width)))]!.count++;
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
