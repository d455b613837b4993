// Training on a real (embedded) database: inputs checked before queueing, a real run whose loss falls and whose model
// is registered with its lineage, and a run whose worker is lost resuming from its last checkpoint.
import { DomainError } from '@/server/domain-error';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-training-'));
process.env.AF_DATA_DIR = dataDir; // artefacts (checkpoints, models) land here

const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID } = await import('@/server/main/demo-seed');
const schema = await import('@/db/schema');
const { requestAllocation, getAllocation, releaseAllocation, sweepAllocations } = await import('@/server/compute/allocations');
const { localResources } = await import('@/server/compute/local-resources');
const { claim, reapExpired } = await import('@/server/jobs/queue');
const { runJobHere } = await import('@/server/main/local-worker');
const { trainingJob } = await import('./job');
const { startTraining } = await import('./start');
const { hyperParamsInput, withIntervals } = await import('./hyperparams');
const { belowBaselineWarning } = await import('@/common/training-baseline');
const { getRun } = await import('./read');
const { createCaller } = await import('@/server/routers/_app');

const P = DEMO_PROJECT_ID;
let h: Awaited<ReturnType<typeof memoryDb>>;

beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function grantedAllocation() {
  const out = await requestAllocation(h.db, {
    projectId: P,
    poolType: 'training',
    resourceType: 'cpu',
    count: 1,
    memoryMb: 512,
    purpose: 'test',
  });
  if (out.outcome !== 'granted') throw new Error(`allocation not granted: ${JSON.stringify(out)}`);
  return out.allocation.id;
}

const tinyRun = (allocationId: string, extra: Partial<ReturnType<typeof hyperParamsInput.parse>> = {}) => ({
  projectId: P,
  name: 'tiny-math',
  datasetId: 'ds_math_v1',
  scenarioId: 'scn_math_v1',
  allocationId,
  base: 'builtin:char-transformer',
  hyperParams: hyperParamsInput.parse({ modelSize: 'tiny', epochs: 1, maxSeconds: 60, checkpointEvery: 20, validateEvery: 20, ...extra }),
  createdBy: 'user_engineer',
});

const metric = (jobId: string, name: string) =>
  h.db
    .select()
    .from(schema.jobMetrics)
    .where(and(eq(schema.jobMetrics.jobId, jobId), eq(schema.jobMetrics.name, name)))
    .orderBy(asc(schema.jobMetrics.step));

describe('starting a training run', () => {
  it('refuses bad inputs before anything is queued, naming the field', async () => {
    const alloc = await grantedAllocation();
    const expectField = async (over: Record<string, string>, field: string, message: RegExp) => {
      const err = await startTraining(h.db, { ...tinyRun(alloc), ...over }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('bad_request');
      expect((err as DomainError).field).toBe(field);
      expect((err as Error).message).toMatch(message);
    };
    await expectField({ datasetId: 'ds_nope_v1' }, 'datasetId', /No dataset/);
    await h.db.insert(schema.scenarios).values({ id: 'scn_raw_v1', projectId: P, name: 'raw', version: 1, type: 'qa_exact' });
    await expectField({ scenarioId: 'scn_raw_v1' }, 'scenarioId', /validat/i);
    await expectField({ base: 'gpt-9' }, 'base', /Unknown base/);
    await h.db.update(schema.allocations).set({ status: 'released' }).where(eq(schema.allocations.id, alloc));
    await expectField({}, 'allocationId', /released/);
    expect(await h.db.select().from(schema.jobs).where(eq(schema.jobs.type, 'training.run'))).toHaveLength(0);
  });
});

describe('a run without an allocation', () => {
  it('requests its own, waits held (saying why) while the pool is full, and is claimable once Compute grants it', async () => {
    const { cpus } = await localResources();
    const hog = await requestAllocation(h.db, {
      projectId: P,
      poolType: 'training',
      resourceType: 'cpu',
      count: cpus,
      memoryMb: 64,
      purpose: 'hog',
    });
    expect(hog.outcome).toBe('granted');
    const { runId, jobId } = await startTraining(h.db, { ...tinyRun(''), allocationId: null, name: 'waits-for-compute' });
    const waiting = (await getRun(h.db, P, runId))!;
    expect(waiting.run.allocationId).toMatch(/^alloc_/);
    expect((await getAllocation(h.db, P, waiting.run.allocationId!))?.status).toBe('queued');
    expect(waiting.waitingFor).toMatch(/^Waiting for compute \(alloc_\w+\): /);
    expect(await claim(h.db, { workerId: 'w0', queues: ['default'], types: ['training.run'] })).toBeNull();

    await releaseAllocation(h.db, P, hog.allocation!.id, 'test done');
    expect((await getAllocation(h.db, P, waiting.run.allocationId!))?.status).toBe('granted');
    const claimed = await claim(h.db, { workerId: 'w0', queues: ['default'], types: ['training.run'] });
    expect(claimed?.id).toBe(jobId);
    await h.db.update(schema.jobs).set({ status: 'cancelled' }).where(eq(schema.jobs.id, jobId));
    await sweepAllocations(h.db, jobId);
  });

  it('fails, saying why, when its queued allocation is cancelled', async () => {
    const { cpus } = await localResources();
    const hog = await requestAllocation(h.db, {
      projectId: P,
      poolType: 'training',
      resourceType: 'cpu',
      count: cpus,
      memoryMb: 64,
      purpose: 'hog',
    });
    const { runId, jobId } = await startTraining(h.db, { ...tinyRun(''), allocationId: null, name: 'cancelled-compute' });
    const run = (await getRun(h.db, P, runId))!;
    await releaseAllocation(h.db, P, run.run.allocationId!, 'changed my mind');
    const [job] = await h.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
    expect(job).toMatchObject({ status: 'failed' });
    expect(job!.error).toMatch(/allocation alloc_\w+ was cancelled before it was granted/);
    await releaseAllocation(h.db, P, hog.allocation!.id, 'test done');
  });
});

describe('a training run', () => {
  it('really trains: the loss falls, validation runs, checkpoints are written, the model is registered with its lineage', async () => {
    const alloc = await grantedAllocation();
    const { runId, jobId } = await startTraining(h.db, tinyRun(alloc, { epochs: 1, batchSize: 64 }));
    const job = (await claim(h.db, { workerId: 'w1', queues: ['default'], types: ['training.run'] }))!;
    expect(job.id).toBe(jobId);
    await runJobHere(h.db, job, trainingJob, 1_000);

    const run = await getRun(h.db, P, runId);
    expect(run?.job.status).toBe('succeeded');
    const losses = (await metric(jobId, 'train_loss')).map((m) => m.value);
    expect(losses.length).toBeGreaterThan(2);
    // One epoch of a tiny model (50 steps), most of it in the learning-rate warm-up: a clear fall, not convergence.
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.85);
    expect((await metric(jobId, 'val_accuracy')).length).toBeGreaterThan(0);
    expect(run!.checkpoints.length).toBeGreaterThan(0);

    const model = run!.model!;
    expect(model).toMatchObject({
      datasetId: 'ds_math_v1',
      scenarioId: 'scn_math_v1',
      allocationId: alloc,
      base: 'builtin:char-transformer',
      runId,
      jobId,
    });
    expect(model.hyperParams.modelSize).toBe('tiny');
    expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.sizeBytes).toBeGreaterThan(1000);
    expect(model.metrics.steps).toBeGreaterThan(20);
    // The allocation went back to the pool when the job ended.
    expect((await getAllocation(h.db, P, alloc))?.status).toBe('released');
    // The scenario version is now in use, hence immutable.
    const [scn] = await h.db.select().from(schema.scenarios).where(eq(schema.scenarios.id, 'scn_math_v1'));
    expect(scn?.usedAt).not.toBeNull();
  }, 180_000);

  it('resumes from its last checkpoint when its worker is lost, continuing the step count', async () => {
    const alloc = await grantedAllocation();
    const { runId, jobId } = await startTraining(h.db, tinyRun(alloc, { epochs: 2, batchSize: 64 }));
    const first = (await claim(h.db, { workerId: 'doomed', queues: ['default'], types: ['training.run'] }))!;
    const running = runJobHere(h.db, first, trainingJob, 200);
    // Wait for a checkpoint, then make the worker look dead: its heartbeats stop counting and the reaper requeues it.
    for (let i = 0; i < 600; i++) {
      const [ck] = await h.db.select().from(schema.checkpoints).where(eq(schema.checkpoints.runId, runId));
      if (ck) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await h.db
      .update(schema.jobs)
      .set({ leaseSeconds: 1, heartbeatAt: sql`now() - interval '1 hour'`, workerId: 'ghost' })
      .where(eq(schema.jobs.id, jobId));
    await running; // the first worker notices it lost the lease and stops
    await h.db
      .update(schema.jobs)
      .set({ heartbeatAt: sql`now() - interval '1 hour'` })
      .where(eq(schema.jobs.id, jobId));
    expect((await reapExpired(h.db)).requeued).toBe(1);
    const [ckpt] = await h.db
      .select()
      .from(schema.checkpoints)
      .where(eq(schema.checkpoints.runId, runId))
      .orderBy(sql`step desc`)
      .limit(1);

    const second = (await claim(h.db, { workerId: 'survivor', queues: ['default'], types: ['training.run'] }))!;
    expect(second.attempts).toBe(2);
    const stepsBefore = (await metric(jobId, 'train_loss')).map((m) => m.step);
    await runJobHere(h.db, second, trainingJob, 1_000);

    const run = await getRun(h.db, P, runId);
    expect(run?.job.status).toBe('succeeded');
    const stepsAfter = (await metric(jobId, 'train_loss')).map((m) => m.step).slice(stepsBefore.length);
    // The second attempt's first report comes after the checkpoint step: it did not start again from zero.
    expect(stepsAfter.length).toBeGreaterThan(0);
    expect(Math.min(...stepsAfter)).toBeGreaterThan(ckpt!.step);
    const events = await h.db.select().from(schema.jobEvents).where(eq(schema.jobEvents.jobId, jobId));
    expect(events.map((e) => e.kind)).toEqual(['enqueued', 'claimed', 'requeued', 'claimed', 'succeeded']);
    expect(run!.model!.metrics.steps).toBeGreaterThan(ckpt!.step);
  }, 180_000);
});

describe('the default intervals', () => {
  it('scale to the run: a short run still validates and checkpoints on the way', () => {
    const h = (epochs: number, batchSize: number) => hyperParamsInput.parse({ epochs, batchSize });
    expect(withIntervals(h(4, 32), 3_240)).toMatchObject({ validateEvery: 81, checkpointEvery: 101 }); // 404 steps
    expect(withIntervals(h(1, 50), 3_240)).toMatchObject({ validateEvery: 13, checkpointEvery: 16 }); // 64 steps
    expect(withIntervals(h(1, 512), 3_240)).toMatchObject({ validateEvery: 10, checkpointEvery: 10 }); // 6 steps
    // What the user set is kept.
    expect(withIntervals({ ...h(4, 32), validateEvery: 200 }, 3_240)).toMatchObject({ validateEvery: 200, checkpointEvery: 101 });
  });

  it('a tiny run on the defaults is validated and checkpointed at its end, and says plainly it is below the baseline', async () => {
    const alloc = await grantedAllocation();
    const { runId, jobId } = await startTraining(h.db, {
      ...tinyRun(alloc),
      name: 'six-steps',
      // 6 steps: shorter than any interval, so all it measures and keeps comes from the end of the run.
      hyperParams: hyperParamsInput.parse({ modelSize: 'tiny', epochs: 1, batchSize: 512, maxSeconds: 60 }),
    });
    const job = (await claim(h.db, { workerId: 'w-short', queues: ['default'], types: ['training.run'] }))!;
    expect(job.id).toBe(jobId);
    await runJobHere(h.db, job, trainingJob, 1_000);

    const run = (await getRun(h.db, P, runId))!;
    expect(run.job.status).toBe('succeeded');
    expect(run.run.hyperParams).toMatchObject({ validateEvery: 10, checkpointEvery: 10 });
    expect(run.checkpoints.map((c) => c.step)).toEqual([6]);
    expect((await metric(jobId, 'val_accuracy')).map((m) => m.step)).toEqual([6]);
    const model = run.model!;
    expect(model.metrics.valAccuracy).not.toBeNull();
    expect(model.metrics.baselineAccuracy).toBeGreaterThan(model.metrics.valAccuracy!);
    const warning = belowBaselineWarning(model.metrics);
    expect(warning).toMatch(/^Below the scenario's baseline: validation accuracy \d+\.\d% against the baseline agent's \d+\.\d%/);
    const [row] = await h.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
    expect((row!.result as { warning: string | null }).warning).toBe(warning);
  }, 180_000);
});

describe('restarting a failed run', () => {
  it('re-requests its allocation and waits for it like a new run', async () => {
    const alloc = await grantedAllocation();
    const { runId, jobId } = await startTraining(h.db, { ...tinyRun(alloc), name: 'fails-then-restarts' });
    // The run fails (its allocation is released with it, as when a worker gives up).
    await h.db.update(schema.jobs).set({ status: 'failed', error: 'boom', finishedAt: new Date() }).where(eq(schema.jobs.id, jobId));
    await sweepAllocations(h.db, jobId);
    expect((await getAllocation(h.db, P, alloc))?.status).toBe('released');

    const { cpus } = await localResources();
    const hog = await requestAllocation(h.db, {
      projectId: P,
      poolType: 'training',
      resourceType: 'cpu',
      count: cpus,
      memoryMb: 64,
      purpose: 'hog',
    });
    const restarted = await createCaller({ db: h.db, user: { id: 'user_engineer', email: 'e@t', name: 'Eli' } }).jobs.restart({
      projectId: P,
      jobId,
    });
    expect(restarted.status).toBe('queued');
    const run = (await getRun(h.db, P, runId))!;
    expect(run.run.allocationId).not.toBe(alloc);
    const fresh = (await getAllocation(h.db, P, run.run.allocationId!))!;
    expect(fresh).toMatchObject({ status: 'queued', jobId, restartedFrom: alloc, count: 1, resourceType: 'cpu' });
    expect(run.waitingFor).toMatch(/^Waiting for compute/);
    expect(await claim(h.db, { workerId: 'w9', queues: ['default'], types: ['training.run'] })).toBeNull();

    await releaseAllocation(h.db, P, hog.allocation!.id, 'test done');
    expect((await getAllocation(h.db, P, fresh.id))?.status).toBe('granted');
    expect((await claim(h.db, { workerId: 'w9', queues: ['default'], types: ['training.run'] }))?.id).toBe(jobId);
    await h.db.update(schema.jobs).set({ status: 'cancelled' }).where(eq(schema.jobs.id, jobId));
    await sweepAllocations(h.db, jobId);
  });
});
