// Krippendorff's alpha against published values, and against the brute-force definition on random data.
import { describe, expect, it } from 'vitest';
import { krippendorffAlpha, unitsFromMatrix, type AlphaMetric } from './krippendorff';

const _ = null;
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, missing data.
// Published: nominal 0.743, interval 0.849.
const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
// The worked example of Wikipedia's "Krippendorff's alpha" article: 3 coders, 15 units. Published: nominal 0.691, interval 0.811.
const WIKIPEDIA = [
  [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
  [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
  [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
];

/** The definition, pair by pair, with no algebraic shortcut: the check on the closed forms. */
function bruteForce(units: number[][], metric: AlphaMetric): number {
  const delta = (a: number, b: number) => (metric === 'interval' ? (a - b) ** 2 : a === b ? 0 : 1);
  const pairable = units.filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  let dO = 0;
  for (const u of pairable)
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) dO += delta(u[i]!, u[j]!) / (u.length - 1);
  let dE = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) dE += delta(all[i]!, all[j]!);
  return 1 - dO / n / (dE / (n * (n - 1)));
}

describe("Krippendorff's alpha", () => {
  it('matches Krippendorff (2011): interval 0.849, nominal 0.743', () => {
    const units = unitsFromMatrix(KRIPPENDORFF_2011);
    const interval = krippendorffAlpha(units, 'interval');
    expect(interval.alpha).toBeCloseTo(0.849, 3);
    expect(interval.pairableUnits).toBe(11); // unit 12 has a single value and does not count
    expect(interval.pairableValues).toBe(40);
    expect(krippendorffAlpha(units, 'nominal').alpha).toBeCloseTo(0.743, 3);
  });

  it("matches Wikipedia's worked example: interval 0.811, nominal 0.691", () => {
    const units = unitsFromMatrix(WIKIPEDIA);
    expect(krippendorffAlpha(units, 'interval').alpha).toBeCloseTo(0.811, 3);
    expect(krippendorffAlpha(units, 'nominal').alpha).toBeCloseTo(0.691, 3);
  });

  it('is 1 for perfect agreement with variation, and undefined without pairable data or variation', () => {
    expect(
      krippendorffAlpha([
        [0, 0],
        [1, 1, 1],
        [0.5, 0.5],
      ]).alpha,
    ).toBe(1);
    expect(krippendorffAlpha([[0.5], [1]]).alpha).toBeNull();
    expect(
      krippendorffAlpha([
        [1, 1],
        [1, 1],
      ]).alpha,
    ).toBeNull();
    expect(krippendorffAlpha([]).alpha).toBeNull();
  });

  it('is below zero when raters disagree systematically', () => {
    expect(
      krippendorffAlpha([
        [0, 1],
        [1, 0],
        [0, 1],
        [1, 0],
      ]).alpha!,
    ).toBeLessThan(0);
  });

  it('equals the brute-force definition on random sparse data, both metrics', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 20; trial++) {
      const units = Array.from({ length: 30 }, () => Array.from({ length: Math.floor(rand() * 5) }, () => Math.round(rand() * 4) / 4));
      for (const metric of ['interval', 'nominal'] as const) {
        const fast = krippendorffAlpha(units, metric).alpha;
        if (fast === null) continue;
        expect(fast).toBeCloseTo(bruteForce(units, metric), 10);
      }
    }
  });
});
