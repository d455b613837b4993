// The built-in trainer on remote workers: a separate `npm run worker:remote` process that knows only a URL and a token
// trains a run over HTTP, is killed with SIGKILL after uploading a checkpoint, and a second such process resumes from
// that checkpoint; the factory registers the model with its lineage when the second one completes.
import { TSX, tsxArgs } from '@/server/testing/tsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import type { RouteServer } from '@/server/worker-route/testing';

const dataDir = await mkdtemp(path.join(tmpdir(), 'af-remote-builtin-'));
// Set before anything imports server/env.ts: a PGlite of our own, and leases short enough to lapse within the test.
process.env.AF_DATA_DIR = dataDir;
process.env.JOB_LEASE_SECONDS = '4';
delete process.env.DATABASE_URL;

const { getDbHandle } = await import('@/server/db');
const { seedDemo, DEMO_PROJECT_ID } = await import('@/server/main/demo-seed');
const schema = await import('@/db/schema');
const { createCredential } = await import('@/server/projects/credentials');
const { requestAllocation, getAllocation } = await import('@/server/compute/allocations');
const { artifactPath } = await import('@/server/artifacts/store');
const { startRouteServer } = await import('@/server/worker-route/testing');
const { startTraining } = await import('./start');
const { hyperParamsInput } = await import('./hyperparams');

const P = DEMO_PROJECT_ID;
let h: DbHandle;
let server: RouteServer;
let token: string;
const children: { child: ChildProcess; output: string }[] = [];

beforeAll(async () => {
  h = await getDbHandle();
  await seedDemo(h.db);
  token = (await createCredential(h.db, { projectId: P, kind: 'worker_token', name: 'cluster node', createdBy: null })).secret;
  server = await startRouteServer();
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.child.pid && c.child.exitCode === null && c.child.signalCode === null) kill(c.child, 'SIGKILL');
  await server?.close();
  await h?.close();
  (globalThis as { afDb?: unknown }).afDb = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

/** A remote worker process serving the built-in trainer's queue, with no way to reach a database. */
function startWorker(name: string) {
  const child = spawn(TSX, tsxArgs('server/main/remote-worker.ts'), {
    cwd: process.cwd(),
    detached: true, // its own process group: tsx and the node process it starts die together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AF_URL: server.url,
      AF_WORKER_TOKEN: token,
      WORKER_QUEUES: 'default',
      WORKER_NAME: name,
      WORKER_POLL_MS: '100',
      WORKER_HEARTBEAT_MS: '300',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      AF_DATA_DIR: path.join(dataDir, 'not-for-the-worker'),
    },
  });
  const entry = { child, output: '' };
  child.stdout?.on('data', (d: Buffer) => (entry.output += d));
  child.stderr?.on('data', (d: Buffer) => (entry.output += d));
  children.push(entry);
  return entry;
}

const kill = (c: ChildProcess, signal: NodeJS.Signals) => c.pid && process.kill(-c.pid, signal);
const outputs = () => children.map((c, i) => `--- worker ${i + 1}\n${c.output}`).join('\n');

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${outputs()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the built-in trainer on a remote worker', () => {
  it('trains over HTTP only, resumes from its uploaded checkpoint after a SIGKILL, and registers the model with lineage', async () => {
    const granted = await requestAllocation(h.db, {
      projectId: P,
      poolType: 'training',
      resourceType: 'cpu',
      count: 1,
      memoryMb: 512,
      purpose: 'remote builtin test',
    });
    const allocationId = granted.allocation!.id;
    const { runId, jobId, queue, type } = await startTraining(h.db, {
      projectId: P,
      name: 'remote-tiny',
      datasetId: 'ds_math_v1',
      scenarioId: 'scn_math_v1',
      allocationId,
      base: 'builtin:char-transformer',
      // ~100 steps of a ~25k-parameter model: seconds of training, checkpoints every 10 steps.
      hyperParams: hyperParamsInput.parse({ modelSize: 'tiny', epochs: 1, maxSeconds: 120, checkpointEvery: 10, validateEvery: 50 }),
      createdBy: 'user_engineer',
    });
    expect({ queue, type }).toEqual({ queue: 'default', type: 'training.run' });
    const [queued] = await h.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
    const input = queued!.input as { examples: { train: unknown[] }; cases: unknown[]; resumeFrom: unknown };
    expect(input.examples.train.length).toBeGreaterThan(1000);
    expect(input.cases.length).toBeGreaterThan(0);
    expect(input.resumeFrom).toBeNull();

    // The first worker trains until it has uploaded a checkpoint, then dies without a word.
    const first = startWorker('node-a');
    const ckpt = await until('a checkpoint', async () => {
      const [row] = await h.db.select().from(schema.checkpoints).where(eq(schema.checkpoints.runId, runId));
      return row;
    });
    kill(first.child, 'SIGKILL');
    await until('the first worker to die', async () => first.child.signalCode !== null || first.child.exitCode !== null);
    const [afterKill] = await h.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
    expect(afterKill).toMatchObject({ status: 'running', attempts: 1 });
    // The server made the uploaded checkpoint the one to resume from, inside the job's own input.
    const resumeFrom = (afterKill!.input as { resumeFrom: { step: number; sha256: string } | null }).resumeFrom;
    expect(resumeFrom?.step).toBeGreaterThanOrEqual(ckpt.step);
    expect(existsSync(artifactPath(resumeFrom!.sha256))).toBe(true);

    // A second worker gets the job once the dead one's lease lapses, and carries on from that checkpoint.
    const second = startWorker('node-b');
    const done = await until(
      'the run to finish',
      async () => {
        const [row] = await h.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
        return row && row.status !== 'running' && row.status !== 'queued' ? row : undefined;
      },
      120_000,
    );
    expect(done.status, `${done.error}\n${outputs()}`).toBe('succeeded');
    expect(done.attempts).toBe(2);
    const result = done.result as { modelId: string; resumedFromStep: number | null; steps: number };
    expect(result.resumedFromStep).toBe(resumeFrom!.step);
    expect(result.steps).toBeGreaterThan(resumeFrom!.step);

    const remote = await h.db.select().from(schema.workers).where(eq(schema.workers.kind, 'remote')).orderBy(asc(schema.workers.name));
    expect(remote.map((w) => w.name)).toEqual(['node-a', 'node-b']);
    for (const w of remote) expect(w.jobTypes).toContain('training.run');
    const events = await h.db.select().from(schema.jobEvents).where(eq(schema.jobEvents.jobId, jobId)).orderBy(asc(schema.jobEvents.id));
    expect(events.map((e) => [e.kind, e.workerId])).toEqual([
      ['enqueued', null],
      ['claimed', remote[0]!.id],
      ['requeued', null],
      ['claimed', remote[1]!.id],
      ['succeeded', remote[1]!.id],
    ]);

    // Registered in the completion's transaction, with its lineage and the artefact the second worker uploaded.
    const [model] = await h.db.select().from(schema.models).where(eq(schema.models.id, result.modelId));
    expect(model).toMatchObject({
      runId,
      jobId,
      datasetId: 'ds_math_v1',
      scenarioId: 'scn_math_v1',
      allocationId,
      base: 'builtin:char-transformer',
    });
    expect(model!.hyperParams.modelSize).toBe('tiny');
    expect(model!.metrics.steps).toBe(result.steps);
    const [art] = await h.db.select().from(schema.artifacts).where(eq(schema.artifacts.sha256, model!.sha256));
    expect(art).toMatchObject({ jobId, kind: 'model' });
    expect(existsSync(artifactPath(model!.sha256))).toBe(true);
    const [run] = await h.db.select().from(schema.trainingRuns).where(eq(schema.trainingRuns.id, runId));
    expect(run?.modelId).toBe(model!.id);
    expect((await getAllocation(h.db, P, allocationId))?.status).toBe('released');
    // Losses arrived through progress calls, from both attempts.
    const losses = await h.db.select().from(schema.jobMetrics).where(eq(schema.jobMetrics.jobId, jobId));
    expect(losses.filter((m) => m.name === 'train_loss').length).toBeGreaterThan(1);
    // Neither worker ever had a database or a data directory of its own.
    expect(existsSync(path.join(dataDir, 'not-for-the-worker'))).toBe(false);
    kill(second.child, 'SIGTERM');
  }, 180_000);
});
