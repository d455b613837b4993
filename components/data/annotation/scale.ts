// The rating scale: key k (1-based) of an n-point scale is the value (k-1)/(n-1) in 0..1, and back.

export const scaleValue = (key: number, points: number) => (key - 1) / (points - 1);

/** The key (1..points) nearest to a stored 0..1 value. */
export const scaleKey = (value: number, points: number) => Math.round(value * (points - 1)) + 1;

/** A stored 0..1 value as a plain number (for scores that have no scale of their own). */
export const formatValue = (value: number) => (Math.round(value * 100) / 100).toString();

/**
 * A rating on the scale the rater typed: "4/5", with the stored 0..1 value beside it when `withStored` (reports).
 * A judge's score between two points shows the nearest point with "≈".
 */
export function formatRating(value: number, points: number, o: { withStored?: boolean } = {}): string {
  const key = scaleKey(value, points);
  const exact = Math.abs(scaleValue(key, points) - value) < 1e-9;
  const shown = `${exact ? '' : '≈'}${key}/${points}`;
  return o.withStored ? `${shown} (${formatValue(value)})` : shown;
}
