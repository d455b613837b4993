// A run's lineage, read backwards from what it produced: deployment → evaluation → model → training run → dataset
// version → the events it was built from (how many, from which sources, a few to open). Each link is the factory's
// own record, so the chain holds even for artefacts made outside the wizard.
import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasetExamples, datasets, evaluationRuns, events, models, trainingRuns, type PipelineOutputs } from '@/db/schema';
import { deployer } from './deploy-port';
import { artefacts, loadRun } from './read';

export async function runLineage(db: Db, projectId: string, runId: string) {
  const { steps } = await loadRun(db, projectId, runId);
  // What the run has made, else (a FAIL opened an iteration that has made nothing yet) the latest it made before.
  const latest = (k: keyof PipelineOutputs) => [...steps].reverse().find((s) => s.status === 'succeeded' && s.outputs[k])?.outputs[k];
  const art: PipelineOutputs = {
    ...artefacts(steps),
    evaluationRunId: artefacts(steps).evaluationRunId ?? (latest('evaluationRunId') as string | undefined),
    modelId: artefacts(steps).modelId ?? (latest('modelId') as string | undefined),
  };
  const d = deployer();
  const deployment = art.deploymentId && d ? await d.get(db, projectId, art.deploymentId) : null;
  const [evaluation] = art.evaluationRunId
    ? await db
        .select({
          id: evaluationRuns.id,
          tasksetId: evaluationRuns.tasksetId,
          verdict: evaluationRuns.verdict,
          modelId: evaluationRuns.modelId,
          accuracy: sql<number | null>`(${evaluationRuns.scores} -> 'accuracy' ->> 'rate')::float`,
        })
        .from(evaluationRuns)
        .where(and(eq(evaluationRuns.projectId, projectId), eq(evaluationRuns.id, art.evaluationRunId)))
    : [];
  const modelId = evaluation?.modelId ?? art.modelId;
  const [model] = modelId
    ? await db
        .select({
          id: models.id,
          name: models.name,
          runId: models.runId,
          datasetId: models.datasetId,
          scenarioId: models.scenarioId,
          allocationId: models.allocationId,
          base: models.base,
          sentBackBy: models.sentBackBy,
        })
        .from(models)
        .where(and(eq(models.projectId, projectId), eq(models.id, modelId)))
    : [];
  const [training] = model?.runId
    ? await db
        .select({ id: trainingRuns.id, name: trainingRuns.name, jobId: trainingRuns.jobId })
        .from(trainingRuns)
        .where(eq(trainingRuns.id, model.runId))
    : [];
  const datasetId = model?.datasetId ?? art.datasetId;
  const [dataset] = datasetId
    ? await db
        .select({
          id: datasets.id,
          name: datasets.name,
          exampleCount: datasets.exampleCount,
          trainCount: datasets.trainCount,
          validationCount: datasets.validationCount,
          filter: datasets.filter,
        })
        .from(datasets)
        .where(and(eq(datasets.projectId, projectId), eq(datasets.id, datasetId)))
    : [];
  const fromDataset = and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId ?? ''));
  const [sources, sample] = dataset
    ? await Promise.all([
        db
          .select({ source: events.source, n: count() })
          .from(datasetExamples)
          .innerJoin(events, eq(events.id, datasetExamples.eventId))
          .where(fromDataset)
          .groupBy(events.source),
        db.select({ eventId: datasetExamples.eventId }).from(datasetExamples).where(fromDataset).limit(5),
      ])
    : [[], []];
  return {
    deployment,
    evaluation: evaluation ?? null,
    model: model ?? null,
    training: training ?? null,
    dataset: dataset ?? null,
    events: { bySource: sources, sample: sample.map((s) => s.eventId) },
  };
}
