// Cohen's kappa on known tables, and the binary agreement (TPR/TNR) the judge's calibration reads.
import { describe, expect, it } from 'vitest';
import { binaryAgreement, cohenKappa } from './kappa';

const repeat = <T>(n: number, x: T) => Array.from({ length: n }, () => x);

describe("Cohen's kappa", () => {
  it('gives 0.4 on the classic 50-item table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    const pairs = [
      ...repeat(20, ['yes', 'yes'] as const),
      ...repeat(5, ['yes', 'no'] as const),
      ...repeat(10, ['no', 'yes'] as const),
      ...repeat(15, ['no', 'no'] as const),
    ];
    const k = cohenKappa(pairs);
    expect(k.observed).toBeCloseTo(0.7, 10);
    expect(k.expected).toBeCloseTo(0.5, 10);
    expect(k.kappa).toBeCloseTo(0.4, 10);
    expect(k.labels).toEqual(['no', 'yes']);
    expect(k.table).toEqual([
      [15, 10],
      [5, 20],
    ]);
  });

  it('handles three categories', () => {
    // Rows: rater A's label; columns: rater B's, over 50 items. By hand: p_o = 35/50 = 0.7; row sums 26, 13, 11 and
    // column sums 28, 12, 10 give p_e = (26·28 + 13·12 + 11·10) / 50² = 0.3976; κ = (0.7 − 0.3976) / (1 − 0.3976) ≈ 0.5020.
    const table = [
      [22, 2, 2],
      [4, 7, 2],
      [2, 3, 6],
    ];
    const labels = ['a', 'b', 'c'];
    const pairs = table.flatMap((row, i) => row.flatMap((n, j) => repeat(n, [labels[i]!, labels[j]!] as const)));
    const k = cohenKappa(pairs);
    expect(k.observed).toBeCloseTo(35 / 50, 10);
    expect(k.expected).toBeCloseTo(0.3976, 10);
    expect(k.kappa).toBeCloseTo(0.502, 3);
  });

  it('is 1 for perfect agreement, about 0 for chance, undefined when both used one label only', () => {
    expect(cohenKappa([...repeat(5, ['x', 'x'] as const), ...repeat(5, ['y', 'y'] as const)]).kappa).toBe(1);
    expect(
      cohenKappa([
        ['x', 'x'],
        ['x', 'y'],
        ['y', 'x'],
        ['y', 'y'],
      ]).kappa,
    ).toBeCloseTo(0, 10);
    expect(cohenKappa(repeat(4, ['x', 'x'] as const)).kappa).toBeNull();
  });
});

describe('binary agreement', () => {
  it('reports the judge’s true-positive and true-negative rates against the humans', () => {
    const pairs = [
      ...repeat(8, [true, true] as const),
      ...repeat(2, [true, false] as const),
      ...repeat(9, [false, false] as const),
      [false, true] as const,
    ];
    const b = binaryAgreement(pairs);
    expect(b.tpr).toBeCloseTo(0.8, 10);
    expect(b.tnr).toBeCloseTo(0.9, 10);
    expect(b.kappa).toBeCloseTo(0.7, 10);
    expect(binaryAgreement(repeat(3, [true, true] as const)).tnr).toBeNull();
  });
});
