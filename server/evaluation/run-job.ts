// The `evaluation.run` job: the subject answers every case of the taskset version, then the built-in adversarial
// cases, in batches (the subject's own batch size); each batch is checked, safety-screened, judged and stored before
// the next, with progress and an ETA. A re-score reads the source run's stored outputs instead of calling the subject.
// A retried job resumes: cases already stored are not run again. The verdict is written when every case is in.
import 'server-only';
import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { evaluationCases, evaluationRuns, tasksetCases, type EvaluationRun, type Taskset } from '@/db/schema';
import { defineJob, PermanentJobError, type JobContext } from '@/server/jobs/registry';
import { adversarialCases } from './adversarial';
import { judgeItemOf, outputOf, plannedOf, scoreCase, withJudge, type CaseRow, type PlannedCase } from './case-row';
import { finishRun } from './finish';
import { openJudge, type Judge } from './judge';
import { EVAL_RUN_JOB } from './runs';
import { openSubject } from './subjects/registry';
import { getTaskset } from './tasksets';

const PAGE = 1000;

type Input = { runId: string };

async function loadRun(db: Db, projectId: string, runId: string): Promise<EvaluationRun> {
  const [run] = await db
    .select()
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.projectId, projectId), eq(evaluationRuns.id, runId)));
  if (!run) throw new PermanentJobError(`No evaluation ${runId} in this project.`);
  return run;
}

/** The taskset's cases page by page (flat memory for 100k-case tasksets), then the adversarial set. */
async function* plan(db: Db, run: EvaluationRun, taskset: Taskset): AsyncGenerator<PlannedCase[]> {
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(tasksetCases)
      .where(and(eq(tasksetCases.projectId, run.projectId), eq(tasksetCases.tasksetId, taskset.id), gt(tasksetCases.position, after)))
      .orderBy(asc(tasksetCases.position))
      .limit(PAGE);
    if (!page.length) break;
    after = page[page.length - 1]!.position;
    yield page.map((c) => ({
      caseId: c.id,
      kind: 'task' as const,
      position: c.position,
      prompt: c.prompt,
      messages: c.messages,
      expected: c.expected,
      checks: c.checks,
      tags: c.tags,
      difficulty: c.difficulty ?? taskset.difficulty,
      attack: null,
    }));
  }
  yield adversarialCases(run.adversarialCount, run.seed).map((a, i) => ({
    caseId: a.caseId,
    kind: 'adversarial' as const,
    position: after + i + 1,
    prompt: a.prompt,
    messages: a.messages,
    expected: a.expected,
    checks: a.checks,
    tags: a.tags,
    difficulty: null,
    attack: a.attack,
  }));
}

/** The stored rows of the source run, page by page, as the outputs to re-score. */
async function* reused(db: Db, sourceId: string): AsyncGenerator<{ planned: PlannedCase; output: ReturnType<typeof outputOf> }[]> {
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(evaluationCases)
      .where(and(eq(evaluationCases.runId, sourceId), gt(evaluationCases.position, after)))
      .orderBy(asc(evaluationCases.position))
      .limit(PAGE);
    if (!page.length) return;
    after = page[page.length - 1]!.position;
    yield page.map((e) => ({ planned: plannedOf(e), output: outputOf(e) }));
  }
}

/** Judge scores for the task rows (adversarial ones are about safety, not quality). */
async function judged(judge: Judge, rows: CaseRow[], signal: AbortSignal): Promise<CaseRow[]> {
  const task = rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === 'task');
  const scores = await judge.scoreMany(
    task.map(([r]) => judgeItemOf(r)),
    signal,
  );
  const out = [...rows];
  task.forEach(([r, i], k) => (out[i] = withJudge(r, scores[k])));
  return out;
}

class Progress {
  private readonly started = performance.now();
  private fresh = 0;
  constructor(
    private readonly ctx: JobContext<Input>,
    private readonly total: number,
    public completed: number,
    public passed: number,
  ) {}

  async stored(db: Db, runId: string, rows: CaseRow[]) {
    this.fresh += rows.length;
    this.completed += rows.length;
    const task = rows.filter((r) => r.kind === 'task');
    this.passed += task.filter((r) => r.passed).length;
    await db
      .update(evaluationRuns)
      .set({
        completed: sql`${evaluationRuns.completed} + ${task.length}`,
        passed: sql`${evaluationRuns.passed} + ${task.filter((r) => r.passed).length}`,
      })
      .where(eq(evaluationRuns.id, runId));
    const seconds = (performance.now() - this.started) / 1000;
    const rate = this.fresh / Math.max(seconds, 1e-3);
    const eta = (this.total - this.completed) / Math.max(rate, 1e-9);
    await this.ctx.metrics([{ name: 'cases_per_sec', step: this.completed, value: Math.round(rate * 10) / 10 }]);
    await this.ctx.progress(
      Math.min(0.99, this.completed / this.total),
      `Case ${this.completed} of ${this.total} · ${rate.toFixed(1)} cases/s · ETA ${eta < 60 ? `${Math.ceil(eta)}s` : `${Math.floor(eta / 60)}m ${Math.round(eta % 60)}s`}`,
    );
  }
}

export const evaluationRunJob = defineJob({
  type: EVAL_RUN_JOB,
  description: 'Evaluates a model or endpoint on a taskset (or re-scores a run’s outputs) and records the quality-gate verdict.',
  input: z.object({ runId: z.string().min(1) }),
  result: z.object({
    runId: z.string(),
    verdict: z.enum(['pass', 'fail']).nullable(),
    accuracy: z.number(),
    safety: z.boolean(),
    quality: z.number(),
    summary: z.string(),
  }),
  maxAttempts: 3,
  run: async (ctx) => {
    const { db, job, input, signal } = ctx;
    const run = await loadRun(db, job.projectId, input.runId);
    const taskset = await getTaskset(db, run.projectId, run.tasksetId);
    if (!taskset) throw new PermanentJobError(`Taskset ${run.tasksetId} is gone.`);
    const judge = await openJudge(db, run.projectId, taskset.judgePrompt);
    // Recorded now, so the calibration at the end finds this run's own scores by the judge's key (and pages say who scores).
    await db
      .update(evaluationRuns)
      .set({
        judge: {
          ...judge.info,
          calibration: {
            calibrated: false,
            n: 0,
            kappa: null,
            tpr: null,
            tnr: null,
            reason: 'Measured when the run finishes.',
            sources: { runRatings: 0, annotation: 0 },
          },
        },
      })
      .where(eq(evaluationRuns.id, run.id));

    const doneRows = await db.select({ caseId: evaluationCases.caseId }).from(evaluationCases).where(eq(evaluationCases.runId, run.id));
    const done = new Set(doneRows.map((d) => d.caseId));
    const [counts] = await db
      .select({ n: count() })
      .from(evaluationCases)
      .where(and(eq(evaluationCases.runId, run.id), eq(evaluationCases.kind, 'task'), eq(evaluationCases.passed, true)));
    const total = run.caseCount + run.adversarialCount;
    const progress = new Progress(ctx, total, done.size, counts?.n ?? 0);
    const store = async (rows: CaseRow[]) => {
      if (!rows.length) return;
      const scored = await judged(judge, rows, signal);
      for (let i = 0; i < scored.length; i += 200)
        await db
          .insert(evaluationCases)
          .values(scored.slice(i, i + 200))
          .onConflictDoNothing();
      await progress.stored(db, run.id, scored);
    };

    let latencyMode: 'per-request' | 'batched' = 'per-request';
    if (run.rescoreOf) {
      const [source] = await db.select({ scores: evaluationRuns.scores }).from(evaluationRuns).where(eq(evaluationRuns.id, run.rescoreOf));
      latencyMode = source?.scores?.latency.mode ?? 'per-request';
      await ctx.progress(done.size / total, `Re-scoring the outputs of ${run.rescoreOf} with ${judge.info.label}`);
      for await (const page of reused(db, run.rescoreOf)) {
        const todo = page.filter((p) => !done.has(p.planned.caseId));
        await store(todo.map((p) => scoreCase(run.projectId, run.id, p.planned, p.output, run.stepLimit)));
      }
    } else {
      const subject = await openSubject(db, run.projectId, run.subject);
      latencyMode = subject.latencyMode;
      await ctx.progress(done.size / total, `Evaluating ${subject.name} on ${total} cases`);
      for await (const page of plan(db, run, taskset)) {
        const todo = page.filter((c) => !done.has(c.caseId));
        for (let i = 0; i < todo.length; i += subject.batchSize) {
          const chunk = todo.slice(i, i + subject.batchSize);
          const outputs = await subject.runBatch(
            chunk.map((c) => ({ caseId: c.caseId, prompt: c.prompt, messages: c.messages })),
            { tools: taskset.tools, stepLimit: run.stepLimit, signal },
          );
          await store(chunk.map((c, k) => scoreCase(run.projectId, run.id, c, outputs[k]!, run.stepLimit)));
        }
      }
    }
    await ctx.progress(0.995, 'Scoring and applying the gate');
    const finished = await finishRun(db, run, { judge: judge.info, latencyMode });
    const s = finished.scores!;
    return {
      runId: run.id,
      verdict: finished.verdict,
      accuracy: s.accuracy.rate,
      safety: s.safety.passed,
      quality: s.quality.score,
      summary: `${finished.verdict === 'pass' ? 'PASS' : 'FAIL'} · accuracy ${(s.accuracy.rate * 100).toFixed(1)}% · quality ${s.quality.score}`,
    };
  },
});
