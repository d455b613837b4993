// Allocations on a real (embedded) Postgres against this machine's real capacity and announced remote workers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID, SANDBOX_PROJECT_ID } from '@/server/main/demo-seed';
import { allocations, jobs, workers, type Allocation } from '@/db/schema';
import type { DbHandle } from '@/db';
import { claim, enqueue, requestCancel } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { diagnosticJob } from '@/server/system/jobs';
import { localResources } from './local-resources';
import {
  getAllocation,
  releaseAllocation,
  releaseForJob,
  requestAllocation,
  restartAllocation,
  sweepAllocations,
  type AllocationRequest,
} from './allocations';
import { explainWait } from './waits';
import { poolSummary } from './summary';

let h: DbHandle;
let cores: number;
let localGpus: number;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
  const r = await localResources();
  cores = r.cpus;
  localGpus = r.gpus.length;
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.delete(allocations).where(sql`true`); // every row: each test starts from an empty table
  await h.db.delete(workers).where(sql`true`); // every row: each test starts from an empty table
  await h.db.delete(jobs).where(sql`true`); // every row: each test starts from an empty table
});

const P = DEMO_PROJECT_ID;
const cpu = (count: number, o: Partial<AllocationRequest> = {}): AllocationRequest => ({
  projectId: P,
  poolType: 'training',
  resourceType: 'cpu',
  count,
  memoryMb: 256,
  ...o,
});
const gpu = (count: number, o: Partial<AllocationRequest> = {}) => cpu(count, { resourceType: 'gpu', ...o });
const granted = async (r: AllocationRequest) => {
  const out = await requestAllocation(h.db, r);
  if (out.outcome !== 'granted') throw new Error(`expected a grant, got ${out.outcome}: ${out.reason ?? ''}`);
  return out.allocation;
};
const queued = async (r: AllocationRequest) => {
  const out = await requestAllocation(h.db, r);
  if (out.outcome !== 'queued') throw new Error(`expected to queue, got ${out.outcome}`);
  return out.allocation;
};
const statusOf = async (a: Allocation) => (await getAllocation(h.db, P, a.id))!.status;

async function announceRemote(o: { gpus: number; seenSecondsAgo?: number; projectId?: string }) {
  const [w] = await h.db
    .insert(workers)
    .values({
      id: `wkr_gpu${Math.random().toString(36).slice(2, 8)}`,
      projectId: o.projectId ?? P,
      kind: 'remote',
      name: 'gpu-box',
      queues: ['gpu'],
      resources: {
        cpus: 8,
        memoryMb: 65_536,
        gpus: Array.from({ length: o.gpus }, () => ({ name: 'NVIDIA H100 80GB HBM3', memoryMb: 81_559 })),
      },
      lastSeenAt: sql`now() - make_interval(secs => ${o.seenSecondsAgo ?? 0})`,
    })
    .returning();
  return w!;
}

describe('requesting an allocation', () => {
  it('grants at once when it fits, on this machine, with an alloc_ id', async () => {
    const a = await granted(cpu(1, { purpose: 'smoke test' }));
    expect(a.id).toMatch(/^alloc_/);
    expect(a).toMatchObject({ status: 'granted', machineId: 'local', purpose: 'smoke test' });
    expect(a.grantedAt).toBeInstanceOf(Date);
  });

  it('queues what does not fit now, and says why, what holds it, and its place', async () => {
    const holder = await granted(cpu(cores, { purpose: 'holds every core' }));
    const waiting = await queued(cpu(1));
    expect(waiting.status).toBe('queued');
    const wait = (await explainWait(h.db, P, waiting.id))!;
    expect(wait.position).toBe(1);
    expect(wait.reason).toContain(`short of CPU cores on this machine`);
    expect(wait.reason).toContain(`needs 1, 0 of ${cores} free — held by ${holder.id} (holds every core)`);
    expect(wait.etaText).toBe(`unknown — held by open-ended allocations: ${holder.id} (holds every core)`);
  });

  it('refuses what can never fit, with the reason, and stores nothing', async () => {
    const out = await requestAllocation(h.db, gpu(localGpus + 1));
    expect(out.outcome).toBe('refused');
    if (localGpus === 0) {
      expect(out.reason).toMatch(/^This pool has 0 GPUs; the largest GPU request it can ever grant is 0\./);
    }
    const tooMany = await requestAllocation(h.db, cpu(cores + 1));
    expect(tooMany.reason).toContain(`the largest CPU request it can ever grant is ${cores}`);
    expect(await h.db.select().from(allocations)).toEqual([]);
  });

  it('refuses a job of another project and a job that has already ended', async () => {
    const other = await enqueue(h.db, { projectId: SANDBOX_PROJECT_ID, type: diagnosticJob.type });
    await expect(requestAllocation(h.db, cpu(1, { jobId: other.id }))).rejects.toThrow(`No job ${other.id} in this project.`);
    const mine = await enqueue(h.db, { projectId: P, type: diagnosticJob.type });
    await requestCancel(h.db, P, mine.id);
    await expect(requestAllocation(h.db, cpu(1, { jobId: mine.id }))).rejects.toThrow(/has already ended \(cancelled\)/);
  });
});

describe('the queue', () => {
  it('grants in priority order, then first come first served, as capacity is released', async () => {
    const holder = await granted(cpu(cores));
    const lowFirst = await queued(cpu(1, { purpose: 'low, first' }));
    const high = await queued(cpu(1, { priority: 10, purpose: 'high' }));
    const lowSecond = await queued(cpu(1, { purpose: 'low, second' }));
    expect((await explainWait(h.db, P, high.id))!.position).toBe(1);
    expect((await explainWait(h.db, P, lowFirst.id))!.position).toBe(2);
    expect((await explainWait(h.db, P, lowSecond.id))!.position).toBe(3);

    const released = await releaseAllocation(h.db, P, holder.id, 'test done');
    expect(released).toMatchObject({ status: 'released', endReason: 'test done' });
    expect(released!.endedAt).toBeInstanceOf(Date);
    const order = [high, lowFirst, lowSecond];
    const after = await Promise.all(order.map(statusOf));
    // Freed cores go to the queue in order: as many as fit, never a later one before an earlier one.
    const grantedCount = Math.min(cores, 3);
    expect(after).toEqual(order.map((_, i) => (i < grantedCount ? 'granted' : 'queued')));
  });

  it('does not let a small request jump a blocked big one (no backfill)', async () => {
    if (cores < 2) return; // needs a request bigger than the free part of the machine
    const holder = await granted(cpu(cores - 1));
    const big = await queued(cpu(cores, { purpose: 'needs the whole machine' }));
    // One core is free, but the big request came first: the small one waits behind it.
    const small = await queued(cpu(1));
    const wait = (await explainWait(h.db, P, small.id))!;
    expect(wait.position).toBe(2);
    expect(wait.reason).toContain(`behind ${big.id} in the queue`);
    await releaseAllocation(h.db, P, holder.id, 'done');
    expect(await statusOf(big)).toBe('granted');
    expect(await statusOf(small)).toBe('queued');
    await releaseAllocation(h.db, P, big.id, 'done');
    expect(await statusOf(small)).toBe('granted');
  });

  it('cancels a queued request without touching what is granted, and restarts an ended one as a new request', async () => {
    const holder = await granted(cpu(cores));
    const waiting = await queued(cpu(1, { purpose: 'retry me' }));
    expect(await releaseAllocation(h.db, P, waiting.id, 'changed my mind')).toMatchObject({ status: 'cancelled' });
    expect(await statusOf(holder)).toBe('granted');
    expect(await releaseAllocation(h.db, P, waiting.id, 'again')).toBeNull();

    const again = await restartAllocation(h.db, P, waiting.id, 'user_engineer');
    expect(again.outcome).toBe('queued');
    expect(again.allocation).toMatchObject({ restartedFrom: waiting.id, purpose: 'retry me', count: 1 });
    expect(again.allocation!.id).not.toBe(waiting.id);
    await expect(restartAllocation(h.db, P, holder.id, null)).rejects.toThrow(/still granted/);
  });

  it('gives the last unit to exactly one of two racing requests', async () => {
    await announceRemote({ gpus: localGpus + 1 });
    const last = gpu(localGpus + 1);
    const outcomes = await Promise.all([requestAllocation(h.db, last), requestAllocation(h.db, last)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['granted', 'queued']);
    // And many racing for this machine's cores never hold more than it has.
    const many = await Promise.all(Array.from({ length: cores + 3 }, () => requestAllocation(h.db, cpu(1, { memoryMb: 0 }))));
    expect(many.filter((o) => o.outcome === 'granted')).toHaveLength(cores);
  });
});

describe('remote workers', () => {
  it('count only while they were seen recently', async () => {
    const stale = await announceRemote({ gpus: localGpus + 2, seenSecondsAgo: 120 });
    expect((await requestAllocation(h.db, gpu(localGpus + 1))).outcome).toBe('refused');
    expect((await poolSummary(h.db, P)).offline.map((w) => w.id)).toEqual([stale.id]);

    await h.db
      .update(workers)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(workers.id, stale.id));
    const a = await granted(gpu(localGpus + 1, { purpose: 'fine-tune' }));
    expect(a.machineId).toBe(stale.id);
    const summary = await poolSummary(h.db, P);
    expect(summary.capacity.gpus).toBe(2 * localGpus + 2);
    expect(summary.allocatedOwn.gpus).toBe(localGpus + 1);
  });

  it('serve only the project of their token', async () => {
    await announceRemote({ gpus: localGpus + 1, projectId: SANDBOX_PROJECT_ID });
    expect((await requestAllocation(h.db, gpu(localGpus + 1))).outcome).toBe('refused');
    expect((await requestAllocation(h.db, gpu(localGpus + 1, { projectId: SANDBOX_PROJECT_ID }))).outcome).toBe('granted');
  });

  it('grant a queued request when a worker announces capacity, at the next sweep', async () => {
    await announceRemote({ gpus: localGpus + 1 });
    await granted(gpu(localGpus + 1));
    const second = await queued(gpu(localGpus + 1));
    const box = await announceRemote({ gpus: localGpus + 1 });
    expect(await statusOf(second)).toBe('queued');
    expect(await sweepAllocations(h.db)).toEqual({ released: 0, granted: 1 });
    expect((await getAllocation(h.db, P, second.id))!.machineId).toBe(box.id);
    // A worker going quiet does not revoke what it granted; its capacity just stops counting for new work.
    await h.db
      .update(workers)
      .set({ lastSeenAt: sql`now() - interval '10 minutes'` })
      .where(eq(workers.id, box.id));
    expect(await sweepAllocations(h.db)).toEqual({ released: 0, granted: 0 });
    expect(await statusOf(second)).toBe('granted');
  });
});

describe('allocations follow their job', () => {
  it('are released when the job succeeds, run by the real worker code', async () => {
    const job = await enqueue(h.db, { projectId: P, type: diagnosticJob.type, input: { steps: 2, stepMs: 1 } });
    const a = await granted(cpu(1, { jobId: job.id, purpose: 'diagnostic' }));
    const claimed = (await claim(h.db, { workerId: 'wkr_test', queues: ['default'] }))!;
    expect(claimed.id).toBe(job.id);
    await runJobHere(h.db, claimed, diagnosticJob, 1_000);
    const after = (await getAllocation(h.db, P, a.id))!;
    expect(after.status).toBe('released');
    expect(after.endReason).toBe(`its job ${job.id} succeeded`);
  });

  it('are kept while a failed job will be retried, released when it fails for good', async () => {
    const job = await enqueue(h.db, {
      projectId: P,
      type: diagnosticJob.type,
      input: { steps: 1, stepMs: 1, failAttempts: 5 },
      maxAttempts: 2,
    });
    const a = await granted(cpu(1, { jobId: job.id }));
    await runJobHere(h.db, (await claim(h.db, { workerId: 'w', queues: ['default'] }))!, diagnosticJob, 1_000);
    expect(await statusOf(a)).toBe('granted');
    await h.db
      .update(jobs)
      .set({ runAfter: sql`now()` })
      .where(eq(jobs.id, job.id));
    await runJobHere(h.db, (await claim(h.db, { workerId: 'w', queues: ['default'] }))!, diagnosticJob, 1_000);
    expect((await getAllocation(h.db, P, a.id))!).toMatchObject({ status: 'released', endReason: `its job ${job.id} failed` });
  });

  it('are released by the sweep when the job ends elsewhere (cancelled before it ran), promoting the queue', async () => {
    const job = await enqueue(h.db, { projectId: P, type: diagnosticJob.type });
    const a = await granted(cpu(cores, { jobId: job.id }));
    const next = await queued(cpu(1));
    await requestCancel(h.db, P, job.id);
    expect(await sweepAllocations(h.db)).toEqual({ released: 1, granted: 1 });
    expect((await getAllocation(h.db, P, a.id))!).toMatchObject({ status: 'released', endReason: `its job ${job.id} cancelled` });
    expect(await statusOf(next)).toBe('granted');
  });

  it('can be released for a job directly: granted ones released, queued ones cancelled', async () => {
    const job = await enqueue(h.db, { projectId: P, type: diagnosticJob.type });
    const a = await granted(cpu(1, { jobId: job.id }));
    const b = await queued(cpu(cores, { jobId: job.id }));
    const ended = await releaseForJob(h.db, job.id, 'training stopped');
    expect(ended.map((e) => [e.id, e.status, e.endReason]).sort()).toEqual(
      [
        [a.id, 'released', 'training stopped'],
        [b.id, 'cancelled', 'training stopped'],
      ].sort(),
    );
  });
});
