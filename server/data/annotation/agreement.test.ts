// Judge agreement and the trust rule, on constructed ratings whose answer is known; throughput figures.
import { describe, expect, it } from 'vitest';
import { humanAgreement, judgeAgreement, judgeVerdict, TRUST_RULE, type HumanRating } from './agreement';
import { distributionByRater, throughputByRater } from './throughput';

/**
 * n items, values cycling over the 5-point scale; two humans who agree except on every `noiseEvery`-th item,
 * where the second is one step off (or, with `flip`, says the opposite).
 */
function humans(n: number, noiseEvery = 0, flip = false): HumanRating[] {
  const out: HumanRating[] = [];
  for (let i = 0; i < n; i++) {
    const v = (i % 5) / 4;
    const off = flip ? 1 - v : v === 1 ? 0.75 : v + 0.25;
    out.push({ itemId: `i${i}`, raterId: 'ann', value: v });
    out.push({ itemId: `i${i}`, raterId: 'eli', value: noiseEvery && i % noiseEvery === 0 ? off : v });
  }
  return out;
}

describe('judge agreement and verdict', () => {
  it('trusts a judge that agrees with humans as well as they agree with each other', () => {
    const h = humans(40, 4);
    const judge = Array.from({ length: 40 }, (_, i) => ({ itemId: `i${i}`, value: (i % 5) / 4 }));
    const ha = humanAgreement(h);
    const ja = judgeAgreement(h, judge);
    expect(ha.pairedItems).toBe(40);
    expect(ja.coRatedItems).toBe(40);
    expect(ja.alpha!).toBeGreaterThanOrEqual(ha.alpha! - TRUST_RULE.TOLERANCE);
    expect(ja.meanAbsDiffVsMean!).toBeLessThan(0.1);
    const v = judgeVerdict(ha, ja);
    expect(v).toMatchObject({ trusted: true, status: 'trusted' });
  });

  it('does not trust a judge that scores at random-looking odds with humans', () => {
    const h = humans(40);
    const judge = Array.from({ length: 40 }, (_, i) => ({ itemId: `i${i}`, value: ((i * 3 + 1) % 5) / 4 }));
    const v = judgeVerdict(humanAgreement(h), judgeAgreement(h, judge));
    expect(v.status).toBe('not_trusted');
    expect(v.reason).toMatch(/below the bar/);
  });

  it('says there is not enough data below the minimum of co-rated items', () => {
    const h = humans(10);
    const judge = Array.from({ length: 10 }, (_, i) => ({ itemId: `i${i}`, value: (i % 5) / 4 }));
    const v = judgeVerdict(humanAgreement(h), judgeAgreement(h, judge));
    expect(v).toMatchObject({ trusted: false, status: 'insufficient_data' });
    expect(v.reason).toContain('Only 10 items');
  });

  it('refuses to validate a judge against humans who disagree with each other', () => {
    const h = humans(40, 2, true);
    const judge = Array.from({ length: 40 }, (_, i) => ({ itemId: `i${i}`, value: (i % 5) / 4 }));
    const v = judgeVerdict(humanAgreement(h), judgeAgreement(h, judge));
    expect(v.status).toBe('not_trusted');
    expect(v.reason).toMatch(/Humans agree too little/);
  });

  it('reports no judge when it rated nothing humans rated', () => {
    expect(judgeVerdict(humanAgreement(humans(5)), judgeAgreement(humans(5), [{ itemId: 'other', value: 1 }])).status).toBe('no_judge');
  });
});

describe('throughput', () => {
  it('computes items per hour from rating time and the median seconds per item, capping idle time', () => {
    const at = new Date('2025-01-01T10:00:00Z');
    const [t] = throughputByRater([
      { raterId: 'ann', durationMs: 10_000, ratedAt: at },
      { raterId: 'ann', durationMs: 20_000, ratedAt: at },
      { raterId: 'ann', durationMs: 30_000, ratedAt: at },
      { raterId: 'ann', durationMs: 3_600_000, ratedAt: at }, // left the item open for an hour: counts as 10 minutes
    ]);
    expect(t!.rated).toBe(4);
    expect(t!.medianSeconds).toBe(25);
    expect(t!.itemsPerHour).toBeCloseTo((4 * 3600) / 660, 6);
  });

  it('buckets ratings per scale point and rater', () => {
    const d = distributionByRater(
      [
        { raterId: 'a', value: 0 },
        { raterId: 'a', value: 0.74 },
        { raterId: 'judge', value: 0.8 },
      ],
      5,
    );
    expect(d.rows.map((r) => r.label)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(d.rows[3]!.counts).toEqual({ a: 1, judge: 1 });
    expect(d.rows[0]!.counts).toEqual({ a: 1, judge: 0 });
  });
});
