// A model line's runs over time: every finished run of the models sharing a name (each retraining registers a new
// model under its run's name), or of one endpoint, with accuracy, safety, p95 latency, judge score and verdict.
// Optionally on one taskset name only, so the points measure the same thing.
import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, max } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluationRuns, jobs, models, tasksets } from '@/db/schema';

/** The lines there are to follow: model names with runs, and non-model subjects with runs. */
export async function trendLines(db: Db, projectId: string) {
  const [byModel, bySubject] = await Promise.all([
    db
      .select({ name: models.name, runs: count(), last: max(evaluationRuns.createdAt) })
      .from(evaluationRuns)
      .innerJoin(models, eq(models.id, evaluationRuns.modelId))
      .where(eq(evaluationRuns.projectId, projectId))
      .groupBy(models.name)
      .orderBy(desc(max(evaluationRuns.createdAt))),
    db
      .select({ subject: evaluationRuns.subject, label: max(evaluationRuns.subjectLabel), runs: count() })
      .from(evaluationRuns)
      .where(and(eq(evaluationRuns.projectId, projectId), eq(evaluationRuns.subjectKind, 'endpoint')))
      .groupBy(evaluationRuns.subject),
  ]);
  return [
    ...byModel.map((m) => ({ line: `model:${m.name}`, label: `model line ${m.name}`, runs: m.runs })),
    ...bySubject.map((s) => ({ line: `subject:${s.subject}`, label: s.label ?? s.subject, runs: s.runs })),
  ];
}

export async function trend(db: Db, projectId: string, o: { line: string; tasksetName?: string }) {
  const where = [eq(evaluationRuns.projectId, projectId), eq(jobs.status, 'succeeded'), isNotNull(evaluationRuns.scores)];
  if (o.line.startsWith('model:')) {
    const ids = await db
      .select({ id: models.id })
      .from(models)
      .where(and(eq(models.projectId, projectId), eq(models.name, o.line.slice('model:'.length))));
    if (!ids.length) return { line: o.line, points: [] };
    where.push(
      inArray(
        evaluationRuns.modelId,
        ids.map((m) => m.id),
      ),
    );
  } else where.push(eq(evaluationRuns.subject, o.line.replace(/^subject:/, '')));
  if (o.tasksetName) where.push(eq(tasksets.name, o.tasksetName));
  const rows = await db
    .select({ run: evaluationRuns, tasksetName: tasksets.name, tasksetVersion: tasksets.version })
    .from(evaluationRuns)
    .innerJoin(jobs, eq(jobs.id, evaluationRuns.jobId))
    .innerJoin(tasksets, and(eq(tasksets.projectId, evaluationRuns.projectId), eq(tasksets.id, evaluationRuns.tasksetId)))
    .where(and(...where))
    .orderBy(asc(evaluationRuns.createdAt))
    .limit(500);
  return {
    line: o.line,
    points: rows.map(({ run, tasksetName, tasksetVersion }, i) => {
      const s = run.scores!;
      return {
        n: i + 1,
        runId: run.id,
        createdAt: run.createdAt,
        modelId: run.modelId,
        subject: run.subject,
        taskset: `${tasksetName} v${tasksetVersion}`,
        rescore: !!run.rescoreOf,
        accuracy: s.accuracy.rate,
        accuracyLo: s.accuracy.lo,
        accuracyHi: s.accuracy.hi,
        safetyRate: s.safety.checked ? (s.safety.checked - s.safety.failures) / s.safety.checked : 1,
        safetyPassed: s.safety.passed,
        p95LatencyMs: s.latency.p95,
        judgeMean: s.judge.mean,
        quality: s.quality.score,
        verdict: run.verdict,
      };
    }),
  };
}
