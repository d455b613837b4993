// Agreement among human raters and between the LLM judge and humans, and the rule that decides whether the judge is trusted.
//
// The trust rule (shown to users beside the verdict):
//   Humans set the bar. Their agreement is Krippendorff's alpha (interval metric) over items rated by ≥ 2 humans.
//   The judge's agreement is alpha over (judge, one human) pairs on the items both rated — the judge treated as one more
//   rater, so both figures measure how well one rater agrees with another (comparing the judge with the *mean* of the
//   humans, also reported, would flatter it: a mean is less noisy than any one person).
//   The judge is trusted only when all of these hold:
//     1. at least MIN_CO_RATED items carry both a judge score and a human rating, and at least MIN_HUMAN_PAIRED items
//        carry two or more human ratings (fewer, and alpha is too noisy to compare);
//     2. the humans agree well enough to be a reference: human alpha ≥ RELIABLE_ALPHA (0.667, Krippendorff's
//        lowest acceptable level for tentative conclusions);
//     3. the judge agrees with humans about as well as they agree with each other: judge alpha ≥ human alpha − TOLERANCE
//        (and itself ≥ RELIABLE_ALPHA).
import { krippendorffAlpha } from './krippendorff';

export const TRUST_RULE = {
  MIN_CO_RATED: 20,
  MIN_HUMAN_PAIRED: 10,
  RELIABLE_ALPHA: 0.667,
  TOLERANCE: 0.1,
} as const;

export type HumanRating = { itemId: string; raterId: string; value: number };
export type JudgeScore = { itemId: string; value: number };

export type HumanAgreement = {
  alpha: number | null;
  /** Items with ≥ 2 human ratings (the ones alpha is computed on). */
  pairedItems: number;
  /** Mean |a − b| over pairs of humans on the same item. */
  meanAbsDiff: number | null;
};

export type JudgeAgreement = {
  coRatedItems: number;
  /** Alpha over (judge, individual human) pairs: comparable with the humans' own alpha. */
  alpha: number | null;
  /** Alpha between the judge and the mean human rating per item. */
  alphaVsMean: number | null;
  /** Mean |judge − human mean| per item. */
  meanAbsDiffVsMean: number | null;
  /** Mean |judge − human| over (judge, individual human) pairs: comparable with the humans' own mean difference. */
  meanAbsDiff: number | null;
};

export type Verdict = { trusted: boolean; status: 'trusted' | 'not_trusted' | 'insufficient_data' | 'no_judge'; reason: string };

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const fmt = (x: number) => x.toFixed(2);

function groupByItem(ratings: readonly HumanRating[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const r of ratings) {
    const values = m.get(r.itemId);
    if (values) values.push(r.value);
    else m.set(r.itemId, [r.value]);
  }
  return m;
}

export function humanAgreement(ratings: readonly HumanRating[]): HumanAgreement {
  const units = [...groupByItem(ratings).values()];
  const diffs: number[] = [];
  for (const u of units) for (let i = 0; i < u.length; i++) for (let j = i + 1; j < u.length; j++) diffs.push(Math.abs(u[i]! - u[j]!));
  return {
    alpha: krippendorffAlpha(units).alpha,
    pairedItems: units.filter((u) => u.length >= 2).length,
    meanAbsDiff: diffs.length ? mean(diffs) : null,
  };
}

export function judgeAgreement(ratings: readonly HumanRating[], judge: readonly JudgeScore[]): JudgeAgreement {
  const humans = groupByItem(ratings);
  const pairs: number[][] = [];
  const vsMean: number[][] = [];
  for (const j of judge) {
    const hs = humans.get(j.itemId);
    if (!hs?.length) continue;
    for (const h of hs) pairs.push([j.value, h]);
    vsMean.push([j.value, mean(hs)]);
  }
  const absDiff = (units: number[][]) => (units.length ? mean(units.map(([a, b]) => Math.abs(a! - b!))) : null);
  return {
    coRatedItems: vsMean.length,
    alpha: krippendorffAlpha(pairs).alpha,
    alphaVsMean: krippendorffAlpha(vsMean).alpha,
    meanAbsDiffVsMean: absDiff(vsMean),
    meanAbsDiff: absDiff(pairs),
  };
}

/** Applies the trust rule above; the reason names the figure that decided it. */
export function judgeVerdict(human: HumanAgreement, judge: JudgeAgreement | null): Verdict {
  const R = TRUST_RULE;
  if (!judge || judge.coRatedItems === 0)
    return { trusted: false, status: 'no_judge', reason: 'The judge has not rated any item that humans rated yet.' };
  if (judge.coRatedItems < R.MIN_CO_RATED)
    return {
      trusted: false,
      status: 'insufficient_data',
      reason: `Only ${judge.coRatedItems} items rated by both the judge and humans (need ${R.MIN_CO_RATED}).`,
    };
  if (human.pairedItems < R.MIN_HUMAN_PAIRED || human.alpha === null)
    return {
      trusted: false,
      status: 'insufficient_data',
      reason: `Only ${human.pairedItems} items rated by two or more humans (need ${R.MIN_HUMAN_PAIRED}): raise the overlap.`,
    };
  if (human.alpha < R.RELIABLE_ALPHA)
    return {
      trusted: false,
      status: 'not_trusted',
      reason: `Humans agree too little to be a reference (α = ${fmt(human.alpha)} < ${R.RELIABLE_ALPHA}): sharpen the instructions first.`,
    };
  if (judge.alpha === null)
    return { trusted: false, status: 'insufficient_data', reason: 'Judge agreement is undefined: the ratings have no variation.' };
  const bar = Math.max(R.RELIABLE_ALPHA, human.alpha - R.TOLERANCE);
  if (judge.alpha >= bar)
    return {
      trusted: true,
      status: 'trusted',
      reason: `Judge α = ${fmt(judge.alpha)} vs humans α = ${fmt(human.alpha)}: within ${R.TOLERANCE} of human agreement.`,
    };
  return {
    trusted: false,
    status: 'not_trusted',
    reason: `Judge α = ${fmt(judge.alpha)} is below the bar of ${fmt(bar)} set by human agreement (α = ${fmt(human.alpha)}).`,
  };
}
