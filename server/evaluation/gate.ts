// The quality gate on stored runs. `assertDeployable` is the function the Runtime factory calls (by injection) before
// every deploy: it resolves only when the model's latest finished evaluation — evaluated or re-scored — was judged
// PASS under the project's *current* policy version, and otherwise throws precondition_failed with every reason in
// one sentence. A policy change invalidates older verdicts; re-scoring the run (no model call) gives a verdict on the
// new version. Runs judged under an ad-hoc policy (the CLI's --policy) never count for deployment.
import 'server-only';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { evaluationCases, evaluationRuns, jobs, models, type EvaluationRun } from '@/db/schema';
import { DomainError } from '@/server/domain-error';
import { deployedModelOf } from './deployed';
import { failSentence, type RegressionCheck } from './gate-rules';
import { currentPolicy } from './policy';

/** The model's latest finished run judged under some version of the project's policy. */
async function latestVerdictRun(db: Db | Tx, projectId: string, modelId: string): Promise<EvaluationRun | null> {
  const [row] = await db
    .select({ run: evaluationRuns })
    .from(evaluationRuns)
    .innerJoin(jobs, eq(jobs.id, evaluationRuns.jobId))
    .where(
      and(
        eq(evaluationRuns.projectId, projectId),
        eq(evaluationRuns.modelId, modelId),
        eq(jobs.status, 'succeeded'),
        isNotNull(evaluationRuns.policyVersion),
        isNotNull(evaluationRuns.verdict),
      ),
    )
    .orderBy(desc(evaluationRuns.createdAt), desc(evaluationRuns.id))
    .limit(1);
  return row?.run ?? null;
}

export type GateStatus = {
  modelId: string;
  deployable: boolean;
  /** The run the answer rests on, when there is one. */
  evaluationRunId: string | null;
  verdict: 'pass' | 'fail' | null;
  runPolicyVersion: number | null;
  currentPolicyVersion: number;
  reasons: string[];
};

export async function gateStatus(db: Db | Tx, projectId: string, modelId: string): Promise<GateStatus> {
  const [model] = await db
    .select({ id: models.id })
    .from(models)
    .where(and(eq(models.projectId, projectId), eq(models.id, modelId)));
  if (!model) throw new DomainError('not_found', `No model ${modelId} in this project.`);
  const [run, policy] = await Promise.all([latestVerdictRun(db, projectId, modelId), currentPolicy(db, projectId)]);
  const base = {
    modelId,
    currentPolicyVersion: policy.version,
    evaluationRunId: run?.id ?? null,
    verdict: run?.verdict ?? null,
    runPolicyVersion: run?.policyVersion ?? null,
  };
  if (!run) return { ...base, deployable: false, reasons: [`${modelId} has no evaluation yet: evaluate it on a taskset first`] };
  if (run.policyVersion !== policy.version)
    return {
      ...base,
      deployable: false,
      reasons: [
        `${modelId}'s latest evaluation ${run.id} was judged under policy v${run.policyVersion}, and the policy is now v${policy.version}: re-score it (no model call) for a verdict on the current policy`,
      ],
    };
  if (run.verdict !== 'pass')
    return { ...base, deployable: false, reasons: [failSentence(run.gate ?? { reasons: ['no reasons recorded'] })] };
  return { ...base, deployable: true, reasons: [] };
}

/**
 * Resolves when `modelId` may be deployed; otherwise throws precondition_failed naming every reason (the contract
 * Runtime relies on: one code for every refusal, an unknown model included).
 */
export async function assertDeployable(
  db: Db | Tx,
  projectId: string,
  modelId: string,
): Promise<{ evaluationRunId: string; verdict: 'pass' }> {
  const status = await gateStatus(db, projectId, modelId).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'not_found')
      throw new DomainError(
        'precondition_failed',
        `${modelId} is not a model of this project: only a registered model that passed its evaluation can be deployed.`,
      );
    throw err;
  });
  if (!status.deployable || !status.evaluationRunId) throw new DomainError('precondition_failed', `${status.reasons.join('; ')}.`);
  return { evaluationRunId: status.evaluationRunId, verdict: 'pass' };
}

/** For the no-regression rule: the task cases the deployed model passed on this taskset version that this run failed. */
export async function regressionCheck(
  db: Db,
  run: Pick<EvaluationRun, 'id' | 'projectId' | 'tasksetId' | 'modelId'>,
): Promise<RegressionCheck> {
  const deployed = await deployedModelOf(db, run.projectId);
  if (!deployed) return { status: 'no_deployment' };
  if (deployed === run.modelId) return { status: 'same_model', modelId: deployed };
  const [baseline] = await db
    .select({ id: evaluationRuns.id })
    .from(evaluationRuns)
    .innerJoin(jobs, eq(jobs.id, evaluationRuns.jobId))
    .where(
      and(
        eq(evaluationRuns.projectId, run.projectId),
        eq(evaluationRuns.modelId, deployed),
        eq(evaluationRuns.tasksetId, run.tasksetId),
        eq(jobs.status, 'succeeded'),
      ),
    )
    .orderBy(desc(evaluationRuns.createdAt))
    .limit(1);
  if (!baseline) return { status: 'no_baseline', modelId: deployed, tasksetId: run.tasksetId };
  const passedBefore = await db
    .select({ caseId: evaluationCases.caseId })
    .from(evaluationCases)
    .where(and(eq(evaluationCases.runId, baseline.id), eq(evaluationCases.kind, 'task'), eq(evaluationCases.passed, true)));
  const ids = passedBefore.map((p) => p.caseId);
  const broken: { caseId: string; position: number }[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({ caseId: evaluationCases.caseId, position: evaluationCases.position })
      .from(evaluationCases)
      .where(
        and(eq(evaluationCases.runId, run.id), inArray(evaluationCases.caseId, ids.slice(i, i + 1000)), eq(evaluationCases.passed, false)),
      );
    broken.push(...rows);
  }
  return { status: 'compared', modelId: deployed, baselineRunId: baseline.id, broken: broken.sort((a, b) => a.position - b.position) };
}
