// Pipeline runs: create one (six pending steps), start or reopen a step, go back to training after a FAIL (the next
// iteration), and read a run brought up to date with its factories.
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { PIPELINE_STEPS, pipelineRuns, pipelineSteps, type PipelineRun, type PipelineStep, type PipelineStepRow } from '@/db/schema';
import { sendBackToTraining } from '@/server/evaluation/back-to-training';
import { DomainError } from '@/server/domain-error';
import type { StepInputs } from './inputs';
import { syncRun } from './observe';
import { artefacts, currentSteps, listPipelineRuns, loadRun, stepIndex } from './read';
import { STARTERS } from './starters';
import { deployer } from './deploy-port';

const LOOP_STEPS: PipelineStep[] = ['training', 'evaluation', 'runtime'];

export async function createPipelineRun(
  db: Db,
  o: { projectId: string; name?: string; createdBy: string | null; maxIterations?: number },
): Promise<PipelineRun> {
  return db.transaction(async (tx) => {
    const id = newId('run');
    const [run] = await tx
      .insert(pipelineRuns)
      .values({
        id,
        projectId: o.projectId,
        name: o.name?.trim() || 'Zero to agent',
        maxIterations: o.maxIterations ?? 3,
        createdBy: o.createdBy,
      })
      .returning();
    await tx
      .insert(pipelineSteps)
      .values(PIPELINE_STEPS.map((step) => ({ id: newId('pstep'), projectId: o.projectId, runId: id, iteration: 1, step })));
    return run!;
  });
}

/**
 * Starts (or reopens) one step with the given choices. The steps before it must be done; starting it again resets the
 * steps after it in the same iteration, since what they consumed is being replaced.
 */
export async function startStep(
  db: Db,
  o: { projectId: string; runId: string; step: PipelineStep; inputs: StepInputs; by: string | null },
): Promise<PipelineStepRow> {
  await syncRun(db, o.projectId, o.runId);
  const { run, steps } = await loadRun(db, o.projectId, o.runId);
  const cur = currentSteps(steps);
  const row = cur[o.step]!;
  const at = stepIndex(o.step);
  const before = PIPELINE_STEPS.slice(0, at).find((s) => cur[s]?.status !== 'succeeded');
  if (before) throw new DomainError('precondition_failed', `Finish the ${before} step first.`);
  if (row.status === 'running') throw new DomainError('conflict', `The ${o.step} step is already running.`);
  const later = PIPELINE_STEPS.slice(at + 1)
    .map((s) => cur[s])
    .filter((s): s is PipelineStepRow => !!s);
  const busy = later.find((s) => s.status === 'running');
  if (busy) throw new DomainError('conflict', `The ${busy.step} step is still running: wait for it before reopening ${o.step}.`);

  const art = artefacts(steps.filter((s) => stepIndex(s.step) < at));
  const started = await STARTERS[o.step](db, { projectId: o.projectId, runId: o.runId, row, inputs: o.inputs, art, by: o.by });
  const now = new Date();
  const [updated] = await db
    .update(pipelineSteps)
    .set({
      status: started.status,
      phase: started.phase,
      jobId: started.jobId,
      inputs: { ...row.inputs, ...o.inputs },
      outputs: started.outputs,
      error: null,
      startedAt: now,
      finishedAt: started.status === 'succeeded' ? now : null,
    })
    .where(eq(pipelineSteps.id, row.id))
    .returning();
  const stale = later.filter((s) => s.status !== 'pending').map((s) => s.id);
  if (stale.length)
    await db
      .update(pipelineSteps)
      .set({ status: 'pending', phase: null, jobId: null, outputs: {}, error: null, startedAt: null, finishedAt: null })
      .where(inArray(pipelineSteps.id, stale));
  if (run.status !== 'open') await db.update(pipelineRuns).set({ status: 'open' }).where(eq(pipelineRuns.id, run.id));
  return updated!;
}

/**
 * The decision after a FAIL: the evaluation's failed cases go back to training (the Evaluation factory's back-to-training
 * builds a new dataset version with them), and the run opens its next iteration: a training step pre-filled with that
 * version, the same base and hyper-parameters, then evaluation and runtime again.
 */
export async function backToTraining(db: Db, o: { projectId: string; runId: string; by: string | null }) {
  await syncRun(db, o.projectId, o.runId);
  const { run, steps } = await loadRun(db, o.projectId, o.runId);
  const evaluation = currentSteps(steps).evaluation;
  if (evaluation?.iteration !== run.iteration || evaluation.status !== 'succeeded' || evaluation.outputs.verdict !== 'fail')
    throw new DomainError('precondition_failed', 'Only an evaluation that finished with FAIL sends the run back to training.');
  if (run.iteration >= run.maxIterations)
    throw new DomainError('precondition_failed', `This run has used its ${run.maxIterations} iterations: start a new run.`);
  const training = currentSteps(steps).training!;
  const sent = await sendBackToTraining(db, o.projectId, evaluation.outputs.evaluationRunId!, o.by);
  const next = run.iteration + 1;
  await db.transaction(async (tx) => {
    const [moved] = await tx
      .update(pipelineRuns)
      .set({ iteration: next, status: 'open' })
      .where(and(eq(pipelineRuns.id, run.id), eq(pipelineRuns.iteration, run.iteration)))
      .returning();
    if (!moved) throw new DomainError('conflict', 'This run was just sent back to training by someone else.');
    await tx.insert(pipelineSteps).values(
      LOOP_STEPS.map((step) => ({
        id: newId('pstep'),
        projectId: o.projectId,
        runId: run.id,
        iteration: next,
        step,
        inputs:
          step === 'training'
            ? { ...training.inputs, datasetId: sent.datasetId, sentBackBy: sent.runId }
            : step === 'evaluation'
              ? evaluation.inputs
              : {},
      })),
    );
  });
  return { iteration: next, datasetId: sent.datasetId, examples: sent.examples, evaluationRunId: sent.runId };
}

/** A run as the pages and the client read it: brought up to date, its current steps, artefacts and every row. */
export async function getPipelineRun(db: Db, projectId: string, runId: string) {
  await syncRun(db, projectId, runId);
  const { run, steps } = await loadRun(db, projectId, runId);
  const cur = currentSteps(steps);
  const art = artefacts(steps);
  const evaluation = cur.evaluation;
  const failedHere = evaluation?.status === 'succeeded' && evaluation.outputs.verdict === 'fail';
  return {
    run,
    steps: PIPELINE_STEPS.map((s) => cur[s]!),
    history: steps,
    artefacts: art,
    runtimeAvailable: deployer() !== null,
    /** What the run waits for after its evaluation. */
    decision: !evaluation || evaluation.status !== 'succeeded' ? null : failedHere ? ('back_to_training' as const) : ('deploy' as const),
    canLoop: failedHere && run.iteration < run.maxIterations,
  };
}
export type PipelineRunView = Awaited<ReturnType<typeof getPipelineRun>>;

/** A page of runs, each with its steps' status and duration; runs with a step under way are brought up to date first. */
export async function listRuns(db: Db, projectId: string, page: { page: number; pageSize: number }) {
  const first = await listPipelineRuns(db, projectId, page);
  const moving = first.rows.filter((r) => r.steps.some((s) => s.status === 'running'));
  if (!moving.length) return first;
  for (const r of moving) await syncRun(db, projectId, r.id);
  return listPipelineRuns(db, projectId, page);
}
