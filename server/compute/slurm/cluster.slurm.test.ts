// Compute on a real Slurm cluster (single node on loopback, two fake GPUs: server/testing/slurm.ts): connecting it in
// Settings, the pool read from Slurm, allocations as Slurm jobs (granted with their GPU index, queued with Slurm's
// reason in a sentence, refused when impossible), release cancelling the job, and a job cancelled outside the app
// reconciled. Skips, saying why, where no cluster can be started (not root, no packages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import { allocations, clusters } from '@/db/schema';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { createCaller } from '@/server/routers/_app';
import {
  cancelAllJobs,
  holdCluster,
  restartRest,
  scancel,
  slurmToken,
  squeueState,
  stopRest,
  stopTestCluster,
  testCluster,
  type TestCluster,
} from '@/server/testing/slurm';
import { reconcileCluster, RECONCILE_MS, requestClusterAllocation } from './allocations';
import { sweepAllocations } from '../allocations';

const cluster = await testCluster();
const skip = 'skip' in cluster ? cluster.skip : null;
if (skip) console.warn(`Skipping the Slurm cluster tests: ${skip}.`);
const C = cluster as TestCluster;

let h: DbHandle;
const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } }).compute;
let clusterId = '';
let release: (() => void) | null = null;

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reconciles now (not waiting for the interval) and reads the allocation back. */
async function settled(allocId: string) {
  const [c] = await h.db.select().from(clusters).where(eq(clusters.id, clusterId));
  await reconcileCluster(h.db, c!);
  const [row] = await h.db.select().from(allocations).where(eq(allocations.id, allocId));
  return row!;
}

const gpuRequest = (count: number, extra: object = {}) => ({
  projectId: P,
  clusterId,
  resourceType: 'gpu' as const,
  count,
  cpus: 1,
  memoryMb: 100,
  timeLimitMinutes: 10,
  ...extra,
});

describe.skipIf(!!skip)('Slurm as a pool backend', () => {
  beforeAll(async () => {
    // One Slurm file at a time on the cluster (training.slurm.test.ts counts on its GPUs too).
    release = await holdCluster(C);
    h = await memoryDb({ seed: true });
    await cancelAllJobs(C);
  }, 420_000);
  afterAll(async () => {
    if (!skip) await cancelAllJobs(C).catch(() => undefined);
    await h?.close();
    release?.();
    if (!skip) await stopTestCluster(C);
  });

  it('is connected by an admin, its credential sealed; "test connection" answers version, partitions and nodes', async () => {
    await expect(
      as('user_engineer').clusters.save({
        projectId: P,
        name: 'lab',
        url: C.url,
        userName: C.user,
        credentialKind: 'jwt_key',
        credential: C.jwtKeyBase64,
      }),
    ).rejects.toThrow();
    const saved = await as('user_admin').clusters.save({
      projectId: P,
      name: 'lab',
      url: C.url,
      userName: C.user,
      credentialKind: 'jwt_key',
      credential: C.jwtKeyBase64,
      defaultPartition: C.partition,
      workDir: C.jobDir,
    });
    clusterId = saved.id;
    expect(saved).toMatchObject({ hasCredential: true });
    expect(JSON.stringify(await as('user_viewer').clusters.list({ projectId: P }))).not.toContain(C.jwtKeyBase64);
    const [row] = await h.db.select().from(clusters).where(eq(clusters.id, clusterId));
    expect(row!.credentialSealed).not.toContain(C.jwtKeyBase64);

    const t = await as('user_admin').clusters.test({ projectId: P, id: clusterId });
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    expect(t.version).toMatch(/^\d+\.\d+/);
    expect(t.partitions.map((p) => p.partition)).toContain(C.partition);
    expect(t.nodes.map((n) => n.name)).toEqual([C.node]);
  });

  it('answers a bad token with the exact error, a token from scontrol with the version', async () => {
    const bad = await as('user_admin').clusters.save({
      projectId: P,
      name: 'bad',
      url: C.url,
      userName: C.user,
      credentialKind: 'token',
      credential: 'not-a-token',
    });
    const t = await as('user_admin').clusters.test({ projectId: P, id: bad.id });
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.error).toMatch(/Slurm refused the ping/);
    const good = await as('user_admin').clusters.save({
      projectId: P,
      id: bad.id,
      name: 'bad',
      url: C.url,
      userName: C.user,
      credentialKind: 'token',
      credential: await slurmToken(C),
    });
    expect((await as('user_admin').clusters.test({ projectId: P, id: good.id })).ok).toBe(true);
    await as('user_admin').clusters.remove({ projectId: P, id: good.id });
  });

  it('shows the partition as a pool read from Slurm: cores, memory and 2 GPUs', async () => {
    const [view] = await as('user_viewer').clusters.pools({ projectId: P });
    expect(view).toMatchObject({ reachable: true, error: null });
    const pool = view!.pools.find((p) => p.partition === C.partition)!;
    expect(pool.nodes.total).toBe(1);
    expect(pool.cpus.total).toBeGreaterThanOrEqual(1);
    expect(pool.memoryMb.total).toBeGreaterThan(100);
    expect(pool.gpus).toEqual({ total: 2, allocated: 0, idle: 2, drained: 0 });
  });

  it('grants a 1-GPU allocation as a Slurm job with its GPU index; release cancels the job', async () => {
    const r = await as('user_engineer').request(gpuRequest(1, { purpose: 'one gpu' }));
    expect(r.outcome).not.toBe('refused');
    const id = r.allocation!.id;
    const jobId = r.allocation!.externalJobId!;
    expect(jobId).toMatch(/^\d+$/);
    const granted = await until(
      'granted',
      () => settled(id),
      (a) => a.status === 'granted',
    );
    expect(granted.gpuIndices).toEqual([0]);
    expect(granted.machineName).toContain(C.node);
    const pool = (await as('user_viewer').clusters.pools({ projectId: P }))[0]!.pools[0]!;
    expect(pool.gpus).toMatchObject({ allocated: 1, idle: 1 });

    const released = await as('user_engineer').release({ projectId: P, allocationId: id });
    expect(released.status).toBe('released');
    await until(
      'the Slurm job cancelled',
      () => squeueState(C, jobId),
      (s) => s === 'CANCELLED',
      10_000,
    );
  });

  it('queues a second request behind a 2-GPU job with reason Resources and says who holds the GPUs', async () => {
    const first = await as('user_engineer').request(gpuRequest(2));
    const a = await until(
      'granted',
      () => settled(first.allocation!.id),
      (x) => x.status === 'granted',
    );
    expect(a.gpuIndices).toEqual([0, 1]);
    const second = await as('user_engineer').request(gpuRequest(1));
    const q = await until(
      'Resources',
      () => settled(second.allocation!.id),
      (x) => x.externalReason === 'Resources',
    );
    expect(q.status).toBe('queued');
    const queue = await as('user_viewer').queue({ projectId: P, page: 1, pageSize: 20 });
    const wait = queue.rows.find((r) => r.id === q.id)!.wait;
    expect(wait.reason).toContain(`Waiting for 1 GPU: both are held by job ${a.externalJobId}.`);
    expect(wait.reason).toContain('reason Resources');
    expect(wait.position).toBe(1);
    const detail = await as('user_viewer').get({ projectId: P, allocationId: q.id });
    expect(detail.wait?.reason).toContain('both are held by job');

    await as('user_engineer').release({ projectId: P, allocationId: a.id });
    const now = await until(
      'granted after release',
      () => settled(q.id),
      (x) => x.status === 'granted',
    );
    expect(now.gpuIndices).toHaveLength(1);
    await as('user_engineer').release({ projectId: P, allocationId: q.id });
  });

  it('refuses a request for 3 GPUs at once, in Slurm words', async () => {
    const r = await as('user_engineer').request(gpuRequest(3));
    expect(r.outcome).toBe('refused');
    expect(r.reason).toContain('Requested node configuration is not available');
    const rows = await h.db.select().from(allocations).where(eq(allocations.count, 3));
    expect(rows).toHaveLength(0);
  });

  it('asks for no memory as the cluster default per core, never the whole node', async () => {
    const r = await as('user_engineer').request(gpuRequest(1, { memoryMb: 0 }));
    await until(
      'granted',
      () => settled(r.allocation!.id),
      (x) => x.status === 'granted',
    );
    const pool = (await as('user_viewer').clusters.pools({ projectId: P }))[0]!.pools[0]!;
    expect(pool.memoryMb.allocated).toBe(512); // DefMemPerCPU × 1 core
    await as('user_engineer').release({ projectId: P, allocationId: r.allocation!.id });
  });

  it('reconciles a job cancelled outside the app as released within one interval', async () => {
    const r = await as('user_engineer').request(gpuRequest(1));
    const id = r.allocation!.id;
    await until(
      'granted',
      () => settled(id),
      (x) => x.status === 'granted',
    );
    await scancel(C, r.allocation!.externalJobId!);
    const t0 = Date.now();
    // The worker loop's periodic pass (sweepAllocations on each tick) alone, no read involved.
    const ended = await until(
      'released by reconcile',
      async () => {
        await sweepAllocations(h.db);
        const [row] = await h.db.select().from(allocations).where(eq(allocations.id, id));
        return row!;
      },
      (x) => x.status === 'released',
      RECONCILE_MS + 5_000,
    );
    expect(Date.now() - t0).toBeLessThan(RECONCILE_MS + 2_000);
    expect(ended.endReason).toMatch(/cancelled outside the app/);
  });

  it('fails an allocation Slurm ended itself, with Slurm reason', async () => {
    const [c] = await h.db.select().from(clusters).where(eq(clusters.id, clusterId));
    const r = await requestClusterAllocation(h.db, {
      projectId: P,
      clusterId,
      poolType: 'training',
      cpus: 1,
      gpus: 1,
      memoryMb: 100,
      timeLimitMinutes: 5,
      script: '#!/bin/bash\nexit 3\n',
    });
    const id = r.allocation!.id;
    const ended = await until(
      'failed',
      async () => {
        await reconcileCluster(h.db, c!);
        const [row] = await h.db.select().from(allocations).where(eq(allocations.id, id));
        return row!;
      },
      (x) => x.status === 'failed',
    );
    expect(ended.externalState).toBe('FAILED');
    expect(ended.endReason).toBe(`Slurm job ${r.allocation!.externalJobId} ended FAILED (NonZeroExitCode).`);
  });

  it('shows the pool as unreachable with the time of the last good read when slurmrestd is down', async () => {
    const before = (await as('user_viewer').clusters.list({ projectId: P })).find((c) => c.id === clusterId)!;
    expect(before.lastOkAt).toBeTruthy();
    await stopRest(C);
    try {
      const [view] = await as('user_viewer').clusters.pools({ projectId: P });
      expect(view).toMatchObject({ reachable: false, lastOkAt: before.lastOkAt });
      expect(view!.error).toMatch(/unreachable \(ECONNREFUSED\) after 3 tries/);
      // The last good read is still shown.
      expect(view!.pools[0]!.gpus.total).toBe(2);
    } finally {
      await restartRest();
    }
    expect((await as('user_viewer').clusters.pools({ projectId: P }))[0]!.reachable).toBe(true);
  });

  it('keeps a credential to the URL it was sealed for', async () => {
    await h.db.update(clusters).set({ url: 'http://127.0.0.1:59999' }).where(eq(clusters.id, clusterId));
    const [view] = await as('user_viewer').clusters.pools({ projectId: P });
    expect(view!.reachable).toBe(false);
    expect(view!.error).toMatch(/saved for another URL/);
    await h.db.update(clusters).set({ url: C.url }).where(eq(clusters.id, clusterId));
  });
});
