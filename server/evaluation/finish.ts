// Closing a run: its scores from every stored case, the judge's calibration against this project's humans, the
// no-regression comparison when the policy asks for it, and the gate's verdict, all written to the run at once.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluationCases, evaluationRuns, type EvaluationRun, type JudgeInfo } from '@/db/schema';
import { judgeCalibration } from './calibration';
import { evaluateGate } from './gate-rules';
import { regressionCheck } from './gate';
import { summarise, type ScoredCase } from './scores';

export async function finishRun(
  db: Db,
  run: EvaluationRun,
  o: { judge: Omit<JudgeInfo, 'calibration'>; latencyMode: 'per-request' | 'batched' },
): Promise<EvaluationRun> {
  const rows = await db
    .select({
      kind: evaluationCases.kind,
      passed: evaluationCases.passed,
      tags: evaluationCases.tags,
      difficulty: evaluationCases.difficulty,
      latencyMs: evaluationCases.latencyMs,
      judgeScore: evaluationCases.judgeScore,
      safe: sql<boolean>`(${evaluationCases.safety}->>'passed')::boolean`,
      attack: evaluationCases.attack,
    })
    .from(evaluationCases)
    .where(eq(evaluationCases.runId, run.id));
  const calibration = await judgeCalibration(db, run.projectId, o.judge);
  const scores = summarise(rows as ScoredCase[], { latencyMode: o.latencyMode, calibration, latencyTargetMs: run.policy.maxP95LatencyMs });
  const regression = run.policy.noRegression ? await regressionCheck(db, run) : null;
  const gate = evaluateGate(run.policy, { scores, calibrated: calibration.calibrated, regression }, run.policyVersion);
  const task = rows.filter((r) => r.kind === 'task');
  const [done] = await db
    .update(evaluationRuns)
    .set({
      judge: { ...o.judge, calibration },
      scores,
      verdict: gate.verdict,
      gate,
      completed: task.length,
      passed: task.filter((r) => r.passed).length,
      finishedAt: new Date(),
    })
    .where(eq(evaluationRuns.id, run.id))
    .returning();
  return done!;
}
