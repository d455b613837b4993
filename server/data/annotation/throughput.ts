// Each rater's pace: how many items, items per hour of rating time, and the median seconds spent per item.
// Time per item is what the rating screen measured between showing an item and its rating, capped so that a coffee
// break in front of an open item does not count as work.

export const MAX_ITEM_MS = 10 * 60 * 1000;

export type TimedRating = { raterId: string; durationMs: number | null; ratedAt: Date | null };
export type Throughput = {
  raterId: string;
  rated: number;
  itemsPerHour: number | null;
  medianSeconds: number | null;
  lastRatedAt: Date | null;
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function throughputByRater(ratings: readonly TimedRating[]): Throughput[] {
  const by = new Map<string, TimedRating[]>();
  for (const r of ratings) {
    const list = by.get(r.raterId);
    if (list) list.push(r);
    else by.set(r.raterId, [r]);
  }
  return [...by.entries()].map(([raterId, rs]) => {
    const times = rs.filter((r) => r.durationMs !== null).map((r) => Math.min(MAX_ITEM_MS, Math.max(0, r.durationMs!)));
    const total = times.reduce((s, t) => s + t, 0);
    const last = rs.reduce<Date | null>((acc, r) => (r.ratedAt && (!acc || r.ratedAt > acc) ? r.ratedAt : acc), null);
    return {
      raterId,
      rated: rs.length,
      itemsPerHour: total > 0 ? (times.length * 3_600_000) / total : null,
      medianSeconds: times.length ? median(times) / 1000 : null,
      lastRatedAt: last,
    };
  });
}

/** Counts per scale point for each rater (judge scores, which are continuous, go to the nearest point). */
export function distributionByRater(ratings: readonly { raterId: string; value: number }[], scalePoints: number) {
  const labels = Array.from({ length: scalePoints }, (_, k) => +(k / (scalePoints - 1)).toFixed(2));
  const raters = [...new Set(ratings.map((r) => r.raterId))];
  const rows = labels.map((label) => ({
    label: String(label),
    counts: Object.fromEntries(raters.map((r) => [r, 0])) as Record<string, number>,
  }));
  for (const r of ratings) rows[Math.round(Math.min(1, Math.max(0, r.value)) * (scalePoints - 1))]!.counts[r.raterId]!++;
  return { raters, rows };
}
