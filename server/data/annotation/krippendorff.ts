// Krippendorff's alpha: chance-corrected agreement among any number of raters, tolerant of missing ratings.
// Hand-written because it is our own headline metric; the formulas follow Krippendorff (2011), "Computing
// Krippendorff's Alpha-Reliability", in their coincidence form, with closed forms so the cost is linear in ratings.
//
//   alpha = 1 - D_o / D_e
//   D_o = 1/n · Σ_units Σ_{i≠j in unit} δ(v_i, v_j) / (m_u − 1)        (observed disagreement, within units)
//   D_e = 1/(n(n−1)) · Σ_{i≠j over all pairable values} δ(v_i, v_j)     (expected disagreement, by chance)
//
// Only units with at least two values are pairable; n counts the values in them.

export type AlphaMetric = 'interval' | 'nominal';

export type AlphaResult = {
  /** null when it is undefined: fewer than two pairable values, or no variation at all (D_e = 0). */
  alpha: number | null;
  /** Units (items) that had at least two ratings and so took part. */
  pairableUnits: number;
  /** Ratings in those units (Krippendorff's n). */
  pairableValues: number;
  observedDisagreement: number;
  expectedDisagreement: number;
};

/** Σ over ordered pairs i≠j of δ(v_i, v_j) within one multiset of values. */
function pairDisagreement(values: number[], metric: AlphaMetric): number {
  const m = values.length;
  if (metric === 'interval') {
    // Σ_{i≠j} (a_i − a_j)² = 2·(m·Σa² − (Σa)²); centring first keeps it exact for values far from zero.
    const mean = values.reduce((s, v) => s + v, 0) / m;
    let ss = 0;
    for (const v of values) ss += (v - mean) ** 2;
    return 2 * m * ss;
  }
  // Ordered pairs with different values: all pairs minus those inside each value's group.
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let same = 0;
  for (const c of counts.values()) same += c * c;
  return m * m - same;
}

/** `units[u]` lists the ratings unit u received (missing ratings simply left out). */
export function krippendorffAlpha(units: readonly (readonly number[])[], metric: AlphaMetric = 'interval'): AlphaResult {
  const pairable = units.filter((u) => u.length >= 2);
  const n = pairable.reduce((s, u) => s + u.length, 0);
  const empty = { alpha: null, pairableUnits: pairable.length, pairableValues: n, observedDisagreement: 0, expectedDisagreement: 0 };
  if (n < 2) return empty;
  let within = 0;
  for (const u of pairable) within += pairDisagreement(u as number[], metric) / (u.length - 1);
  const observed = within / n;
  const expected = pairDisagreement(pairable.flat(), metric) / (n * (n - 1));
  if (expected === 0) return { ...empty, observedDisagreement: observed };
  return {
    alpha: 1 - observed / expected,
    pairableUnits: pairable.length,
    pairableValues: n,
    observedDisagreement: observed,
    expectedDisagreement: expected,
  };
}

/** Builds units from a raters × units matrix with nulls for missing ratings (the layout papers print). */
export function unitsFromMatrix(matrix: readonly (readonly (number | null)[])[]): number[][] {
  const width = Math.max(0, ...matrix.map((row) => row.length));
  return Array.from({ length: width }, (_, u) => matrix.map((row) => row[u]).filter((v): v is number => v !== null && v !== undefined));
}
