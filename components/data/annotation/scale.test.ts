// Ratings read on the scale the rater typed (key k of n), with the stored 0..1 value only where a report needs it.
import { describe, expect, it } from 'vitest';
import { formatRating, scaleKey, scaleValue } from './scale';

describe('rating scale', () => {
  it('shows a stored value as the key that produced it', () => {
    expect(formatRating(scaleValue(4, 5), 5)).toBe('4/5');
    expect(formatRating(0, 5)).toBe('1/5');
    expect(formatRating(1, 3)).toBe('3/3');
  });

  it('adds the stored value on request, and marks a judge score between two points', () => {
    expect(formatRating(0.75, 5, { withStored: true })).toBe('4/5 (0.75)');
    expect(formatRating(0.8, 5, { withStored: true })).toBe('≈4/5 (0.8)');
  });

  it('round-trips every key of every scale', () => {
    for (let n = 2; n <= 9; n++) for (let k = 1; k <= n; k++) expect(scaleKey(scaleValue(k, n), n)).toBe(k);
  });
});
