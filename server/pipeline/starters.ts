// How each step starts: through its factory's own operation (an allocation request, a cleaning run and a dataset build,
// a validation, a training run, an evaluation, a deployment), with defaults that do the demo path. A starter returns
// what the step row becomes; the factory's own records then say when it is done (observe.ts).
import 'server-only';
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasets, events, scenarios, tasksets, type PipelineOutputs, type PipelineStepRow } from '@/db/schema';
import { getAllocation, releaseAllocation, requestAllocation } from '@/server/compute/allocations';
import { startCleanRun } from '@/server/data/cleaning/runs';
import { statusIs } from '@/server/data/cleaning/verdicts';
import { listAgents } from '@/server/data/events/list';
import { DEMO_MATH_AGENT } from '@/server/data/seed';
import { startDatasetBuild } from '@/server/data/datasets/start';
import { generateCases } from '@/server/environment/cases';
import { createScenario } from '@/server/environment/scenarios';
import { DEMO_MATH_RECIPE } from '@/server/environment/seed';
import { startValidation } from '@/server/environment/validation';
import { evalSettingsSchema, startEvaluation } from '@/server/evaluation/runs';
import { tasksetFromScenario } from '@/server/evaluation/taskset-build';
import { BUILTIN_BASE } from '@/server/training/bases';
import { hyperParamsInput } from '@/server/training/hyperparams';
import { startTraining } from '@/server/training/start';
import { DomainError } from '@/server/domain-error';
import { deployer, RUNTIME_UNAVAILABLE } from './deploy-port';
import type { StepInputs } from './inputs';

export type StepContext = {
  projectId: string;
  runId: string;
  row: PipelineStepRow;
  inputs: StepInputs;
  /** What the earlier steps produced. */
  art: PipelineOutputs;
  by: string | null;
};

/** What the step row becomes once started: done at once, or running a phase that waits on a job. */
export type Started = {
  status: 'running' | 'succeeded';
  phase: string | null;
  jobId: string | null;
  outputs: PipelineOutputs;
};

const need = (value: string | undefined, what: string): string => {
  if (!value) throw new DomainError('precondition_failed', `This step needs ${what} from an earlier step: finish that step first.`);
  return value;
};

async function startCompute(db: Db, c: StepContext): Promise<Started> {
  // Reopening Compute hands back the allocation it held, when no job took it in the meantime.
  const previous = c.row.outputs.allocationId;
  if (previous) {
    const a = await getAllocation(db, c.projectId, previous);
    if (a && !a.jobId && (a.status === 'granted' || a.status === 'queued'))
      await releaseAllocation(db, c.projectId, previous, `pipeline run ${c.runId} asked for a new one`);
  }
  const out = await requestAllocation(db, {
    projectId: c.projectId,
    poolType: 'training',
    resourceType: c.inputs.resourceType ?? 'cpu',
    count: c.inputs.count ?? 1,
    memoryMb: c.inputs.memoryMb ?? 1024,
    purpose: `pipeline run ${c.runId}`,
    requestedBy: c.by,
  });
  if (out.outcome === 'refused') throw new DomainError('precondition_failed', `No allocation: ${out.reason}`);
  const outputs = { allocationId: out.allocation.id };
  return out.outcome === 'granted'
    ? { status: 'succeeded', phase: null, jobId: null, outputs }
    : { status: 'running', phase: 'queued', jobId: null, outputs };
}

/** The agent whose interactions the dataset is built from: the one asked for, the demo's math agent, else the first. */
async function pickAgent(db: Db, projectId: string, asked?: string): Promise<string> {
  if (asked) return asked;
  const agents = (await listAgents(db, projectId)).map((a) => a.agentId);
  if (agents.includes(DEMO_MATH_AGENT)) return DEMO_MATH_AGENT;
  if (!agents[0]) throw new DomainError('precondition_failed', 'This project has no interactions yet: upload or send some first.');
  return agents[0];
}

const datasetNameFor = (agentId: string) =>
  agentId
    .toLowerCase()
    .replace(/-agent$/, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40) || 'pipeline';

/** Builds the dataset version the data step produces (the second half of the step when cleaning ran first). */
export async function buildDataset(db: Db, c: Pick<StepContext, 'projectId' | 'runId' | 'by'>, inputs: StepInputs): Promise<Started> {
  const agentId = await pickAgent(db, c.projectId, inputs.agentId);
  const built = await startDatasetBuild(db, {
    projectId: c.projectId,
    name: inputs.datasetName ?? datasetNameFor(agentId),
    description: `Interactions of ${agentId}, built by pipeline run ${c.runId}.`,
    filter: { agentId },
    seed: 42,
    validationFraction: 0.1,
    createdBy: c.by,
  });
  return { status: 'running', phase: 'build', jobId: built.job.id, outputs: { datasetId: built.dataset.id } };
}

async function startData(db: Db, c: StepContext): Promise<Started> {
  const agentId = await pickAgent(db, c.projectId, c.inputs.agentId);
  const [raw] = await db
    .select({ n: count() })
    .from(events)
    .where(and(eq(events.projectId, c.projectId), eq(events.agentId, agentId), statusIs('raw')));
  if (c.inputs.clean !== false && (raw?.n ?? 0) > 0) {
    const run = await startCleanRun(db, { projectId: c.projectId, scope: 'raw', createdBy: c.by });
    return { status: 'running', phase: 'clean', jobId: run.jobId, outputs: { cleanRunId: run.id } };
  }
  return buildDataset(db, c, { ...c.inputs, agentId });
}

/** The scenario asked for, else the latest validated one (the demo's math scenario), else a new math scenario. */
async function pickScenario(db: Db, c: StepContext): Promise<string> {
  if (c.inputs.scenarioId) return c.inputs.scenarioId;
  const [validated] = await db
    .select({ id: scenarios.id })
    .from(scenarios)
    .where(and(eq(scenarios.projectId, c.projectId), eq(scenarios.validationStatus, 'passed')))
    .orderBy(desc(scenarios.createdAt))
    .limit(1);
  if (validated) return validated.id;
  const [any] = await db
    .select({ id: scenarios.id })
    .from(scenarios)
    .where(eq(scenarios.projectId, c.projectId))
    .orderBy(desc(scenarios.createdAt))
    .limit(1);
  if (any) return any.id;
  const created = await createScenario(db, {
    projectId: c.projectId,
    name: 'math',
    type: 'math_calculator',
    description: 'Arithmetic questions answered with the calculator tool (made by the wizard).',
    createdBy: c.by,
  });
  const generated = await generateCases(db, { projectId: c.projectId, scenarioId: created.id, by: c.by }, DEMO_MATH_RECIPE);
  return generated.scenarioId;
}

async function startEnvironment(db: Db, c: StepContext): Promise<Started> {
  const scenarioId = await pickScenario(db, c);
  const job = await startValidation(db, { projectId: c.projectId, scenarioId, runs: 3, seed: 1, createdBy: c.by });
  return { status: 'running', phase: 'validate', jobId: job.id, outputs: { scenarioId, validationJobId: job.id } };
}

/** A later iteration's training row carries the sent-back dataset and the evaluation that sent it. */
export type TrainingInputs = StepInputs & { datasetId?: string; sentBackBy?: string };

/** Starts the training run; waits first (phase `dataset`) while the dataset it trains on is still being built. */
export async function beginTraining(db: Db, c: Omit<StepContext, 'row' | 'inputs'> & { inputs: TrainingInputs }): Promise<Started> {
  const datasetId = need(c.inputs.datasetId ?? c.art.datasetId, 'a dataset version');
  const scenarioId = need(c.art.scenarioId, 'a validated scenario');
  const [ds] = await db
    .select({ status: datasets.status, jobId: datasets.jobId })
    .from(datasets)
    .where(and(eq(datasets.projectId, c.projectId), eq(datasets.id, datasetId)));
  if (!ds) throw new DomainError('not_found', `No dataset ${datasetId} in this project.`);
  if (ds.status === 'building') return { status: 'running', phase: 'dataset', jobId: ds.jobId, outputs: { datasetId } };
  // The step's allocation when it is still free; otherwise the run asks for its own and waits until it is granted.
  const alloc = c.art.allocationId ? await getAllocation(db, c.projectId, c.art.allocationId) : null;
  const allocationId = alloc && alloc.status === 'granted' && !alloc.jobId ? alloc.id : null;
  const i = c.inputs;
  const started = await startTraining(db, {
    projectId: c.projectId,
    name: i.name ?? 'math-agent',
    datasetId,
    scenarioId,
    allocationId,
    base: i.base ?? BUILTIN_BASE,
    hyperParams: hyperParamsInput.parse({
      epochs: i.epochs,
      batchSize: i.batchSize,
      learningRate: i.learningRate,
      modelSize: i.modelSize,
      maxSeconds: i.maxSeconds,
      seed: i.seed,
    }),
    createdBy: c.by,
    sentBackBy: c.inputs.sentBackBy,
  });
  return {
    status: 'running',
    phase: 'train',
    jobId: started.jobId,
    outputs: { datasetId, trainingRunId: started.runId, ...(c.inputs.sentBackBy ? { sentBackBy: c.inputs.sentBackBy } : {}) },
  };
}

/** The taskset asked for, else the latest version built from the run's scenario (or named like it), else a new one. */
async function pickTaskset(db: Db, c: StepContext, scenarioId: string): Promise<string> {
  if (c.inputs.tasksetId) return c.inputs.tasksetId;
  const [fromScenario] = await db
    .select({ id: tasksets.id })
    .from(tasksets)
    .where(and(eq(tasksets.projectId, c.projectId), eq(tasksets.scenarioId, scenarioId)))
    .orderBy(desc(tasksets.version), desc(tasksets.createdAt))
    .limit(1);
  if (fromScenario) return fromScenario.id;
  const [scenario] = await db
    .select({ name: scenarios.name })
    .from(scenarios)
    .where(and(eq(scenarios.projectId, c.projectId), eq(scenarios.id, scenarioId)));
  const name = scenario?.name ?? 'pipeline';
  const [named] = await db
    .select({ id: tasksets.id })
    .from(tasksets)
    .where(and(eq(tasksets.projectId, c.projectId), eq(tasksets.name, name)))
    .orderBy(desc(tasksets.version))
    .limit(1);
  if (named) return named.id;
  const made = await tasksetFromScenario(db, { projectId: c.projectId, name, scenarioId, createdBy: c.by });
  return made.id;
}

async function startEvaluationStep(db: Db, c: StepContext): Promise<Started> {
  const modelId = need(c.art.modelId, 'a trained model');
  const tasksetId = await pickTaskset(db, c, need(c.art.scenarioId, 'a scenario'));
  const settings = evalSettingsSchema.parse({ adversarialCount: c.inputs.adversarialCount, seed: c.inputs.seed });
  const started = await startEvaluation(db, {
    ...settings,
    projectId: c.projectId,
    tasksetId,
    subject: `model:${modelId}`,
    createdBy: c.by,
  });
  return { status: 'running', phase: 'evaluate', jobId: started.jobId, outputs: { evaluationRunId: started.runId } };
}

async function startRuntime(db: Db, c: StepContext): Promise<Started> {
  const modelId = need(c.art.modelId, 'a trained model');
  if (c.art.verdict !== 'pass')
    throw new DomainError('precondition_failed', `Only a model that PASSed its evaluation is deployed; ${modelId} has not.`);
  const d = deployer();
  if (!d) throw new DomainError('unavailable', RUNTIME_UNAVAILABLE);
  const out = await d.deploy(db, { projectId: c.projectId, modelId, name: c.inputs.name, actorId: c.by });
  return {
    status: 'running',
    phase: 'deploy',
    jobId: null,
    outputs: { deploymentId: out.deploymentId, deploymentVersion: out.version, endpoint: out.endpoint },
  };
}

export const STARTERS = {
  compute: startCompute,
  data: startData,
  environment: startEnvironment,
  training: (db: Db, c: StepContext) => beginTraining(db, { ...c, inputs: { ...c.row.inputs, ...c.inputs } as TrainingInputs }),
  evaluation: startEvaluationStep,
  runtime: startRuntime,
} satisfies Record<PipelineStepRow['step'], (db: Db, c: StepContext) => Promise<Started>>;
