// Starting a training run: every input is checked before anything is queued, so a run never fails for a reason
// the form could have told the user (empty dataset, unvalidated scenario, released allocation, unknown base).
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { datasetExamples, datasets, trainingRuns, type HyperParams } from '@/db/schema';
import { bindAllocationToJob, getAllocation } from '@/server/compute/allocations';
import { assertScenarioValidated, markScenarioUsed } from '@/server/environment/scenarios';
import { enqueue } from '@/server/jobs/queue';
import { PermanentJobError } from '@/server/jobs/registry';
import { findBase } from './bases';

export class TrainingInputError extends Error {
  override name = 'TrainingInputError';
  constructor(
    readonly field: 'datasetId' | 'scenarioId' | 'allocationId' | 'base' | 'name',
    message: string,
  ) {
    super(message);
  }
}

export type StartTraining = {
  projectId: string;
  name: string;
  datasetId: string;
  scenarioId: string;
  allocationId: string;
  base: string;
  hyperParams: HyperParams;
  createdBy: string | null;
};

export const TRAINING_JOB = 'training.run';

export async function startTraining(db: Db, s: StartTraining) {
  const base = findBase(s.base);
  if (!base) throw new TrainingInputError('base', `Unknown base "${s.base}".`);
  await checkDataset(db, s.projectId, s.datasetId);
  try {
    await assertScenarioValidated(db, s.projectId, s.scenarioId);
  } catch (err) {
    throw new TrainingInputError('scenarioId', (err as Error).message);
  }
  const alloc = await getAllocation(db, s.projectId, s.allocationId);
  if (!alloc) throw new TrainingInputError('allocationId', `No allocation ${s.allocationId} in this project.`);
  if (alloc.status !== 'granted') {
    throw new TrainingInputError('allocationId', `Allocation ${alloc.id} is ${alloc.status}: training needs a granted allocation. Request one on the Compute page.`);
  }
  if (alloc.jobId) throw new TrainingInputError('allocationId', `Allocation ${alloc.id} is already held by job ${alloc.jobId}.`);

  const runId = newId('train');
  const job = await enqueue(db, {
    projectId: s.projectId,
    type: TRAINING_JOB,
    queue: base.queue,
    input: { runId },
    // A resumed attempt continues from its last checkpoint, so a few attempts cost little.
    maxAttempts: 5,
    createdBy: s.createdBy,
  });
  await db.insert(trainingRuns).values({
    id: runId,
    projectId: s.projectId,
    jobId: job.id,
    name: s.name,
    datasetId: s.datasetId,
    scenarioId: s.scenarioId,
    allocationId: alloc.id,
    base: base.id,
    hyperParams: s.hyperParams,
    createdBy: s.createdBy,
  });
  await bindAllocationToJob(db, s.projectId, alloc.id, job.id, `training run ${s.name}`);
  // From now on this scenario version is what the run's accuracy means: it must not change under it.
  await markScenarioUsed(db, s.projectId, s.scenarioId, runId);
  return { runId, jobId: job.id, queue: base.queue };
}

async function checkDataset(db: Db, projectId: string, datasetId: string) {
  const [ds] = await db.select().from(datasets).where(and(eq(datasets.projectId, projectId), eq(datasets.id, datasetId)));
  if (!ds) throw new TrainingInputError('datasetId', `No dataset ${datasetId} in this project.`);
  if (ds.status !== 'ready') throw new TrainingInputError('datasetId', `Dataset ${datasetId} is ${ds.status}: wait until it is built.`);
  const [row] = await db
    .select({ n: count() })
    .from(datasetExamples)
    .where(and(eq(datasetExamples.datasetId, datasetId), eq(datasetExamples.split, 'train')));
  if (!row?.n) throw new TrainingInputError('datasetId', `Dataset ${datasetId} has no training examples.`);
}

export { PermanentJobError };
