// Watching running steps through the factories' own records (job status, allocation status, the scenario's validation,
// the training run's model, the evaluation's verdict, the deployment's status) and recording what they say. A step
// made of two operations moves on to the second when the first is done (data: clean → build; a sent-back training:
// dataset → train). Every transition is a conditional update on the phase it leaves, so two pages polling the same
// run start the next operation once. It runs on every read of a run: the state is all in the database, and a run
// left alone for a day is brought up to date by the next look at it.
import 'server-only';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  datasets,
  evaluationRuns,
  jobs,
  pipelineRuns,
  pipelineSteps,
  scenarios,
  trainingRuns,
  type PipelineOutputs,
  type PipelineRun,
  type PipelineStepRow,
} from '@/db/schema';
import { getAllocation } from '@/server/compute/allocations';
import { DomainError } from '@/server/domain-error';
import { deployer } from './deploy-port';
import { artefacts, currentSteps, loadRun } from './read';
import { beginTraining, buildDataset, type Started, type TrainingInputs } from './starters';

const MOVING = ':moving';
/**
 * Starting a step's next operation is a few quick writes; a claim older than this was left by a process that died in
 * between (a deploy, a crash), and the next reader takes the step back to the phase it was leaving and moves it on.
 */
export const STALE_MOVE_MS = 60_000;

type Seen =
  null | { status: 'succeeded'; outputs?: PipelineOutputs } | { status: 'failed'; error: string } | { next: () => Promise<Started> };

async function jobOf(db: Db, jobId: string | null) {
  if (!jobId) return null;
  const [job] = await db.select({ status: jobs.status, error: jobs.error }).from(jobs).where(eq(jobs.id, jobId));
  return job ?? null;
}

/** The job's end, as a step sees it: null while it runs, a failure with its reason, or `done`. */
async function jobEnd(db: Db, jobId: string | null, what: string): Promise<null | 'done' | { status: 'failed'; error: string }> {
  const job = await jobOf(db, jobId);
  if (!job) return { status: 'failed', error: `The ${what} job ${jobId ?? ''} is gone.` };
  if (job.status === 'queued' || job.status === 'running') return null;
  if (job.status === 'succeeded') return 'done';
  return { status: 'failed', error: `The ${what} ${job.status}${job.error ? `: ${job.error}` : '.'}` };
}

async function see(db: Db, run: PipelineRun, row: PipelineStepRow, all: PipelineStepRow[]): Promise<Seen> {
  const ctx = { projectId: run.projectId, runId: run.id, by: run.createdBy };
  switch (row.step) {
    case 'compute': {
      const a = row.outputs.allocationId ? await getAllocation(db, run.projectId, row.outputs.allocationId) : null;
      if (!a) return { status: 'failed', error: 'The allocation is gone.' };
      if (a.status === 'granted') return { status: 'succeeded' };
      if (a.status === 'queued') return null;
      return {
        status: 'failed',
        error: `Allocation ${a.id} was ${a.status}${a.endReason ? ` (${a.endReason})` : ''} before it was granted.`,
      };
    }
    case 'data': {
      const end = await jobEnd(db, row.jobId, row.phase === 'clean' ? 'cleaning run' : 'dataset build');
      if (end !== 'done') return end;
      if (row.phase === 'clean') return { next: () => buildDataset(db, ctx, row.inputs) };
      const [ds] = await db
        .select({ status: datasets.status })
        .from(datasets)
        .where(eq(datasets.id, row.outputs.datasetId ?? ''));
      return ds?.status === 'ready'
        ? { status: 'succeeded' }
        : { status: 'failed', error: `Dataset ${row.outputs.datasetId} was not built.` };
    }
    case 'environment': {
      const end = await jobEnd(db, row.jobId, 'validation');
      if (end !== 'done') return end;
      const [s] = await db
        .select({ status: scenarios.validationStatus })
        .from(scenarios)
        .where(and(eq(scenarios.projectId, run.projectId), eq(scenarios.id, row.outputs.scenarioId ?? '')));
      return s?.status === 'passed'
        ? { status: 'succeeded' }
        : { status: 'failed', error: `Scenario ${row.outputs.scenarioId} did not pass validation: open its report to see why.` };
    }
    case 'training': {
      const end = await jobEnd(db, row.jobId, row.phase === 'dataset' ? 'dataset build' : 'training run');
      if (end !== 'done') return end;
      if (row.phase === 'dataset')
        return { next: () => beginTraining(db, { ...ctx, inputs: row.inputs as TrainingInputs, art: artefacts(all) }) };
      const [t] = await db
        .select({ modelId: trainingRuns.modelId })
        .from(trainingRuns)
        .where(eq(trainingRuns.id, row.outputs.trainingRunId ?? ''));
      return t?.modelId
        ? { status: 'succeeded', outputs: { modelId: t.modelId } }
        : { status: 'failed', error: 'The training run registered no model.' };
    }
    case 'evaluation': {
      const end = await jobEnd(db, row.jobId, 'evaluation');
      if (end !== 'done') return end;
      const [e] = await db
        .select({ verdict: evaluationRuns.verdict })
        .from(evaluationRuns)
        .where(eq(evaluationRuns.id, row.outputs.evaluationRunId ?? ''));
      return e?.verdict
        ? { status: 'succeeded', outputs: { verdict: e.verdict } }
        : { status: 'failed', error: 'The evaluation gave no verdict.' };
    }
    case 'runtime': {
      const d = deployer();
      if (!d) return null;
      const dep = await d.get(db, run.projectId, row.outputs.deploymentId ?? '');
      if (!dep) return { status: 'failed', error: `Deployment ${row.outputs.deploymentId} is gone.` };
      if (dep.status === 'live') return { status: 'succeeded', outputs: { endpoint: dep.endpoint } };
      if (dep.status === 'starting') return null;
      return { status: 'failed', error: `Deployment ${dep.id} is ${dep.status}.` };
    }
  }
}

/** The message a failed chained start leaves on its step: a refusal in its own words, anything else as a bug. */
function reasonOf(err: unknown): string {
  if (err instanceof DomainError) return err.message;
  console.error('[pipeline] a step could not move on', err);
  return 'The next operation of this step could not start (the server log has the details).';
}

async function apply(db: Db, run: PipelineRun, row: PipelineStepRow, seen: NonNullable<Seen>): Promise<void> {
  const same = and(
    eq(pipelineSteps.id, row.id),
    eq(pipelineSteps.status, 'running'),
    row.phase === null ? isNull(pipelineSteps.phase) : eq(pipelineSteps.phase, row.phase),
  );
  if ('next' in seen) {
    // Claim the move first, so only one poller starts the next operation.
    const [claimed] = await db
      .update(pipelineSteps)
      .set({ phase: `${row.phase}${MOVING}` })
      .where(same)
      .returning();
    if (!claimed) return;
    try {
      const s = await seen.next();
      await db
        .update(pipelineSteps)
        .set({
          status: s.status,
          phase: s.phase,
          jobId: s.jobId,
          outputs: { ...row.outputs, ...s.outputs },
          finishedAt: s.status === 'succeeded' ? new Date() : null,
        })
        .where(eq(pipelineSteps.id, row.id));
    } catch (err) {
      await db
        .update(pipelineSteps)
        .set({ status: 'failed', error: reasonOf(err), finishedAt: new Date() })
        .where(eq(pipelineSteps.id, row.id));
    }
    return;
  }
  const done = await db
    .update(pipelineSteps)
    .set(
      seen.status === 'succeeded'
        ? { status: 'succeeded', outputs: { ...row.outputs, ...seen.outputs }, finishedAt: new Date() }
        : { status: 'failed', error: seen.error, finishedAt: new Date() },
    )
    .where(same)
    .returning();
  if (!done.length) return;
  // The run's own status follows its last steps: deployed, or failed when a FAIL has no loop left.
  if (row.step === 'runtime' && seen.status === 'succeeded')
    await db.update(pipelineRuns).set({ status: 'deployed' }).where(eq(pipelineRuns.id, run.id));
  if (row.step === 'evaluation' && seen.status === 'succeeded' && seen.outputs?.verdict === 'fail' && row.iteration >= run.maxIterations)
    await db.update(pipelineRuns).set({ status: 'failed' }).where(eq(pipelineRuns.id, run.id));
}

/** Brings every running step of the run up to date with its factory's records. */
export async function syncRun(db: Db, projectId: string, runId: string): Promise<void> {
  const { run, steps } = await loadRun(db, projectId, runId);
  const cur = currentSteps(steps);
  for (const row of Object.values(cur)) {
    if (row?.status !== 'running') continue;
    let current = row;
    if (row.phase?.endsWith(MOVING)) {
      // A row whose next operation another request is starting right now is left to that request, unless it died.
      const taken = await takeBackStaleMove(db, row);
      if (!taken) continue;
      current = taken;
    }
    const seen = await see(db, run, current, steps);
    if (seen) await apply(db, run, current, seen);
  }
}

/** A claim to move on that nobody finished within STALE_MOVE_MS, given back to its phase; null while it is fresh. */
async function takeBackStaleMove(db: Db, row: PipelineStepRow): Promise<PipelineStepRow | null> {
  const [taken] = await db
    .update(pipelineSteps)
    .set({ phase: row.phase!.slice(0, -MOVING.length) })
    .where(
      and(
        eq(pipelineSteps.id, row.id),
        eq(pipelineSteps.phase, row.phase!),
        lt(pipelineSteps.updatedAt, new Date(Date.now() - STALE_MOVE_MS)),
      ),
    )
    .returning();
  return taken ?? null;
}
