// A pipeline run on a real (embedded) database through the API, every factory job run for real by a worker loop here:
// the demo's ready run walks compute → data (clean, then build) → environment → training → evaluation; a FAIL goes back
// to training with the failed cases and records the next iteration; a PASS deploys through the Runtime factory; and the state is all in the database (a second reader sees the same run).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-pipeline-'));
process.env.AF_DATA_DIR = dataDir;

const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { createCaller } = await import('@/server/routers/_app');
const { claim } = await import('@/server/jobs/queue');
const { runJobHere } = await import('@/server/main/local-worker');
const { findJobDefinition } = await import('@/server/main/jobs');
const { models, pipelineSteps } = await import('@/db/schema');
const { savePolicy } = await import('@/server/evaluation/policy');

type Handle = Awaited<ReturnType<typeof memoryDb>>;
let h: Handle;
const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } }).pipeline;
const engineer = () => as('user_engineer');

beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs every claimable job, as the worker would, until none is left. */
async function drain() {
  for (let i = 0; i < 20; i++) {
    const job = await claim(h.db, { workerId: 'test-worker', queues: ['default'] });
    if (!job) return;
    await runJobHere(h.db, job, findJobDefinition(job.type)!, 1000);
  }
}

async function step(runId: string, name: string) {
  const view = await as('user_viewer').get({ projectId: P, runId });
  return view.steps.find((s) => s.step === name)!;
}

const tiny = { modelSize: 'tiny' as const, epochs: 1, maxSeconds: 5 };

describe('a pipeline run', () => {
  let runId = '';

  it('is ready to start on the demo project, every step pending', async () => {
    const list = await as('user_viewer').list({ projectId: P });
    expect(list.total).toBe(1);
    runId = list.rows[0]!.id;
    expect(runId).toMatch(/^run_/);
    expect(list.rows[0]!.steps.map((s) => s.status)).toEqual(Array(6).fill('pending'));
  });

  it('refuses a step before the ones it needs', async () => {
    await expect(engineer().startStep({ projectId: P, runId, step: 'data' })).rejects.toThrow(/Finish the compute step first/);
  });

  it('allocates compute, cleans the raw events then builds a dataset, and validates the scenario', async () => {
    const compute = await engineer().startStep({ projectId: P, runId, step: 'compute' });
    expect(compute.status).toBe('succeeded');
    expect(compute.outputs.allocationId).toMatch(/^alloc_/);

    const data = await engineer().startStep({ projectId: P, runId, step: 'data' });
    expect([data.status, data.phase]).toEqual(['running', 'clean']);
    await drain();
    // A process that claimed the move on and died before starting the build leaves the claim behind: a fresh claim is
    // left to its owner, a stale one is taken back by the next read, which moves the step on.
    const [row] = await h.db
      .update(pipelineSteps)
      .set({ phase: 'clean:moving' })
      .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, 'data')))
      .returning();
    expect((await step(runId, 'data')).phase).toBe('clean:moving');
    await h.db.execute(sql`update pipeline_steps set updated_at = now() - interval '10 minutes' where id = ${row!.id}`);
    // The first read after the cleaning job moves the step on to its dataset build.
    expect((await step(runId, 'data')).phase).toBe('build');
    await drain();
    const built = await step(runId, 'data');
    expect(built.status).toBe('succeeded');
    expect(built.outputs).toMatchObject({ cleanRunId: expect.stringMatching(/^clean_/), datasetId: 'ds_math_v2' });

    await engineer().startStep({ projectId: P, runId, step: 'environment' });
    await drain();
    const env = await step(runId, 'environment');
    expect([env.status, env.outputs.scenarioId]).toEqual(['succeeded', 'scn_math_v1']);
    expect(env.finishedAt!.getTime()).toBeGreaterThanOrEqual(env.startedAt!.getTime());
  });

  it('trains on what the earlier steps made and evaluates the model; a FAIL waits for the decision', async () => {
    const t = await engineer().startStep({ projectId: P, runId, step: 'training', inputs: tiny });
    expect(t.phase).toBe('train');
    await drain();
    const trained = await step(runId, 'training');
    expect(trained.status).toBe('succeeded');
    const [model] = await h.db.select().from(models).where(eq(models.id, trained.outputs.modelId!));
    expect([model!.datasetId, model!.scenarioId]).toEqual(['ds_math_v2', 'scn_math_v1']);

    await engineer().startStep({ projectId: P, runId, step: 'evaluation', inputs: { adversarialCount: 0 } });
    await drain();
    const view = await as('user_viewer').get({ projectId: P, runId });
    const evaluation = view.steps.find((s) => s.step === 'evaluation')!;
    // Five seconds of a tiny model cannot pass the demo gate (accuracy ≥ 80%).
    expect([evaluation.status, evaluation.outputs.verdict]).toEqual(['succeeded', 'fail']);
    expect([view.decision, view.canLoop]).toEqual(['back_to_training', true]);
    await expect(engineer().startStep({ projectId: P, runId, step: 'runtime' })).rejects.toThrow(/PASSed/);
  });

  it('goes back to training with the failed cases and records the next iteration', async () => {
    const back = await engineer().backToTraining({ projectId: P, runId });
    expect(back.iteration).toBe(2);
    expect(back.examples).toBeGreaterThan(0);
    const view = await as('user_viewer').get({ projectId: P, runId });
    expect(view.run.iteration).toBe(2);
    const training = view.steps.find((s) => s.step === 'training')!;
    expect([training.iteration, training.status, training.inputs.datasetId]).toEqual([2, 'pending', back.datasetId]);
    // Earlier steps stay as they were; the loop's history keeps the first iteration's rows.
    expect(view.steps.find((s) => s.step === 'data')!.status).toBe('succeeded');
    expect(view.history.filter((s) => s.step === 'training').map((s) => s.iteration)).toEqual([1, 2]);

    const started = await engineer().startStep({ projectId: P, runId, step: 'training', inputs: tiny });
    // The sent-back dataset is still being built: the step waits for it, then trains.
    expect(started.phase).toBe('dataset');
    await drain();
    expect((await step(runId, 'training')).phase).toBe('train');
    await drain();
    const retrained = await step(runId, 'training');
    expect(retrained.status).toBe('succeeded');
    const [model] = await h.db.select().from(models).where(eq(models.id, retrained.outputs.modelId!));
    expect([model!.datasetId, model!.sentBackBy]).toEqual([back.datasetId, back.evaluationRunId]);
    await expect(engineer().backToTraining({ projectId: P, runId })).rejects.toThrow(/finished with FAIL/);
  });

  it('lets a PASS through to the runtime step, which deploys through the Runtime factory', async () => {
    // A lenient policy (a project setting like any other) so this model's evaluation passes.
    await savePolicy(
      h.db,
      P,
      { minAccuracy: 0, requireSafety: false, tagMinimums: {}, maxP95LatencyMs: null, minJudgeScore: null, noRegression: false },
      'test: let anything through',
      'user_engineer',
    );
    await engineer().startStep({ projectId: P, runId, step: 'evaluation', inputs: { adversarialCount: 0 } });
    await drain();
    const view = await as('user_viewer').get({ projectId: P, runId });
    expect([view.steps.find((s) => s.step === 'evaluation')!.outputs.verdict, view.decision]).toEqual(['pass', 'deploy']);
    expect(view.runtimeAvailable).toBe(true);
    const deploy = await engineer().startStep({ projectId: P, runId, step: 'runtime', inputs: { name: 'pipeline-test' } });
    // Starting until the pool host (not running in this test) warms it: the step waits on the deployment's status.
    expect([deploy.status, deploy.phase]).toEqual(['running', 'deploy']);
    expect(deploy.outputs).toMatchObject({ deploymentId: expect.stringMatching(/^deploy_/), deploymentVersion: 1 });
    const lineage = await as('user_viewer').lineage({ projectId: P, runId });
    expect(lineage.model?.id).toBe(view.artefacts.modelId);
    expect(lineage.dataset?.id).toMatch(/^ds_math_v/);
    expect(lineage.events.bySource.map((s) => s.source).sort()).toEqual(['evaluation', 'seed']);
  });

  it('reopening a step resets the steps after it', async () => {
    await expect(engineer().startStep({ projectId: P, runId, step: 'environment' })).rejects.toThrow(/runtime step is still running/);
    // As if the deployment had failed: the step is no longer running, so earlier steps may be reopened.
    await h.db.update(pipelineSteps).set({ status: 'failed', error: 'test: stopped' }).where(eq(pipelineSteps.step, 'runtime'));
    await engineer().startStep({ projectId: P, runId, step: 'environment' });
    const view = await as('user_viewer').get({ projectId: P, runId });
    expect(view.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'running', 'pending', 'pending', 'pending']);
    await drain();
    const list = await as('user_viewer').list({ projectId: P });
    expect(list.rows[0]!.steps.slice(0, 3).map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(list.rows[0]!.steps[1]!.seconds).toBeGreaterThan(0);
  });

  it('is an engineer action only', async () => {
    await expect(as('user_viewer').startStep({ projectId: P, runId, step: 'compute' })).rejects.toThrow(/role \(viewer\) cannot/);
  });
});
