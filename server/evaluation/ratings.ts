// People rating a run's outputs on the spot (keyboard 1–5 on the run page, as on the annotation screen): each rating
// is of an output, so re-scores of the same outputs share it, and it feeds the judge's calibration at once.
import 'server-only';
import { and, asc, count, eq, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { evaluationCases, evaluationRatings, evaluationRuns } from '@/db/schema';
import { DomainError } from '@/server/domain-error';
import { judgeCalibration } from './calibration';
import { REFERENCE_JUDGE_KEY } from './judge';

export async function rateOutput(db: Db, o: { projectId: string; caseRowId: string; userId: string; value: number }) {
  const [c] = await db
    .select({ outputId: evaluationCases.outputId, runId: evaluationCases.runId, kind: evaluationCases.kind })
    .from(evaluationCases)
    .where(and(eq(evaluationCases.projectId, o.projectId), eq(evaluationCases.id, o.caseRowId)));
  if (!c) throw new DomainError('not_found', `No evaluated case ${o.caseRowId} in this project.`);
  if (c.kind !== 'task') throw new DomainError('bad_request', 'Adversarial cases are judged on safety, not rated: rate the task cases.');
  await db
    .insert(evaluationRatings)
    .values({ id: newId('erat'), projectId: o.projectId, outputId: c.outputId, runId: c.runId, userId: o.userId, value: o.value })
    .onConflictDoUpdate({
      target: [evaluationRatings.outputId, evaluationRatings.userId],
      set: { value: o.value, runId: c.runId, updatedAt: new Date() },
    });
  return { outputId: c.outputId, value: o.value };
}

/** How rating is going on this run: outputs rated (by anyone, by you), the next one for you, and the judge's standing. */
export async function ratingStatus(db: Db, projectId: string, runId: string, userId: string) {
  const [run] = await db
    .select({ judge: evaluationRuns.judge })
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.projectId, projectId), eq(evaluationRuns.id, runId)));
  if (!run) throw new DomainError('not_found', `No evaluation ${runId} in this project.`);
  const rated = (mine: boolean) =>
    db
      .select({ n: count() })
      .from(evaluationCases)
      .where(
        and(
          eq(evaluationCases.runId, runId),
          eq(evaluationCases.kind, 'task'),
          sql`exists (select 1 from ${evaluationRatings} r where r.output_id = ${evaluationCases.outputId}${mine ? sql` and r.user_id = ${userId}` : sql``})`,
        ),
      );
  const [[total], [any], [mine], [next]] = await Promise.all([
    db
      .select({ n: count() })
      .from(evaluationCases)
      .where(and(eq(evaluationCases.runId, runId), eq(evaluationCases.kind, 'task'))),
    rated(false),
    rated(true),
    db
      .select({ id: evaluationCases.id })
      .from(evaluationCases)
      .where(
        and(
          eq(evaluationCases.runId, runId),
          eq(evaluationCases.kind, 'task'),
          notExists(
            db
              .select({ one: sql`1` })
              .from(evaluationRatings)
              .where(and(eq(evaluationRatings.outputId, evaluationCases.outputId), eq(evaluationRatings.userId, userId))),
          ),
        ),
      )
      .orderBy(asc(evaluationCases.position))
      .limit(1),
  ]);
  const judge = run.judge ?? { kind: 'reference' as const, key: REFERENCE_JUDGE_KEY };
  return {
    total: total?.n ?? 0,
    rated: any?.n ?? 0,
    mine: mine?.n ?? 0,
    nextCaseId: next?.id ?? null,
    calibration: await judgeCalibration(db, projectId, { kind: judge.kind, key: judge.key }),
  };
}
