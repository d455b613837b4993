// Starting evaluation runs (one job each): a subject on a taskset version, or a re-score of a finished run's stored
// outputs under the current judge and policy (a new run that points at the one it reused; the subject is not called).
// Starting marks the taskset version used in the same transaction, so it can never change under its results.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { evaluationRuns, jobs, tasksets, type EvaluationRun, type GateRules } from '@/db/schema';
import { stepLimitField } from '@/server/environment/executor';
import { enqueue } from '@/server/jobs/queue';
import { DomainError, fieldError } from '@/server/domain-error';
import { DEFAULT_ADVERSARIAL_COUNT, MAX_ADVERSARIAL_COUNT } from './adversarial';
import { currentPolicy } from './policy';
import { describeSubject } from './subjects/registry';
import { caseCount, markTasksetUsed, tasksetNotFound } from './tasksets';
import { seedField } from '@/common/seed-field';

export const EVAL_RUN_JOB = 'evaluation.run';

export const evalSettingsSchema = z.object({
  stepLimit: stepLimitField(),
  seed: seedField().default(1),
  adversarialCount: z
    .number()
    .int('A whole number.')
    .min(0, 'At least 0.')
    .max(MAX_ADVERSARIAL_COUNT, `At most ${MAX_ADVERSARIAL_COUNT}.`)
    .default(DEFAULT_ADVERSARIAL_COUNT),
});

export type StartEvaluation = z.output<typeof evalSettingsSchema> & {
  projectId: string;
  tasksetId: string;
  /** `model:<id>` or `endpoint:<id>`. */
  subject: string;
  createdBy: string | null;
  /** An ad-hoc policy for this run only (the CLI's --policy): its verdict never allows a deploy. */
  adHocPolicy?: GateRules;
  /** The job queue; the CLI runs its own job on a queue no worker serves, so it is the one that runs it. */
  queue?: string;
};

export async function startEvaluation(db: Db, o: StartEvaluation): Promise<{ runId: string; jobId: string }> {
  const subject = await describeSubject(db, o.projectId, o.subject);
  return db.transaction(async (tx) => {
    // The row lock orders this start against an edit of the same version (editTaskset forks a used one).
    const [taskset] = await tx
      .select()
      .from(tasksets)
      .where(and(eq(tasksets.projectId, o.projectId), eq(tasksets.id, o.tasksetId)))
      .for('update');
    if (!taskset) throw fieldError('tasksetId', tasksetNotFound(o.tasksetId).message);
    const n = await caseCount(tx, o.projectId, taskset.id);
    if (!n) throw fieldError('tasksetId', `Taskset ${taskset.id} has no cases yet.`);
    const policy = await currentPolicy(tx, o.projectId);
    const id = newId('eval');
    const job = await enqueue(tx, {
      projectId: o.projectId,
      type: EVAL_RUN_JOB,
      input: { runId: id },
      createdBy: o.createdBy,
      maxAttempts: 3,
      queue: o.queue,
    });
    await tx.insert(evaluationRuns).values({
      id,
      projectId: o.projectId,
      jobId: job.id,
      tasksetId: taskset.id,
      subject: `${subject.kind}:${subject.id}`,
      subjectKind: subject.kind,
      subjectLabel: subject.label,
      modelId: subject.modelId,
      policyVersion: o.adHocPolicy ? null : policy.version,
      policy: o.adHocPolicy ?? policy.rules,
      stepLimit: o.stepLimit,
      seed: o.seed,
      adversarialCount: o.adversarialCount,
      caseCount: n,
      createdBy: o.createdBy,
    });
    await markTasksetUsed(tx, o.projectId, taskset.id, `evaluation ${id}`);
    return { runId: id, jobId: job.id };
  });
}

/** A finished run's outputs scored again with today's judge and policy; refused while the source is not finished. */
export async function startRescore(
  db: Db,
  o: { projectId: string; runId: string; createdBy: string | null },
): Promise<{ runId: string; jobId: string }> {
  const [source] = await db
    .select({ run: evaluationRuns, status: jobs.status })
    .from(evaluationRuns)
    .innerJoin(jobs, eq(jobs.id, evaluationRuns.jobId))
    .where(and(eq(evaluationRuns.projectId, o.projectId), eq(evaluationRuns.id, o.runId)));
  if (!source) throw new DomainError('not_found', `No evaluation ${o.runId} in this project.`);
  if (source.status !== 'succeeded')
    throw new DomainError(
      'precondition_failed',
      `Evaluation ${o.runId} is ${source.status}: only a finished run's outputs can be re-scored.`,
    );
  const s: EvaluationRun = source.run;
  return db.transaction(async (tx) => {
    const policy = await currentPolicy(tx, o.projectId);
    const id = newId('eval');
    const job = await enqueue(tx, {
      projectId: o.projectId,
      type: EVAL_RUN_JOB,
      input: { runId: id },
      createdBy: o.createdBy,
      maxAttempts: 3,
    });
    await tx.insert(evaluationRuns).values({
      id,
      projectId: o.projectId,
      jobId: job.id,
      tasksetId: s.tasksetId,
      subject: s.subject,
      subjectKind: s.subjectKind,
      subjectLabel: s.subjectLabel,
      modelId: s.modelId,
      rescoreOf: s.id,
      policyVersion: policy.version,
      policy: policy.rules,
      stepLimit: s.stepLimit,
      seed: s.seed,
      adversarialCount: s.adversarialCount,
      caseCount: s.caseCount,
      createdBy: o.createdBy,
    });
    return { runId: id, jobId: job.id };
  });
}
