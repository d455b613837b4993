// The worker route's domain rules on a real (embedded) Postgres: token auth, project isolation, lease fencing, artefacts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID, SANDBOX_PROJECT_ID } from '@/server/main/demo-seed';
import { artifacts, credentials, jobMetrics, jobs, workers } from '@/db/schema';
import type { DbHandle } from '@/db';
import { createCredential, mintAllocationToken, revokeCredential, type Authenticated } from '@/server/projects/credentials';
import { enqueue, reapExpired, requestCancel } from '@/server/jobs/queue';
import { releaseAllocation, requestAllocation } from '@/server/compute/allocations';
import { artifactPath, openArtifact, type ArtifactStoreOptions } from '@/server/artifacts/store';
import { PermanentJobError } from '@/server/jobs/registry';
import { requireWorkerToken } from './http';
import { DomainError } from '@/server/domain-error';
import { appOnlyJobTypes, findJobDefinition } from '@/server/main/jobs';
import {
  cancelledJob,
  claimForWorker,
  completeJob,
  failJob,
  heartbeatJob,
  progressJob,
  registerRemoteWorker,
  uploadArtifact,
} from './service';
import { noDatabase } from '@/server/remote-worker/runner';

let h: DbHandle;
let store: ArtifactStoreOptions;
let demo: Authenticated;
let sandbox: Authenticated;
let demoToken: string;

const resources = { cpus: 8, memoryMb: 32_000, gpus: [{ name: 'NVIDIA H100', memoryMb: 81_559 }] };
const register = (auth: Authenticated, o: { queues?: string[]; jobTypes?: string[] } = {}) =>
  registerRemoteWorker(h.db, auth, { name: 'gpu-box', queues: o.queues ?? ['gpu'], jobTypes: o.jobTypes ?? [], resources });
const bearer = (secret: string) => new Headers({ authorization: `Bearer ${secret}` });
const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * seed) % 251);
const streamOf = (data: Uint8Array, chunk = 1000) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < data.length; i += chunk) c.enqueue(data.slice(i, i + chunk));
      c.close();
    },
  });

/** Runs a call that must be refused, and returns the code it was refused with. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  store = { root: await mkdtemp(path.join(tmpdir(), 'af-artifacts-')), maxBytes: 64 * 1024 };
  const d = await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'worker_token', name: 'gpu', createdBy: null });
  const s = await createCredential(h.db, { projectId: SANDBOX_PROJECT_ID, kind: 'worker_token', name: 'gpu', createdBy: null });
  demoToken = d.secret;
  demo = (await requireWorkerToken(h.db, bearer(d.secret)))!;
  sandbox = (await requireWorkerToken(h.db, bearer(s.secret)))!;
});
afterAll(async () => {
  await h.close();
  await rm(store.root, { recursive: true, force: true });
});
beforeEach(async () => {
  await h.db.delete(jobs).where(sql`true`); // every row: each test starts from an empty table
});

describe('worker token', () => {
  it('resolves a worker token to its project and refuses anything else with 401', async () => {
    expect(demo.projectId).toBe(DEMO_PROJECT_ID);
    expect(sandbox.projectId).toBe(SANDBOX_PROJECT_ID);
    const apiKey = await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'api_key', name: 'k', createdBy: null });
    expect(await refusal(requireWorkerToken(h.db, bearer(apiKey.secret)))).toBe('unauthorized');
    expect(await refusal(requireWorkerToken(h.db, new Headers()))).toBe('unauthorized');
    expect(await refusal(requireWorkerToken(h.db, bearer(`${demoToken}x`)))).toBe('unauthorized');
    const revoked = await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'worker_token', name: 'old', createdBy: null });
    await revokeCredential(h.db, DEMO_PROJECT_ID, 'worker_token', revoked.id);
    expect(await refusal(requireWorkerToken(h.db, bearer(revoked.secret)))).toBe('unauthorized');
  });
});

describe('remote workers', () => {
  it('registers a remote worker with its announced resources', async () => {
    const { workerId } = await register(demo);
    const [row] = await h.db.select().from(workers).where(eq(workers.id, workerId));
    expect(row).toMatchObject({ kind: 'remote', projectId: DEMO_PROJECT_ID, tokenId: demo.credentialId, queues: ['gpu'], resources });
  });

  it('claims only jobs of its own project, queues and declared types', async () => {
    const { workerId } = await register(demo, { jobTypes: ['train.gpu'] });
    await enqueue(h.db, { projectId: SANDBOX_PROJECT_ID, type: 'train.gpu', queue: 'gpu' });
    await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'train.gpu', queue: 'default' });
    await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'other', queue: 'gpu' });
    const mine = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'train.gpu', queue: 'gpu', input: { lr: 0.1 } });
    const claimed = await claimForWorker(h.db, demo, workerId, appOnlyJobTypes);
    expect(claimed).toMatchObject({
      id: mine.id,
      type: 'train.gpu',
      input: { lr: 0.1 },
      attempt: 1,
      queue: 'gpu',
      projectId: DEMO_PROJECT_ID,
    });
    expect(await claimForWorker(h.db, demo, workerId, appOnlyJobTypes)).toBeNull();
  });

  it('never hands a remote worker a type that needs the database, even one it announces', async () => {
    expect(appOnlyJobTypes).toEqual(expect.arrayContaining(['data.clean', 'data.buildDataset']));
    expect(appOnlyJobTypes).not.toContain('system.diagnostic');
    const { workerId } = await register(demo, { queues: ['db-types'], jobTypes: ['data.clean', 'system.diagnostic'] });
    const clean = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'data.clean', queue: 'db-types', priority: 9 });
    const diag = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'system.diagnostic', queue: 'db-types' });
    expect((await claimForWorker(h.db, demo, workerId, appOnlyJobTypes))?.id).toBe(diag.id);
    expect(await claimForWorker(h.db, demo, workerId, appOnlyJobTypes)).toBeNull();
    const [still] = await h.db.select().from(jobs).where(eq(jobs.id, clean.id));
    expect(still?.status).toBe('queued');
  });

  it('hands a worker bound to an allocation only the job that allocation is bound to', async () => {
    const { workerId } = await register(demo, { queues: ['bound'] });
    const other = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'system.diagnostic', queue: 'bound', priority: 5 });
    const mine = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'system.diagnostic', queue: 'bound' });
    const out = await requestAllocation(h.db, {
      projectId: DEMO_PROJECT_ID,
      poolType: 'training',
      resourceType: 'cpu',
      count: 1,
      memoryMb: 64,
      purpose: 'slurm node',
      jobId: mine.id,
    });
    expect(out.outcome).toBe('granted');
    const alloc = out.allocation!.id;
    expect((await claimForWorker(h.db, demo, workerId, appOnlyJobTypes, alloc))?.id).toBe(mine.id);
    expect(await claimForWorker(h.db, demo, workerId, appOnlyJobTypes, alloc)).toBeNull();
    expect(await refusal(claimForWorker(h.db, demo, workerId, appOnlyJobTypes, 'alloc_nope'))).toBe('not_found');
    expect((await claimForWorker(h.db, demo, workerId, appOnlyJobTypes))?.id).toBe(other.id);
  });

  it('holds a token minted for one allocation to that allocation, and refuses it once the allocation ends or it expires', async () => {
    const mine = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'system.diagnostic', queue: 'cluster' });
    const other = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'system.diagnostic', queue: 'cluster', priority: 5 });
    const ask = (jobId: string) =>
      requestAllocation(h.db, { projectId: DEMO_PROJECT_ID, poolType: 'training', resourceType: 'cpu', count: 1, memoryMb: 64, jobId });
    const a = (await ask(mine.id)).allocation!;
    const b = (await ask(other.id)).allocation!;
    const token = await mintAllocationToken(h.db, {
      projectId: DEMO_PROJECT_ID,
      allocationId: a.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const scoped = await requireWorkerToken(h.db, bearer(token.secret));
    expect(scoped).toMatchObject({ projectId: DEMO_PROJECT_ID, allocationId: a.id });
    const { workerId } = await register(scoped, { queues: ['cluster'] });
    expect(await refusal(claimForWorker(h.db, scoped, workerId, appOnlyJobTypes, b.id))).toBe('forbidden');
    // Without naming an allocation it still gets its own allocation's job only, never the more urgent other one.
    expect((await claimForWorker(h.db, scoped, workerId, appOnlyJobTypes))?.id).toBe(mine.id);
    expect(await claimForWorker(h.db, scoped, workerId, appOnlyJobTypes)).toBeNull();

    await releaseAllocation(h.db, DEMO_PROJECT_ID, a.id, 'test');
    expect(await refusal(requireWorkerToken(h.db, bearer(token.secret)))).toBe('unauthorized');
    const expired = await mintAllocationToken(h.db, {
      projectId: DEMO_PROJECT_ID,
      allocationId: b.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await requireWorkerToken(h.db, bearer(expired.secret))).allocationId).toBe(b.id);
    await h.db
      .update(credentials)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(credentials.id, expired.id));
    expect(await refusal(requireWorkerToken(h.db, bearer(expired.secret)))).toBe('unauthorized');
    await releaseAllocation(h.db, DEMO_PROJECT_ID, b.id, 'test');
  });

  it('refuses a result that does not match its schema with 400 and field errors, leaving the job running', async () => {
    const { workerId } = await register(demo, { queues: ['results'] });
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 'training.remote', queue: 'results' });
    const claimed = (await claimForWorker(h.db, demo, workerId, appOnlyJobTypes))!;
    const lease = { workerId, attempt: claimed.attempt };
    const guess = { modelId: 'ft:gpt-3.5-turbo:me', metrics: { steps: 'many' } };
    const err = await completeJob(h.db, demo, job.id, { ...lease, result: guess }, findJobDefinition).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('bad_request');
    expect((err as DomainError).message).toMatch(/still running: send a corrected result/);
    expect(Object.keys((err as DomainError).fieldErrors ?? {})).toEqual(
      expect.arrayContaining(['result.providerJobId', 'result.metrics.steps', 'result.artifact']),
    );
    const [still] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(still).toMatchObject({ status: 'running', workerId, attempts: 1, result: null });
    expect(await heartbeatJob(h.db, demo, job.id, lease)).toEqual({ cancelRequested: false });
    // The worker's lease is intact: it can still end the job.
    expect(await failJob(h.db, demo, job.id, { ...lease, error: 'giving up', retryable: false })).toEqual({ status: 'failed' });
  });

  it("keeps projects apart: another project's token can neither claim nor touch a job", async () => {
    const { workerId } = await register(demo);
    const { workerId: foreignWorker } = await register(sandbox);
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'gpu' });
    expect(await claimForWorker(h.db, sandbox, foreignWorker, appOnlyJobTypes)).toBeNull();
    const claimed = (await claimForWorker(h.db, demo, workerId, appOnlyJobTypes))!;
    const lease = { workerId, attempt: claimed.attempt };
    // The foreign token may not use the demo worker, nor reach the demo job with its own worker.
    expect(await refusal(claimForWorker(h.db, sandbox, workerId, appOnlyJobTypes))).toBe('not_found');
    expect(await refusal(heartbeatJob(h.db, sandbox, job.id, lease))).toBe('not_found');
    expect(
      await refusal(completeJob(h.db, sandbox, job.id, { workerId: foreignWorker, attempt: 1, result: 'stolen' }, findJobDefinition)),
    ).toBe('not_found');
    expect(
      await refusal(
        uploadArtifact(
          h.db,
          sandbox,
          job.id,
          { workerId: foreignWorker, attempt: 1, kind: 'x', body: streamOf(bytes(10)) },
          findJobDefinition,
          store,
        ),
      ),
    ).toBe('not_found');
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: 'running', workerId });
  });

  it('ties a worker to the token that registered it', async () => {
    const other = await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'worker_token', name: 'second', createdBy: null });
    const otherAuth = (await requireWorkerToken(h.db, bearer(other.secret)))!;
    const { workerId } = await register(demo);
    expect(await refusal(claimForWorker(h.db, otherAuth, workerId, appOnlyJobTypes))).toBe('not_found');
  });

  it('fences every call by attempt: a worker whose lease was reaped gets lease_lost (409)', async () => {
    const { workerId: a } = await register(demo);
    const { workerId: b } = await register(demo);
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'gpu', leaseSeconds: 1 });
    const first = (await claimForWorker(h.db, demo, a, appOnlyJobTypes))!;
    expect(await heartbeatJob(h.db, demo, job.id, { workerId: a, attempt: 1 })).toEqual({ cancelRequested: false });
    expect(await refusal(heartbeatJob(h.db, demo, job.id, { workerId: a, attempt: 2 }))).toBe('lease_lost');

    await h.db
      .update(jobs)
      .set({ heartbeatAt: sql`now() - interval '5 seconds'` })
      .where(eq(jobs.id, job.id));
    const second = (await claimForWorker(h.db, demo, b, appOnlyJobTypes))!; // the claim reaps the silent attempt first
    expect([first.attempt, second.attempt]).toEqual([1, 2]);
    const stale = { workerId: a, attempt: 1 };
    expect(await refusal(heartbeatJob(h.db, demo, job.id, stale))).toBe('lease_lost');
    expect(await refusal(progressJob(h.db, demo, job.id, { ...stale, progress: 0.5 }))).toBe('lease_lost');
    expect(await refusal(completeJob(h.db, demo, job.id, { ...stale, result: 'A' }, findJobDefinition))).toBe('lease_lost');
    expect(await refusal(failJob(h.db, demo, job.id, { ...stale, error: 'x', retryable: true }))).toBe('lease_lost');
    expect(
      await refusal(uploadArtifact(h.db, demo, job.id, { ...stale, kind: 'ckpt', body: streamOf(bytes(10)) }, findJobDefinition, store)),
    ).toBe('lease_lost');

    expect(await completeJob(h.db, demo, job.id, { workerId: b, attempt: 2, result: 'B' }, findJobDefinition)).toEqual({
      status: 'succeeded',
    });
    expect(await refusal(completeJob(h.db, demo, job.id, { workerId: b, attempt: 2, result: 'again' }, findJobDefinition))).toBe(
      'lease_lost',
    );
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: 'succeeded', result: 'B' });
    expect(await reapExpired(h.db)).toEqual({ requeued: 0, failed: 0, cancelled: 0 });
  });

  it('records progress and metrics, and refreshes last-seen on every call', async () => {
    const { workerId } = await register(demo);
    await h.db
      .update(workers)
      .set({ lastSeenAt: sql`now() - interval '1 hour'` })
      .where(eq(workers.id, workerId));
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'gpu' });
    await claimForWorker(h.db, demo, workerId, appOnlyJobTypes);
    const reply = await progressJob(h.db, demo, job.id, {
      workerId,
      attempt: 1,
      progress: 0.25,
      message: 'Epoch 1',
      metrics: [
        { name: 'loss', step: 1, value: 2.5 },
        { name: 'loss', step: 2, value: 2.1 },
      ],
    });
    expect(reply).toEqual({ cancelRequested: false });
    await progressJob(h.db, demo, job.id, { workerId, attempt: 1, metrics: [{ name: 'loss', step: 3, value: 1.9 }] });
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ progress: 0.25, message: 'Epoch 1' });
    const points = await h.db.select().from(jobMetrics).where(eq(jobMetrics.jobId, job.id));
    expect(points.map((p) => p.value).sort()).toEqual([1.9, 2.1, 2.5]);
    const [w] = await h.db.select().from(workers).where(eq(workers.id, workerId));
    expect(Date.now() - w!.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('passes a cancel request to the worker and ends the job when it acknowledges', async () => {
    const { workerId } = await register(demo);
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'gpu' });
    await claimForWorker(h.db, demo, workerId, appOnlyJobTypes);
    await requestCancel(h.db, DEMO_PROJECT_ID, job.id);
    expect(await heartbeatJob(h.db, demo, job.id, { workerId, attempt: 1 })).toEqual({ cancelRequested: true });
    expect(await progressJob(h.db, demo, job.id, { workerId, attempt: 1, progress: 0.1 })).toEqual({ cancelRequested: true });
    expect(await cancelledJob(h.db, demo, job.id, { workerId, attempt: 1 })).toEqual({ status: 'cancelled' });
    expect(await refusal(heartbeatJob(h.db, demo, job.id, { workerId, attempt: 1 }))).toBe('lease_lost');
  });

  it('retries a retryable failure and fails a permanent one for good', async () => {
    const { workerId } = await register(demo);
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'gpu' });
    await claimForWorker(h.db, demo, workerId, appOnlyJobTypes);
    expect(await failJob(h.db, demo, job.id, { workerId, attempt: 1, error: 'CUDA OOM', retryable: true })).toEqual({ status: 'queued' });
    await h.db
      .update(jobs)
      .set({ runAfter: sql`now()` })
      .where(eq(jobs.id, job.id));
    expect((await claimForWorker(h.db, demo, workerId, appOnlyJobTypes))?.attempt).toBe(2);
    expect(await failJob(h.db, demo, job.id, { workerId, attempt: 2, error: 'bad input', retryable: false })).toEqual({ status: 'failed' });
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: 'failed', error: 'bad input' });
  });
});

describe('artefacts', () => {
  it('stores an upload by its sha256 and records it against the job', async () => {
    const { workerId } = await register(demo);
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'gpu' });
    await claimForWorker(h.db, demo, workerId, appOnlyJobTypes);
    const data = bytes(50_000);
    const sha = createHash('sha256').update(data).digest('hex');
    const reply = await uploadArtifact(
      h.db,
      demo,
      job.id,
      { workerId, attempt: 1, kind: 'checkpoint', contentType: 'application/x-safetensors', body: streamOf(data) },
      findJobDefinition,
      store,
    );
    expect(reply).toMatchObject({ sha256: sha, sizeBytes: data.length });
    expect(reply.artifactId).toMatch(/^art_/);
    const file = artifactPath(sha, store.root);
    expect(file).toBe(path.join(store.root, sha.slice(0, 2), sha));
    expect(Buffer.compare(await readFile(file), Buffer.from(data))).toBe(0);
    const [row] = await h.db.select().from(artifacts).where(eq(artifacts.id, reply.artifactId));
    expect(row).toMatchObject({
      projectId: DEMO_PROJECT_ID,
      jobId: job.id,
      kind: 'checkpoint',
      sha256: sha,
      contentType: 'application/x-safetensors',
    });
    const opened = await openArtifact(sha, store.root);
    expect(opened?.sizeBytes).toBe(data.length);
    opened?.stream.destroy();
    expect(await openArtifact('0'.repeat(64), store.root)).toBeNull();
    expect(() => artifactPath('../../etc/passwd', store.root)).toThrow();
  });

  it('refuses an artefact over the size limit (413) and leaves nothing behind', async () => {
    const { workerId } = await register(demo);
    const job = await enqueue(h.db, { projectId: DEMO_PROJECT_ID, type: 't', queue: 'gpu' });
    await claimForWorker(h.db, demo, workerId, appOnlyJobTypes);
    const big = bytes(store.maxBytes + 1, 13);
    const lease = { workerId, attempt: 1, kind: 'ckpt' };
    // Without a Content-Length the limit is enforced while streaming; with one, before reading anything.
    expect(await refusal(uploadArtifact(h.db, demo, job.id, { ...lease, body: streamOf(big) }, findJobDefinition, store))).toBe(
      'too_large',
    );
    expect(
      await refusal(
        uploadArtifact(h.db, demo, job.id, { ...lease, contentLength: big.length, body: streamOf(big) }, findJobDefinition, store),
      ),
    ).toBe('too_large');
    const sha = createHash('sha256').update(big).digest('hex');
    expect(await openArtifact(sha, store.root)).toBeNull();
    expect(await readdir(path.join(store.root, 'tmp'))).toEqual([]);
    expect(await h.db.select().from(artifacts).where(eq(artifacts.jobId, job.id))).toEqual([]);
    // Exactly at the limit is fine.
    const edge = await uploadArtifact(
      h.db,
      demo,
      job.id,
      { ...lease, body: streamOf(big.slice(0, store.maxBytes)) },
      findJobDefinition,
      store,
    );
    expect(edge.sizeBytes).toBe(store.maxBytes);
  });
});

describe('remote job context', () => {
  it('fails a handler that touches the database at once, with a message that says why', () => {
    expect(() => noDatabase.select).toThrow(PermanentJobError);
    expect(() => noDatabase.select).toThrow(/cannot run on a remote worker/);
  });
});
