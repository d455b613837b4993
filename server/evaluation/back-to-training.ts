// FAIL → back to training. A failed run's failed cases become training examples with their correct trajectories: the
// reference solver's calculator call and the expected answer where the case is arithmetic it can read (the genuine
// question of an adversarial case, never its injected one), a plain answer otherwise, and a polite refusal for an
// out-of-task request. They are stored as interactions (source `evaluation`, idempotent per run and case), and a new
// version of the model's dataset is built from its examples plus these. The training form opens pre-filled with that
// version, the model's scenario, base and hyper-parameters, and `sentBackBy` = this run, which the new training run
// and its model keep in their lineage (training_runs.sent_back_by, models.sent_back_by).
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { formatAnswer, formatCall, formatResult } from '@/common/agent-protocol';
import type { Db } from '@/db';
import { datasetExamples, datasets, evaluationCases, evaluationRuns, jobs, type EvaluationCase } from '@/db/schema';
import { startDatasetBuild } from '@/server/data/datasets/start';
import { storeEvents } from '@/server/data/ingest/store';
import { parseNumber } from '@/server/environment/matchers';
import { referenceAnswer } from '@/server/environment/reference';
import { getModel } from '@/server/training/registry';
import { DomainError } from '@/server/domain-error';
import { DECLINE_ANSWER } from './adversarial';
import { getTaskset } from './tasksets';

/** The most failed cases one send-back turns into examples (and the dataset build's explicit-id limit). */
export const MAX_SENT_BACK = 5_000;
const MAX_DATASET_IDS = 60_000;

/** The trajectory a good agent leaves on this case, in the protocol the built-in model trains on. */
export function correctTrajectory(c: Pick<EvaluationCase, 'kind' | 'prompt' | 'expected' | 'attack'>, tools: string[]): string {
  if (c.kind === 'adversarial' && !c.attack?.question) return formatAnswer(DECLINE_ANSWER);
  const source = c.kind === 'adversarial' ? c.attack!.question! : c.prompt;
  const ref = tools.includes('calculator') ? referenceAnswer(source) : null;
  const want = parseNumber(c.expected);
  if (ref && 'value' in ref && (want === null || parseNumber(ref.value) === want))
    return (
      formatCall({ tool: 'calculator', args: ref.expression }) +
      formatResult(ref.value) +
      formatAnswer(want === null ? c.expected : ref.value)
    );
  return formatAnswer(c.expected);
}

export type SendBack = {
  runId: string;
  datasetId: string;
  datasetJobId: string;
  examples: number;
  /** What the training form is pre-filled with. */
  training: {
    name: string;
    datasetId: string;
    scenarioId: string;
    base: string;
    sentBackBy: string;
    modelSize: string;
    epochs: number;
    maxSeconds: number;
  };
};

export async function sendBackToTraining(db: Db, projectId: string, runId: string, by: string | null): Promise<SendBack> {
  const [row] = await db
    .select({ run: evaluationRuns, status: jobs.status })
    .from(evaluationRuns)
    .innerJoin(jobs, eq(jobs.id, evaluationRuns.jobId))
    .where(and(eq(evaluationRuns.projectId, projectId), eq(evaluationRuns.id, runId)));
  if (!row) throw new DomainError('not_found', `No evaluation ${runId} in this project.`);
  const run = row.run;
  if (row.status !== 'succeeded' || run.verdict !== 'fail')
    throw new DomainError(
      'precondition_failed',
      `Only a finished run that FAILed the gate goes back to training; ${runId} is ${run.verdict ? run.verdict.toUpperCase() : row.status}.`,
    );
  if (!run.modelId)
    throw new DomainError(
      'precondition_failed',
      `${runId} evaluated ${run.subject}, not a registered model: there is no training run to go back to.`,
    );
  const model = await getModel(db, projectId, run.modelId);
  if (!model) throw new DomainError('not_found', `Model ${run.modelId} is gone.`);
  const [dataset] = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.projectId, projectId), eq(datasets.id, model.datasetId)));
  if (!dataset) throw new DomainError('not_found', `The model's dataset ${model.datasetId} is gone.`);
  const taskset = await getTaskset(db, projectId, run.tasksetId);

  const failed = await db
    .select()
    .from(evaluationCases)
    .where(
      // Task cases that failed their checks and adversarial ones that failed on safety.
      and(eq(evaluationCases.runId, runId), eq(evaluationCases.passed, false)),
    )
    .orderBy(evaluationCases.position)
    .limit(MAX_SENT_BACK);
  if (!failed.length)
    throw new DomainError('precondition_failed', `${runId} failed on its thresholds but has no failed case to learn from.`);

  const stored = await storeEvents(
    db,
    { projectId, source: 'evaluation', batchId: null },
    failed.map((c, index) => ({
      index,
      item: {
        clientId: `${runId}:${c.caseId}`,
        agentId: model.name,
        prompt: c.prompt,
        response: correctTrajectory(c, taskset?.tools ?? ['calculator']),
        metadata: { evaluationRunId: runId, caseId: c.caseId, kind: c.kind, expected: c.expected, failedWith: c.finalAnswer },
        occurredAt: null,
      },
    })),
  );
  const newIds = [...stored.stored, ...stored.duplicates].map((s) => s.id);
  const existing = await db
    .select({ eventId: datasetExamples.eventId })
    .from(datasetExamples)
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, dataset.id)));
  const eventIds = [...new Set([...existing.map((e) => e.eventId), ...newIds])];
  if (eventIds.length > MAX_DATASET_IDS)
    throw new DomainError(
      'too_large',
      `${dataset.id} plus the failed cases is ${eventIds.length} examples; a derived version lists at most ${MAX_DATASET_IDS}.`,
    );
  const built = await startDatasetBuild(db, {
    projectId,
    name: dataset.name,
    description: `${dataset.id} plus ${newIds.length} failed cases of ${runId}, with their correct trajectories (sent back to training).`,
    filter: { eventIds },
    seed: dataset.seed,
    validationFraction: dataset.validationFraction,
    createdBy: by,
  });
  await db.update(evaluationRuns).set({ sentBackDatasetId: built.dataset.id }).where(eq(evaluationRuns.id, runId));
  return {
    runId,
    datasetId: built.dataset.id,
    datasetJobId: built.job.id,
    examples: newIds.length,
    training: {
      name: model.name,
      datasetId: built.dataset.id,
      scenarioId: model.scenarioId,
      base: model.base,
      sentBackBy: runId,
      modelSize: model.hyperParams.modelSize,
      epochs: model.hyperParams.epochs,
      maxSeconds: model.hyperParams.maxSeconds,
    },
  };
}
