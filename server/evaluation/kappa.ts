// Agreement between two raters on categorical labels: Cohen's kappa (observed agreement beyond what chance alone would
// give), with the confusion table; and, for a binary good/bad split, the judge's true-positive and true-negative rates
// against the humans taken as the reference.

export type KappaResult = {
  n: number;
  /** Observed agreement (share of items both gave the same label). */
  observed: number;
  /** Agreement expected by chance from each rater's own label frequencies. */
  expected: number;
  /** null when chance agreement is already total (both raters used one and the same label): kappa is undefined. */
  kappa: number | null;
  labels: string[];
  /** table[i][j]: items rater A labelled labels[i] and rater B labelled labels[j]. */
  table: number[][];
};

/** Cohen's kappa over pairs (label by rater A, label by rater B). */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): KappaResult {
  const labels = [...new Set(pairs.flatMap(([a, b]) => [a, b]))].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const table = labels.map(() => labels.map(() => 0));
  for (const [a, b] of pairs) table[at.get(a)!]![at.get(b)!]!++;
  const n = pairs.length;
  if (n === 0) return { n, observed: 0, expected: 0, kappa: null, labels, table };
  let agree = 0;
  let chance = 0;
  for (let i = 0; i < labels.length; i++) {
    agree += table[i]![i]!;
    const rowSum = table[i]!.reduce((s, x) => s + x, 0);
    const colSum = table.reduce((s, row) => s + row[i]!, 0);
    chance += (rowSum / n) * (colSum / n);
  }
  const observed = agree / n;
  const kappa = chance >= 1 ? null : (observed - chance) / (1 - chance);
  return { n, observed, expected: chance, kappa, labels, table };
}

export type BinaryAgreement = KappaResult & {
  /** Of the items the reference called good, the share the judge also called good (null when there were none). */
  tpr: number | null;
  /** Of the items the reference called bad, the share the judge also called bad. */
  tnr: number | null;
};

/** Kappa and TPR/TNR for (reference good?, judge good?) pairs. */
export function binaryAgreement(pairs: readonly (readonly [boolean, boolean])[]): BinaryAgreement {
  const label = (x: boolean) => (x ? 'good' : 'bad');
  const k = cohenKappa(pairs.map(([h, j]) => [label(h), label(j)] as const));
  let tp = 0;
  let pos = 0;
  let tn = 0;
  let neg = 0;
  for (const [h, j] of pairs) {
    if (h) {
      pos++;
      if (j) tp++;
    } else {
      neg++;
      if (!j) tn++;
    }
  }
  return { ...k, tpr: pos ? tp / pos : null, tnr: neg ? tn / neg : null };
}
