// Starting a training run: every input is checked before anything is queued, so a run never fails for a reason
// the form could have told the user (empty dataset, unvalidated scenario, released allocation, unknown base).
import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { datasetExamples, datasets, evaluationRuns, scenarioCases, scenarios, trainingRuns } from '@/db/schema';
import { bindAllocationToJob, getAllocation, requestAllocation } from '@/server/compute/allocations';
import { loadDatasetExamples, type Example } from '@/server/data/datasets/read';
import { assertScenarioValidated, markScenarioUsed } from '@/server/environment/scenarios';
import { enqueue } from '@/server/jobs/queue';
import { CLUSTER_QUEUE } from '@/server/compute/slurm/worker-job';
import { allocationToken } from '@/server/projects/credentials';
import { findBase, type Base } from './bases';
import {
  MAX_REMOTE_EXAMPLES,
  MAX_REMOTE_TEXT_CHARS,
  REMOTE_VALIDATION_CASES,
  TRAINING_REMOTE_JOB,
  type RemoteTrainingInput,
} from './remote/input';
import { DomainError, fieldError } from '@/server/domain-error';
import { TRAINING_JOB, type TrainingRunInput } from './run-input';
import { withIntervals, type HyperParamsInput } from './hyperparams';

type StartField = 'datasetId' | 'scenarioId' | 'allocationId' | 'base' | 'name';
/** A refusal about one field of the start form. */
const refuse = (field: StartField, message: string) => fieldError(field, message);

export type StartTraining = {
  projectId: string;
  name: string;
  datasetId: string;
  scenarioId: string;
  /** A granted allocation to train on; null requests one for the run, which then waits (with the reason shown) until it is granted. */
  allocationId: string | null;
  base: string;
  /** Intervals left out are scaled to the run's length (withIntervals) before anything is stored. */
  hyperParams: HyperParamsInput;
  createdBy: string | null;
  /** The evaluation whose failed cases sent the model back here, when one did (kept in the new model's lineage). */
  sentBackBy?: string | null;
};

export { TRAINING_JOB };

export async function startTraining(db: Db, s: StartTraining) {
  const base = findBase(s.base);
  if (!base) throw refuse('base', `Unknown base "${s.base}".`);
  await checkDataset(db, s.projectId, s.datasetId);
  if (s.sentBackBy) await checkSentBackBy(db, s.projectId, s.sentBackBy);
  // Every trainer runs on its job's input alone (a remote worker has no database), so the rows must fit in one.
  await checkShippable(db, s.projectId, s.datasetId, base);
  // A built dataset version never changes, so its examples can be read before the transaction.
  const examples = await loadDatasetExamples(db, s.projectId, s.datasetId);
  // What the run records (and a model's lineage shows) is what it trains with: intervals left out, scaled to its length.
  const hyperParams = withIntervals(s.hyperParams, examples.train.length);

  // One transaction: a start that fails half-way (e.g. a concurrent start took the allocation) leaves nothing queued.
  return db.transaction(async (tx) => {
    // The row lock orders this start against an edit of the same version (editScenario), which resets its validation.
    await lockValidatedScenario(tx, s.projectId, s.scenarioId);
    const given = s.allocationId ? await checkAllocation(tx, s.projectId, s.allocationId) : null;
    const runId = newId('train');
    const held = !given;
    // On a cluster allocation the worker its Slurm job runs is the only one that may take the job: no local worker
    // serves this queue.
    const queue = given?.clusterId ? CLUSTER_QUEUE : base.queue;
    const job = base.needsGpu
      ? // A hosted base is fine-tuned by a remote worker without the database: the input carries all it needs.
        await enqueue(tx, {
          projectId: s.projectId,
          type: TRAINING_REMOTE_JOB,
          queue,
          input: await remoteInput(tx, s, runId, examples),
          maxAttempts: 3,
          createdBy: s.createdBy,
          held,
        })
      : await enqueue(tx, {
          projectId: s.projectId,
          type: TRAINING_JOB,
          queue,
          input: await builtinInput(tx, s, runId, examples),
          // A resumed attempt continues from its last checkpoint, so a few attempts cost little.
          maxAttempts: 5,
          createdBy: s.createdBy,
          held,
        });
    const alloc = given ?? (await requestForRun(tx, s, base, job.id));
    await tx.insert(trainingRuns).values({
      id: runId,
      projectId: s.projectId,
      jobId: job.id,
      name: s.name,
      datasetId: s.datasetId,
      scenarioId: s.scenarioId,
      allocationId: alloc.id,
      base: base.id,
      hyperParams,
      createdBy: s.createdBy,
      sentBackBy: s.sentBackBy ?? null,
    });
    if (given && !(await bindAllocationToJob(tx, s.projectId, alloc.id, job.id, `training run ${s.name}`))) {
      throw refuse(
        'allocationId',
        `Allocation ${alloc.id} was taken by another job or released while this run was starting: pick another one.`,
      );
    }
    // From now on this scenario version is what the run's accuracy means: it must not change under it.
    await markScenarioUsed(tx, s.projectId, s.scenarioId, runId);
    return { runId, jobId: job.id, queue, type: job.type };
  });
}

async function lockValidatedScenario(tx: Tx, projectId: string, scenarioId: string) {
  try {
    await assertScenarioValidated(tx, projectId, scenarioId);
  } catch (err) {
    // Missing or unvalidated: a refusal the form shows beside its scenario field.
    if (err instanceof DomainError && !err.field && err.permanent) throw refuse('scenarioId', err.message);
    throw err;
  }
}

/** What a run asks the pool for when it brings no allocation: a core for the built-in base, a GPU for a hosted one. */
export const defaultAllocation = (base: Base) =>
  base.needsGpu
    ? ({ resourceType: 'gpu', count: 1, memoryMb: 16 * 1024 } as const)
    : ({ resourceType: 'cpu', count: 1, memoryMb: 1024 } as const);

/** Requests the run's compute, bound to its (held) job: granted now, or queued and granted by Compute when it fits. */
export async function requestForRun(tx: Tx, s: Pick<StartTraining, 'projectId' | 'name' | 'createdBy'>, base: Base, jobId: string) {
  const want = defaultAllocation(base);
  const out = await requestAllocation(tx, {
    projectId: s.projectId,
    poolType: 'training',
    ...want,
    jobId,
    purpose: `training run ${s.name}`,
    requestedBy: s.createdBy,
  });
  if (out.outcome === 'refused')
    throw refuse('allocationId', `This run needs ${want.count} ${want.resourceType.toUpperCase()}: ${out.reason}`);
  return out.allocation;
}

async function checkAllocation(tx: Tx, projectId: string, allocationId: string) {
  const alloc = await getAllocation(tx, projectId, allocationId);
  if (!alloc) throw refuse('allocationId', `No allocation ${allocationId} in this project.`);
  if (alloc.status !== 'granted') {
    throw refuse(
      'allocationId',
      `Allocation ${alloc.id} is ${alloc.status}: training needs a granted allocation. Request one on the Compute page.`,
    );
  }
  if (alloc.jobId) throw refuse('allocationId', `Allocation ${alloc.id} is already held by job ${alloc.jobId}.`);
  if (alloc.clusterId && !(await allocationToken(tx, alloc.id))) {
    throw refuse(
      'allocationId',
      `Allocation ${alloc.id} only holds its resources on the cluster: its Slurm job runs no worker of ours. Request a training ` +
        `allocation on a cluster whose app URL and app directory are set in Settings › Clusters.`,
    );
  }
  return alloc;
}

/** A remote run ships its dataset inside the job input, so the dataset must fit in one (see MAX_REMOTE_EXAMPLES). */
async function checkShippable(db: Db, projectId: string, datasetId: string, base: Base) {
  const [size] = await db
    .select({ n: count(), chars: sql<string | null>`sum(length(${datasetExamples.prompt}) + length(${datasetExamples.response}))` })
    .from(datasetExamples)
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId)));
  const n = size?.n ?? 0;
  const chars = Number(size?.chars ?? 0);
  if (n > MAX_REMOTE_EXAMPLES || chars > MAX_REMOTE_TEXT_CHARS) {
    throw refuse(
      'datasetId',
      `Dataset ${datasetId} has ${n.toLocaleString('en')} examples (${chars.toLocaleString('en')} characters): ${base.id} trains on a worker ` +
        `that receives the dataset inside its job (it may run away from the database), so at most ${MAX_REMOTE_EXAMPLES.toLocaleString('en')} examples and ` +
        `${MAX_REMOTE_TEXT_CHARS.toLocaleString('en')} characters. Build a smaller version (fewer rows or a sample) on the Data page.`,
    );
  }
}

/** The cases are read under the scenario's row lock, so they are the ones of the version marked used. */
const casesFor = (tx: Tx, s: StartTraining) =>
  tx
    .select({ prompt: scenarioCases.prompt, expected: scenarioCases.expected })
    .from(scenarioCases)
    .where(and(eq(scenarioCases.projectId, s.projectId), eq(scenarioCases.scenarioId, s.scenarioId)))
    .orderBy(asc(scenarioCases.position))
    .limit(REMOTE_VALIDATION_CASES);

/** The built-in trainer's self-contained input: rows, cases, every hyper-parameter and the scenario's baseline. */
async function builtinInput(
  tx: Tx,
  s: StartTraining,
  runId: string,
  examples: { train: Example[]; validation: Example[] },
): Promise<TrainingRunInput> {
  const [scn] = await tx
    .select({ report: scenarios.validationReport })
    .from(scenarios)
    .where(and(eq(scenarios.projectId, s.projectId), eq(scenarios.id, s.scenarioId)));
  const rates = scn?.report?.stability.passRates ?? [];
  return {
    runId,
    hyperParams: withIntervals(s.hyperParams, examples.train.length),
    examples,
    cases: await casesFor(tx, s),
    baselineAccuracy: rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null,
    resumeFrom: null,
  };
}

async function remoteInput(
  tx: Tx,
  s: StartTraining,
  runId: string,
  examples: { train: Example[]; validation: Example[] },
): Promise<RemoteTrainingInput> {
  const cases = await casesFor(tx, s);
  return {
    runId,
    base: s.base,
    hyperParams: {
      epochs: s.hyperParams.epochs,
      batchSize: s.hyperParams.batchSize,
      learningRate: s.hyperParams.learningRate,
      seed: s.hyperParams.seed,
    },
    examples,
    cases,
  };
}

/** The lineage may only name an evaluation of this project. */
async function checkSentBackBy(db: Db, projectId: string, runId: string) {
  const [run] = await db
    .select({ id: evaluationRuns.id })
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.projectId, projectId), eq(evaluationRuns.id, runId)));
  if (!run) throw new DomainError('bad_request', `No evaluation ${runId} in this project to record as the one that sent the model back.`);
}

async function checkDataset(db: Db, projectId: string, datasetId: string) {
  const [ds] = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.projectId, projectId), eq(datasets.id, datasetId)));
  if (!ds) throw refuse('datasetId', `No dataset ${datasetId} in this project.`);
  if (ds.status !== 'ready') throw refuse('datasetId', `Dataset ${datasetId} is ${ds.status}: wait until it is built.`);
  // A ready version carries its split counts (written when it was built).
  if (!ds.trainCount) throw refuse('datasetId', `Dataset ${datasetId} has no training examples.`);
}
