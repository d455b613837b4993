// The queue's contract on a real (embedded) Postgres: claim order, fencing, retries, reaping, cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { jobEvents, jobs } from '@/db/schema';
import type { DbHandle } from '@/db';
import { acknowledgeCancel, claim, complete, enqueue, fail, heartbeat, leaseOf, reapExpired, requestCancel, restart } from './queue';
import { runJob } from './worker-loop';
import { diagnosticJob } from '@/server/system/jobs';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

const P = DEMO_PROJECT_ID;
const drain = async () => {
  await h.db.delete(jobs).where(sql`true`); // every row: each test starts from an empty table
};

describe('job queue', () => {
  it('claims by priority then age, and only from the asked queues and types', async () => {
    await drain();
    const low = await enqueue(h.db, { projectId: P, type: 't.a' });
    const high = await enqueue(h.db, { projectId: P, type: 't.a', priority: 5 });
    await enqueue(h.db, { projectId: P, type: 't.a', queue: 'gpu' });
    await enqueue(h.db, { projectId: P, type: 't.b' });
    const first = await claim(h.db, { workerId: 'w1', queues: ['default'], types: ['t.a'] });
    const second = await claim(h.db, { workerId: 'w1', queues: ['default'], types: ['t.a'] });
    const third = await claim(h.db, { workerId: 'w1', queues: ['default'], types: ['t.a'] });
    expect([first?.id, second?.id, third]).toEqual([high.id, low.id, null]);
    expect(first?.status).toBe('running');
    expect(first?.attempts).toBe(1);
    const gpu = await claim(h.db, { workerId: 'w2', queues: ['gpu'] });
    expect(gpu?.queue).toBe('gpu');
  });

  it('never hands one job to two concurrent claimers', async () => {
    await drain();
    for (let i = 0; i < 20; i++) await enqueue(h.db, { projectId: P, type: 't.c' });
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => claim(h.db, { workerId: `w${i}`, queues: ['default'] })));
    const ids = claims.filter(Boolean).map((j) => j!.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('fences completion: a worker whose lease was reaped cannot complete the job', async () => {
    await drain();
    const job = await enqueue(h.db, { projectId: P, type: 't.d', leaseSeconds: 1 });
    const claimedA = (await claim(h.db, { workerId: 'A', queues: ['default'] }))!;
    await h.db
      .update(jobs)
      .set({ heartbeatAt: sql`now() - interval '5 seconds'` })
      .where(eq(jobs.id, job.id));
    expect((await reapExpired(h.db)).requeued).toBe(1);
    const claimedB = (await claim(h.db, { workerId: 'B', queues: ['default'] }))!;
    expect(claimedB.attempts).toBe(2);
    expect(await heartbeat(h.db, leaseOf(claimedA))).toEqual({ held: false, cancelRequested: false });
    expect(await complete(h.db, leaseOf(claimedA), { by: 'A' })).toBe(false);
    expect(await complete(h.db, leaseOf(claimedB), { by: 'B' })).toBe(true);
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row?.result).toEqual({ by: 'B' });
    const kinds = (await h.db.select().from(jobEvents).where(eq(jobEvents.jobId, job.id))).map((e) => e.kind);
    expect(kinds).toEqual(['enqueued', 'claimed', 'requeued', 'claimed', 'succeeded']);
  });

  it('retries a failed attempt with back-off, then fails for good when attempts are spent', async () => {
    await drain();
    const job = await enqueue(h.db, { projectId: P, type: 't.e', maxAttempts: 2 });
    const a1 = (await claim(h.db, { workerId: 'A', queues: ['default'] }))!;
    expect(await fail(h.db, leaseOf(a1), 'boom')).toBe('queued');
    expect(await claim(h.db, { workerId: 'A', queues: ['default'] })).toBeNull(); // backing off
    await h.db
      .update(jobs)
      .set({ runAfter: sql`now()` })
      .where(eq(jobs.id, job.id));
    const a2 = (await claim(h.db, { workerId: 'A', queues: ['default'] }))!;
    expect(await fail(h.db, leaseOf(a2), 'boom again')).toBe('failed');
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: 'failed', error: 'boom again', attempts: 2 });
    expect(await restart(h.db, P, job.id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('fails at once on a permanent error such as invalid input', async () => {
    await drain();
    const job = await enqueue(h.db, { projectId: P, type: diagnosticJob.type, input: { steps: 'many' } });
    const claimed = (await claim(h.db, { workerId: 'A', queues: ['default'] }))!;
    await runJob(h.db, claimed, diagnosticJob, { heartbeatMs: 1000 });
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/Invalid input: steps/);
  });

  it('cancels a queued job at once and a running one through its worker', async () => {
    await drain();
    const queued = await enqueue(h.db, { projectId: P, type: 't.f' });
    expect((await requestCancel(h.db, P, queued.id))?.status).toBe('cancelled');

    const job = await enqueue(h.db, { projectId: P, type: diagnosticJob.type, input: { steps: 200, stepMs: 20 } });
    const claimed = (await claim(h.db, { workerId: 'A', queues: ['default'] }))!;
    const run = runJob(h.db, claimed, diagnosticJob, { heartbeatMs: 20 });
    await new Promise((r) => setTimeout(r, 150));
    expect((await requestCancel(h.db, P, job.id))?.cancelRequested).toBe(true);
    await run;
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row?.status).toBe('cancelled');
    expect(row?.progress).toBeGreaterThan(0);
    expect(row?.progress).toBeLessThan(1);
    expect(await acknowledgeCancel(h.db, leaseOf(claimed))).toBe(false);
  });

  it('runs a diagnostic job to completion with progress and metrics', async () => {
    await drain();
    const job = await enqueue(h.db, { projectId: P, type: diagnosticJob.type, input: { steps: 3, stepMs: 1 } });
    const claimed = (await claim(h.db, { workerId: 'A', queues: ['default'] }))!;
    await runJob(h.db, claimed, diagnosticJob, { heartbeatMs: 1000 });
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: 'succeeded', progress: 1, result: { steps: 3, workerId: 'A', attempt: 1 } });
  });

  it('runs the onSucceeded hook inside the completion: its result is stored, and its failure rolls the success back', async () => {
    await drain();
    const job = await enqueue(h.db, { projectId: P, type: 't.hook' });
    const claimed = (await claim(h.db, { workerId: 'A', queues: ['default'] }))!;
    const refused = await complete(h.db, leaseOf(claimed), { n: 1 }, async () => {
      throw new Error('cannot register');
    }).catch((e: unknown) => e);
    expect((refused as Error).message).toBe('cannot register');
    const [still] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(still).toMatchObject({ status: 'running', result: null });

    const seen: unknown[] = [];
    const ok = await complete(h.db, leaseOf(claimed), { n: 1 }, async (tx, row, result) => {
      seen.push([row.status, result]);
      const [inside] = await tx.select().from(jobs).where(eq(jobs.id, job.id));
      expect(inside?.status).toBe('succeeded');
      return { n: 1, registered: true };
    });
    expect(ok).toBe(true);
    expect(seen).toEqual([['succeeded', { n: 1 }]]);
    const [row] = await h.db.select().from(jobs).where(eq(jobs.id, job.id));
    expect(row).toMatchObject({ status: 'succeeded', result: { n: 1, registered: true } });
    const events = await h.db.select().from(jobEvents).where(eq(jobEvents.jobId, job.id));
    expect(events.map((e) => e.kind)).toEqual(['enqueued', 'claimed', 'succeeded']);
    // A second completion of the same lease changes nothing and does not run the hook again.
    expect(await complete(h.db, leaseOf(claimed), {}, async () => seen.push('again'))).toBe(false);
    expect(seen).toHaveLength(1);
  });
});
