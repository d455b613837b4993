// The worker route end to end: a separate worker process that knows only a URL and a token claims, runs and completes
// jobs over HTTP against the real route modules, and artefacts uploaded over HTTP land on disk under their sha256.
import { TSX, tsxArgs } from '@/server/testing/tsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import type { RouteServer } from '@/server/worker-route/testing';

const MAX_ARTIFACT_BYTES = 256 * 1024;
const dataDir = await mkdtemp(path.join(tmpdir(), 'af-worker-route-'));
// Set before anything imports server/env.ts, so getDb() opens a PGlite of our own under the temp dir.
process.env.AF_DATA_DIR = dataDir;
process.env.MAX_ARTIFACT_BYTES = String(MAX_ARTIFACT_BYTES);
delete process.env.DATABASE_URL;

const { getDbHandle, dbConfigFromEnv } = await import('@/server/db');
const { seedDemo, DEMO_PROJECT_ID } = await import('@/server/main/demo-seed');
const { jobEvents, jobMetrics, jobs, workers, artifacts } = await import('@/db/schema');
const { createCredential } = await import('@/server/projects/credentials');
const { enqueue, requestCancel } = await import('@/server/jobs/queue');
const { localResources } = await import('@/server/compute/local-resources');
const { startRouteServer } = await import('@/server/worker-route/testing');
const { WorkerClient, WorkerHttpError } = await import('./client');

let h: DbHandle;
let server: RouteServer;
let token: string;
let child: ChildProcess | undefined;
let childOutput = '';

beforeAll(async () => {
  expect(dbConfigFromEnv()).toEqual({ kind: 'pglite', dataDir: path.resolve(dataDir, 'pglite') });
  h = await getDbHandle();
  await seedDemo(h.db);
  token = (await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'worker_token', name: 'gpu box', createdBy: null })).secret;
  server = await startRouteServer();
});

afterAll(async () => {
  await stopChild();
  await server?.close();
  await h?.close();
  (globalThis as { afDb?: unknown }).afDb = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

function startChild(extraEnv: Record<string, string> = {}) {
  // detached: its own process group, so tsx and the node process it starts can be stopped together.
  child = spawn(TSX, tsxArgs('server/main/remote-worker.ts'), {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AF_URL: server.url,
      AF_WORKER_TOKEN: token,
      WORKER_QUEUES: 'gpu',
      WORKER_NAME: 'test-gpu-box',
      WORKER_POLL_MS: '100',
      WORKER_HEARTBEAT_MS: '200',
      // Proof of "HTTP only": were the worker to open a database, this one does not exist.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      AF_DATA_DIR: path.join(dataDir, 'not-for-the-worker'),
      ...extraEnv,
    },
  });
  child.stdout?.on('data', (d: Buffer) => (childOutput += d));
  child.stderr?.on('data', (d: Buffer) => (childOutput += d));
  return child;
}

async function stopChild() {
  const c = child;
  if (!c?.pid || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((resolve) => c.once('exit', resolve));
  process.kill(-c.pid, 'SIGTERM');
  const timer = setTimeout(() => c.pid && process.kill(-c.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitForJob(jobId: string, done: (row: typeof jobs.$inferSelect) => boolean, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, jobId));
    if (row && done(row)) return row;
    if (Date.now() > until) throw new Error(`job ${jobId} stuck at ${row?.status} (${row?.message}); worker output:\n${childOutput}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('remote worker process over HTTP', () => {
  it('claims and completes a job, reporting progress and metrics, then stops on a cancel request', async () => {
    // A type that needs the database, first in line on the worker's queue: the worker must never receive it.
    const needsDb = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'data.clean', queue: 'gpu', priority: 10, input: {} });
    const job = await enqueue(h.db, {
      projectId: DEMO_PROJECT_ID,
      type: 'system.diagnostic',
      queue: 'gpu',
      input: { steps: 5, stepMs: 50 },
    });
    startChild();
    const done = await waitForJob(job.id, (j) => j.status !== 'queued' && j.status !== 'running');
    expect(done.status, `${done.error}\n${childOutput}`).toBe('succeeded');
    expect(done.progress).toBe(1);

    const [worker] = await h.db.select().from(workers).where(eq(workers.kind, 'remote'));
    expect(worker).toMatchObject({ projectId: DEMO_PROJECT_ID, name: 'test-gpu-box', queues: ['gpu'] });
    expect(worker!.jobTypes).toContain('system.diagnostic');
    expect(worker!.jobTypes).not.toContain('data.clean');
    expect(worker!.jobTypes).not.toContain('data.buildDataset');
    expect(worker!.resources).toEqual(await localResources());
    expect(done.result).toEqual({ steps: 5, workerId: worker!.id, attempt: 1 });

    const points = await h.db.select().from(jobMetrics).where(eq(jobMetrics.jobId, job.id)).orderBy(asc(jobMetrics.step));
    expect(points.map((p) => [p.name, p.step, p.value])).toEqual([1, 2, 3, 4, 5].map((s) => ['step_time_ms', s, 50]));
    const events = await h.db.select().from(jobEvents).where(eq(jobEvents.jobId, job.id)).orderBy(asc(jobEvents.id));
    expect(events.map((e) => [e.kind, e.workerId])).toEqual([
      ['enqueued', null],
      ['claimed', worker!.id],
      ['succeeded', worker!.id],
    ]);

    // A long job: cancel it once it is under way; the worker hears it on its next call and acknowledges.
    const long = await enqueue(h.db, {
      projectId: DEMO_PROJECT_ID,
      type: 'system.diagnostic',
      queue: 'gpu',
      input: { steps: 200, stepMs: 50 },
    });
    await waitForJob(long.id, (j) => j.progress > 0);
    await requestCancel(h.db, DEMO_PROJECT_ID, long.id);
    const cancelled = await waitForJob(long.id, (j) => j.status !== 'running');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress).toBeLessThan(1);

    await stopChild();
    expect(childOutput).toContain('ready');
    const [untouched] = await h.db.select().from(jobs).where(eq(jobs.id, needsDb.id));
    expect(untouched).toMatchObject({ status: 'queued', attempts: 0 });
    await h.db.update(jobs).set({ status: 'cancelled' }).where(eq(jobs.id, needsDb.id));
    expect(existsSync(path.join(dataDir, 'not-for-the-worker'))).toBe(false);
  });
});

describe('remote worker configuration', () => {
  it('refuses to start when told to announce a type that needs the database', async () => {
    childOutput = '';
    const c = startChild({ WORKER_JOB_TYPES: 'system.diagnostic,data.clean' });
    const code = await new Promise((resolve) => c.once('exit', resolve));
    expect(code).toBe(1);
    expect(childOutput).toMatch(/data\.clean, which needs the database/);
  });
});

describe('worker route over HTTP', () => {
  it('stores an uploaded artefact on disk under its sha256, and refuses one over the limit with 413', async () => {
    const client = new WorkerClient({ url: server.url, token });
    const { workerId } = await client.register({
      name: 'uploader',
      queues: ['upload-test'],
      resources: { cpus: 1, memoryMb: 1024, gpus: [] },
    });
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'any', queue: 'upload-test' });
    const claimed = await client.claim(workerId);
    expect(claimed?.id).toBe(job.id);
    const lease = { workerId, attempt: claimed!.attempt };

    const data = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) % 256);
    const sha = createHash('sha256').update(data).digest('hex');
    const stream = new Blob([data]).stream();
    const reply = await client.uploadArtifact(job.id, lease, { kind: 'checkpoint', body: stream, contentType: 'application/octet-stream' });
    expect(reply).toMatchObject({ sha256: sha, sizeBytes: data.length });
    const onDisk = await readFile(path.join(dataDir, 'artifacts', sha.slice(0, 2), sha));
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(sha);
    const [row] = await h.db.select().from(artifacts).where(eq(artifacts.id, reply.artifactId));
    expect(row).toMatchObject({ jobId: job.id, projectId: DEMO_PROJECT_ID, kind: 'checkpoint', sizeBytes: data.length });

    const big = new Uint8Array(MAX_ARTIFACT_BYTES + 1);
    const tooLarge = await client.uploadArtifact(job.id, lease, { kind: 'checkpoint', body: big }).catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(WorkerHttpError);
    expect((tooLarge as InstanceType<typeof WorkerHttpError>).status).toBe(413);
    expect((tooLarge as InstanceType<typeof WorkerHttpError>).message).toMatch(/MAX_ARTIFACT_BYTES/);
    // Streamed (no Content-Length): the limit is enforced while reading.
    const streamed = await client
      .uploadArtifact(job.id, lease, { kind: 'checkpoint', body: new Blob([big]).stream() })
      .catch((e: unknown) => e);
    expect((streamed as InstanceType<typeof WorkerHttpError>).status).toBe(413);

    expect(await client.complete(job.id, lease, { ok: true })).toEqual({ status: 'succeeded' });
  });

  it('answers 401, 400, 404 and 409 with a JSON error that says what to do', async () => {
    const post = (p: string, body: unknown, auth: string | null = token) =>
      fetch(`${server.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify(body),
      });

    // A GET (a browser, a curl without -d) is told in JSON how to call the route, before any token check.
    for (const [route, allow] of [
      ['/api/worker/claim', 'POST'],
      ['/api/worker/register', 'POST'],
      ['/api/worker/jobs/job_x/complete', 'POST'],
      ['/api/worker/jobs/job_x/artifact', 'PUT'],
    ] as const) {
      const res = await fetch(`${server.url}${route}`);
      expect(res.status, route).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      const body = await res.json();
      expect(body.code).toBe('method_not_allowed');
      expect(body.error).toContain(`send ${allow}`);
    }

    const noToken = await post('/api/worker/register', {}, null);
    expect(noToken.status).toBe(401);
    expect((await noToken.json()).error).toMatch(/Authorization: Bearer/);
    expect((await post('/api/worker/claim', { workerId: 'x' }, 'af_wrk_nope')).status).toBe(401);

    const bad = await post('/api/worker/register', { name: '', resources: { cpus: 'many' } });
    expect(bad.status).toBe(400);
    const badBody = await bad.json();
    expect(badBody.code).toBe('bad_request');
    expect(Object.keys(badBody.fieldErrors)).toEqual(expect.arrayContaining(['name', 'resources']));

    const { workerId } = (await (
      await post('/api/worker/register', { name: 'w', queues: ['codes'], resources: { cpus: 1, memoryMb: 1, gpus: [] } })
    ).json()) as { workerId: string };
    expect((await post('/api/worker/claim', { workerId })).status).toBe(204);
    expect((await post('/api/worker/claim', { workerId: 'wkr_unknown' })).status).toBe(404);
    expect((await post('/api/worker/jobs/job_unknown/heartbeat', { workerId, attempt: 1 })).status).toBe(404);

    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'codes' });
    const claimed = (await (await post('/api/worker/claim', { workerId })).json()) as { job: { attempt: number } };
    expect(claimed.job).toMatchObject({ id: job.id, attempt: 1, queue: 'codes' });
    const stale = await post(`/api/worker/jobs/${job.id}/heartbeat`, { workerId, attempt: 2 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).code).toBe('lease_lost');
    const beat = await post(`/api/worker/jobs/${job.id}/heartbeat`, { workerId, attempt: 1 });
    expect(await beat.json()).toEqual({ cancelRequested: false });
    await post(`/api/worker/jobs/${job.id}/complete`, { workerId, attempt: 1 });

    // A result that does not match its type's schema: 400 with the result's paths, and the job keeps running.
    const diag = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'system.diagnostic', queue: 'codes' });
    expect((await (await post('/api/worker/claim', { workerId })).json()).job.id).toBe(diag.id);
    const wrong = await post(`/api/worker/jobs/${diag.id}/complete`, { workerId, attempt: 1, result: { steps: 'five' } });
    expect(wrong.status).toBe(400);
    const wrongBody = await wrong.json();
    expect(wrongBody.code).toBe('bad_request');
    expect(Object.keys(wrongBody.fieldErrors)).toEqual(expect.arrayContaining(['result.steps', 'result.workerId', 'result.attempt']));
    const [running] = await h.db.select().from(jobs).where(eq(jobs.id, diag.id));
    expect(running?.status).toBe('running');
    const right = await post(`/api/worker/jobs/${diag.id}/complete`, { workerId, attempt: 1, result: { steps: 5, workerId, attempt: 1 } });
    expect(await right.json()).toEqual({ status: 'succeeded' });
  });
});

describe('the documented curl session', () => {
  it('runs in a POSIX shell: stops cleanly on an empty queue (204), then works a test job to its end', async () => {
    const doc = await readFile(path.join(process.cwd(), 'docs/worker-protocol.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## A session with curl'));
    const script = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = await mkdtemp(path.join(tmpdir(), 'af-curl-session-'));
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        // dash: the shell a POSIX script meets on Debian and Ubuntu, with no bash extensions.
        const sh = spawn('dash', ['-c', script], {
          cwd: dir,
          env: { PATH: process.env.PATH, NODE_ENV: 'test', AF: server.url, TOKEN: token },
        });
        let out = '';
        sh.stdout.on('data', (d: Buffer) => (out += d));
        sh.stderr.on('data', (d: Buffer) => (out += d));
        sh.on('exit', (code) => resolve({ code, out }));
      });
    const empty = await run();
    expect(empty, empty.out).toMatchObject({ code: 0 });
    expect(empty.out).toMatch(/Nothing to claim/);
    expect(empty.out).not.toMatch(/jobs\/\//);

    const job = await enqueue(h.db, {
      projectId: DEMO_PROJECT_ID,
      type: 'system.diagnostic',
      queue: 'gpu',
      input: { steps: 5, stepMs: 50, failAttempts: 0 },
    });
    const worked = await run();
    expect(worked.code, worked.out).toBe(0);
    expect(worked.out).toContain('{"cancelRequested":false}');
    expect(worked.out).toContain('{"status":"succeeded"}');
    const [done] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(done?.status).toBe('succeeded');
    const [art] = await h.db.select().from(artifacts).where(eq(artifacts.jobId, job.id));
    expect(art).toMatchObject({ kind: 'checkpoint', sizeBytes: 7 });
    await rm(dir, { recursive: true, force: true });
  });
});
