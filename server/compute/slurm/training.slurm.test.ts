// Training on a real Slurm cluster (single node on loopback: server/testing/slurm.ts): a training allocation's Slurm
// job runs our remote worker (tsx from this checkout, as the cluster user) with a worker token minted for that
// allocation alone; the worker talks HTTP to the app's real worker routes and trains the run, which registers its
// model. Then the Slurm job is killed mid-run with scancel: the run is interrupted with Slurm's reason, resumes from its
// last checkpoint on a new allocation, and finishes. Skips, saying why, where no cluster can be started.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import type { RouteServer } from '@/server/worker-route/testing';
import { cancelAllJobs, holdCluster, scancel, squeueState, stopTestCluster, testCluster, type TestCluster } from '@/server/testing/slurm';

const dataDir = await mkdtemp(path.join(tmpdir(), 'af-slurm-training-'));
// Set before anything imports server/env.ts: the worker routes open this PGlite, as the app would.
process.env.AF_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const cluster = await testCluster();
const skip = 'skip' in cluster ? cluster.skip : null;
if (skip) console.warn(`Skipping the Slurm training tests: ${skip}.`);
const C = cluster as TestCluster;

const { getDbHandle } = await import('@/server/db');
const { seedDemo, DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const schema = await import('@/db/schema');
const { startRouteServer } = await import('@/server/worker-route/testing');
const { saveCluster } = await import('./clusters');
const { requestClusterAllocation, RECONCILE_MS } = await import('./allocations');
const { getAllocation, releaseForUser, sweepAllocations } = await import('../allocations');
const { startTraining } = await import('@/server/training/start');
const { hyperParamsInput } = await import('@/server/training/hyperparams');
const { getRun } = await import('@/server/training/read');
const { restartJob } = await import('@/server/jobs/user-actions');
const { findJobDefinition } = await import('@/server/main/jobs');

const sh = promisify(execFile);
let h: DbHandle;
let server: RouteServer;
let clusterId = '';
let release: (() => void) | null = null;
let ticking = true;
let ticker: Promise<void> | null = null;

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(v)}\n${workerOutputs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the Slurm jobs' workers printed (their stdout files in the cluster's job directory). */
function workerOutputs(): string {
  if (skip) return '';
  return readdirSync(C.jobDir)
    .filter((f) => f.startsWith('af-alloc_'))
    .map((f) => `--- ${f}\n${readFileSync(path.join(C.jobDir, f), 'utf8').slice(-2000)}`)
    .join('\n');
}

const job = async (id: string) => (await h.db.select().from(schema.jobs).where(eq(schema.jobs.id, id)))[0]!;
const alloc = async (id: string) => (await getAllocation(h.db, P, id))!;
const tokensOf = (allocationId: string) => h.db.select().from(schema.credentials).where(eq(schema.credentials.allocationId, allocationId));

/** A granted training allocation of 1 GPU on the cluster: its Slurm job runs our worker for it. */
async function grantedAllocation(purpose: string) {
  const r = await requestClusterAllocation(h.db, {
    projectId: P,
    clusterId,
    poolType: 'training',
    cpus: 1,
    gpus: 1,
    memoryMb: 1024,
    timeLimitMinutes: 10,
    purpose,
  });
  expect(r.outcome).not.toBe('refused');
  return until(
    'granted',
    () => alloc(r.allocation!.id),
    (a) => a.status === 'granted',
    30_000,
  );
}

const start = (name: string, allocationId: string, hyper: object) =>
  startTraining(h.db, {
    projectId: P,
    name,
    datasetId: 'ds_math_v1',
    scenarioId: 'scn_math_v1',
    allocationId,
    base: 'builtin:char-transformer',
    hyperParams: hyperParamsInput.parse({ modelSize: 'tiny', ...hyper }),
    createdBy: 'user_engineer',
  });

const finished = (jobId: string, ms = 120_000) =>
  until(
    `job ${jobId} to finish`,
    () => job(jobId),
    (j) => j.status !== 'queued' && j.status !== 'running',
    ms,
  );

describe.skipIf(!!skip)('training on a Slurm allocation', () => {
  beforeAll(async () => {
    release = await holdCluster(C);
    await cancelAllJobs(C);
    h = await getDbHandle();
    await seedDemo(h.db);
    server = await startRouteServer();
    const saved = await saveCluster(
      h.db,
      P,
      {
        name: 'lab',
        url: C.url,
        userName: C.user,
        credentialKind: 'jwt_key',
        credential: C.jwtKeyBase64,
        defaultPartition: C.partition,
        workDir: C.jobDir,
        // The test cluster's node is this machine: the app is at the route server, its checkout is this one.
        appUrl: server.url,
        appDir: process.cwd(),
      },
      'user_admin',
    );
    clusterId = saved.id;
    // The worker loop's periodic pass (each tick): releases what finished jobs held, reconciles with Slurm.
    ticker = (async () => {
      while (ticking) {
        await sweepAllocations(h.db).catch((err: unknown) => console.error('sweep failed:', err));
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
  }, 420_000);

  afterAll(async () => {
    ticking = false;
    await ticker;
    if (!skip) await cancelAllJobs(C).catch(() => undefined);
    await server?.close();
    await h?.close();
    (globalThis as { afDb?: unknown }).afDb = undefined;
    release?.();
    if (!skip) await stopTestCluster(C);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('trains a run with the worker its Slurm job runs, registers the model, and revokes the token when it ends', async () => {
    const a = await grantedAllocation('slurm training');
    const slurmJob = a.externalJobId!;
    const [token] = await tokensOf(a.id);
    expect(token).toMatchObject({ kind: 'worker_token', revokedAt: null });
    expect(token!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);

    const { runId, jobId, queue } = await start('on-slurm', a.id, { epochs: 1, maxSeconds: 5, checkpointEvery: 20, validateEvery: 1000 });
    // No local worker serves this queue: only the allocation's own worker may take the job.
    expect(queue).toBe('cluster');
    const done = await finished(jobId);
    expect(done.status, `${done.error}\n${workerOutputs()}`).toBe('succeeded');

    const run = (await getRun(h.db, P, runId))!;
    expect(run.model).toMatchObject({ runId, allocationId: a.id, base: 'builtin:char-transformer' });
    expect(run.attempts).toEqual([expect.objectContaining({ attempt: 1, node: `${C.node} (Slurm job ${slurmJob})`, interrupted: null })]);
    expect(run.points.some((p) => p.name === 'train_loss')).toBe(true);

    // The job finished: its allocation is released, its Slurm job cancelled, its token revoked.
    await until(
      'released',
      () => alloc(a.id),
      (x) => x.status === 'released',
      10_000,
    );
    await until(
      'the Slurm job cancelled',
      () => squeueState(C, slurmJob),
      (s) => s === 'CANCELLED' || s === 'COMPLETED',
      15_000,
    );
    expect((await tokensOf(a.id))[0]!.revokedAt).not.toBeNull();
    // The token never shows in what other cluster users can read: the job record, its script, its output.
    const shown = await sh('scontrol', ['show', 'job', '-dd', slurmJob], { env: C.env });
    const script = await sh('scontrol', ['write', 'batch_script', slurmJob, '-'], { env: C.env });
    expect(shown.stdout).toContain(`af-${a.id}`);
    expect(script.stdout).toContain('remote-worker.ts --allocation');
    for (const text of [shown.stdout, script.stdout, workerOutputs()]) expect(text).not.toMatch(/af_wrk_/);
  }, 150_000);

  it('resumes a run from its checkpoint on a new allocation when its Slurm job is killed mid-run, saying why', async () => {
    const a = await grantedAllocation('slurm resume');
    const killed = a.externalJobId!;
    const { runId, jobId } = await start('resumed-on-slurm', a.id, { epochs: 2, maxSeconds: 60, checkpointEvery: 10, validateEvery: 1000 });
    const ckpt = await until(
      'a checkpoint',
      async () => (await h.db.select().from(schema.checkpoints).where(eq(schema.checkpoints.runId, runId)))[0],
      (c) => !!c,
    );
    expect((await job(jobId)).status).toBe('running');
    await scancel(C, killed);

    // Within one reconcile interval the allocation ends with Slurm's reason and the job is handed on at once.
    const t0 = Date.now();
    const reason = `Slurm job ${killed} was cancelled outside the app.`;
    const [interrupted] = await until(
      'the interruption',
      () =>
        h.db
          .select()
          .from(schema.jobEvents)
          .where(and(eq(schema.jobEvents.jobId, jobId), eq(schema.jobEvents.kind, 'interrupted'))),
      (e) => e.length > 0,
      RECONCILE_MS + 10_000,
    );
    expect(Date.now() - t0).toBeLessThan(RECONCILE_MS + 5_000);
    expect(interrupted!.detail).toBe(reason);
    expect(await alloc(a.id)).toMatchObject({ status: 'released', endReason: reason });
    expect((await tokensOf(a.id))[0]!.revokedAt).not.toBeNull();

    const done = await finished(jobId);
    expect(done.status, `${done.error}\n${workerOutputs()}`).toBe('succeeded');
    const history = await h.db.select().from(schema.jobEvents).where(eq(schema.jobEvents.jobId, jobId)).orderBy(asc(schema.jobEvents.id));
    const allocs = await h.db.select().from(schema.allocations).where(eq(schema.allocations.jobId, jobId));
    expect(done.attempts, JSON.stringify({ history, allocs }, null, 1) + workerOutputs()).toBe(2);
    const result = done.result as { resumedFromStep: number | null; steps: number };
    expect(result.resumedFromStep).toBeGreaterThanOrEqual(ckpt!.step);
    expect(result.resumedFromStep).toBeGreaterThan(0);

    // The run moved to the replacement allocation (the same request, asked again), and says where each attempt ran.
    const run = (await getRun(h.db, P, runId))!;
    const next = await alloc(run.run.allocationId!);
    expect(next).toMatchObject({ restartedFrom: a.id, jobId, clusterId });
    expect(next.externalJobId).not.toBe(killed);
    expect(run.attempts).toEqual([
      expect.objectContaining({ attempt: 1, node: `${C.node} (Slurm job ${killed})`, interrupted: reason }),
      expect.objectContaining({ attempt: 2, node: `${C.node} (Slurm job ${next.externalJobId})`, interrupted: null }),
    ]);
    expect(run.model).toMatchObject({ allocationId: next.id });
    const kinds = await h.db
      .select({ kind: schema.jobEvents.kind })
      .from(schema.jobEvents)
      .where(eq(schema.jobEvents.jobId, jobId))
      .orderBy(asc(schema.jobEvents.id));
    expect(kinds.map((k) => k.kind)).toEqual(['enqueued', 'claimed', 'interrupted', 'claimed', 'succeeded']);
  }, 180_000);

  it('fails the run at once when a user releases its allocation under it; a restart asks the cluster again and resumes', async () => {
    const a = await grantedAllocation('slurm release');
    const { runId, jobId } = await start('released-on-slurm', a.id, {
      epochs: 2,
      maxSeconds: 60,
      checkpointEvery: 10,
      validateEvery: 1000,
    });
    const ckpt = await until(
      'a checkpoint',
      async () => (await h.db.select().from(schema.checkpoints).where(eq(schema.checkpoints.runId, runId)))[0],
      (c) => !!c,
    );
    await releaseForUser(h.db, P, a.id, 'tester');
    const failed = await job(jobId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(
      `Its compute allocation ${a.id} was released by tester, and the Slurm job running it cancelled: start the run again.`,
    );
    expect((await tokensOf(a.id))[0]!.revokedAt).not.toBeNull();
    await until(
      'the Slurm job cancelled',
      () => squeueState(C, a.externalJobId!),
      (s) => s === 'CANCELLED',
      10_000,
    );

    // Restarted from the Jobs page: the same shape is asked of the cluster again, and the new worker resumes.
    await restartJob(h.db, P, jobId, findJobDefinition);
    const again = await alloc((await getRun(h.db, P, runId))!.run.allocationId!);
    expect(again).toMatchObject({ clusterId, restartedFrom: a.id, jobId });
    expect((await tokensOf(again.id))[0]!.revokedAt).toBeNull();
    const done = await finished(jobId);
    expect(done.status, `${done.error}\n${workerOutputs()}`).toBe('succeeded');
    expect((done.result as { resumedFromStep: number | null }).resumedFromStep).toBeGreaterThanOrEqual(ckpt!.step);
  }, 150_000);
});
