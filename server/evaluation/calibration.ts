// Whether a judge's score may count toward the gate: only when it agrees with this project's humans. Humans rate
// outputs on a run's page (evaluation_ratings) and in the Data factory's annotation queues; the judge's scores on the
// same items are paired with them, both split into good/bad, and compared:
//   good: a human mean rating above 0.5 (4–5 on a 5-point scale), a judge score of 50 or more;
//   calibrated when n ≥ 30 items, Cohen's κ ≥ 0.6 (substantial agreement, Landis & Koch), and the judge finds at least
//   70% of the items humans call good (TPR) and 70% of those they call bad (TNR): κ alone can hide a judge that
//   approves everything on a sample where most items are good.
// Pairs from run ratings are keyed by output (a re-scored run shares its outputs, so a new judge can be calibrated on
// ratings given before it existed); annotation pairs count for an LLM judge of the same model only (the queue judge
// job records the model that scored).
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { annotationAssignments, judgeRatings, type Calibration } from '@/db/schema';
import { rowsOf } from '@/server/data/sql-rows';
import { binaryAgreement } from './kappa';

export const CALIBRATION_RULE = {
  MIN_ITEMS: 30,
  MIN_KAPPA: 0.6,
  MIN_TPR: 0.7,
  MIN_TNR: 0.7,
  HUMAN_GOOD_ABOVE: 0.5,
  JUDGE_GOOD_FROM: 50,
} as const;

export type CalibrationPair = { human: number; judge: number };

/** The rule above applied to (human 0..1, judge 0..100) pairs. */
export function calibrate(pairs: readonly CalibrationPair[], sources: Calibration['sources']): Calibration {
  const R = CALIBRATION_RULE;
  const agreement = binaryAgreement(pairs.map((p) => [p.human > R.HUMAN_GOOD_ABOVE, p.judge >= R.JUDGE_GOOD_FROM] as const));
  const base = { n: pairs.length, kappa: agreement.kappa, tpr: agreement.tpr, tnr: agreement.tnr, sources };
  const f = (x: number) => x.toFixed(2);
  const fail = (reason: string): Calibration => ({ ...base, calibrated: false, reason: `Advisory only: ${reason}` });
  if (pairs.length < R.MIN_ITEMS)
    return fail(
      `${pairs.length} item${pairs.length === 1 ? '' : 's'} rated by both humans and this judge; calibration needs ${R.MIN_ITEMS}. Rate this run's cases below, or rate its outputs in an annotation queue.`,
    );
  if (agreement.kappa === null)
    return fail('humans and the judge each gave a single verdict to every item, so agreement beyond chance is undefined.');
  if (agreement.tpr === null || agreement.tnr === null)
    return fail(
      `the rated items are all ${agreement.tpr === null ? 'bad' : 'good'} by human judgement: the judge must also be checked on the other kind.`,
    );
  if (agreement.kappa < R.MIN_KAPPA) return fail(`Cohen's κ = ${f(agreement.kappa)} < ${R.MIN_KAPPA} over ${pairs.length} items.`);
  if (agreement.tpr < R.MIN_TPR)
    return fail(`the judge agrees on only ${Math.round(agreement.tpr * 100)}% of the items humans rated good (need ${R.MIN_TPR * 100}%).`);
  if (agreement.tnr < R.MIN_TNR)
    return fail(`the judge agrees on only ${Math.round(agreement.tnr * 100)}% of the items humans rated bad (need ${R.MIN_TNR * 100}%).`);
  return {
    ...base,
    calibrated: true,
    reason: `Calibrated: κ = ${f(agreement.kappa)}, TPR ${Math.round(agreement.tpr * 100)}%, TNR ${Math.round(agreement.tnr * 100)}% over ${pairs.length} human-rated items.`,
  };
}

/** Pairs for judge `key` from ratings given on run pages: each rated output's mean rating with its latest score by this judge. */
async function runRatingPairs(db: Db, projectId: string, key: string): Promise<CalibrationPair[]> {
  const res = await db.execute(sql`
    select h.human, j.judge
    from (select output_id, avg(value) as human from evaluation_ratings where project_id = ${projectId} group by output_id) h
    join lateral (
      select c.judge_score as judge
      from evaluation_cases c join evaluation_runs r on r.id = c.run_id
      where c.project_id = ${projectId} and c.output_id = h.output_id and c.judge_score is not null and r.judge->>'key' = ${key}
      order by r.created_at desc limit 1
    ) j on true`);
  return rowsOf<{ human: number | string; judge: number | string }>(res).map((r) => ({ human: Number(r.human), judge: Number(r.judge) }));
}

/** Pairs from the Data factory's queues: items rated by humans and scored (0..1) by the queue judge with this model. */
async function annotationPairs(db: Db, projectId: string, model: string): Promise<CalibrationPair[]> {
  const rows = await db
    .select({ human: sql<number>`avg(${annotationAssignments.value})`.mapWith(Number), judge: judgeRatings.value })
    .from(judgeRatings)
    .innerJoin(annotationAssignments, and(eq(annotationAssignments.itemId, judgeRatings.itemId), eq(annotationAssignments.status, 'rated')))
    .where(and(eq(judgeRatings.projectId, projectId), eq(judgeRatings.model, model)))
    .groupBy(judgeRatings.itemId, judgeRatings.value);
  return rows.map((r) => ({ human: r.human, judge: r.judge * 100 }));
}

export async function judgeCalibration(db: Db, projectId: string, judge: { kind: 'llm' | 'reference'; key: string }): Promise<Calibration> {
  const fromRuns = await runRatingPairs(db, projectId, judge.key);
  const fromQueues = judge.kind === 'llm' ? await annotationPairs(db, projectId, judge.key.slice('llm:'.length)) : [];
  return calibrate([...fromRuns, ...fromQueues], { runRatings: fromRuns.length, annotation: fromQueues.length });
}
