// Real `npm run worker` processes against a scratch Postgres: crash recovery, exactly-once completion, cancellation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { postgresAdminUrl, postgresReachable, scratchPostgres, type ScratchPostgres } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { jobEvents, jobs } from '@/db/schema';
import { enqueue, requestCancel, type Job } from './queue';
import { killAllWorkers, spawnWorker, workersOutput } from './testing/worker-process';

const reachable = await postgresReachable();
if (!reachable) {
  const where = new URL(postgresAdminUrl());
  where.password = '';
  console.warn(`Skipping worker process tests: no Postgres reachable at ${where} (set TEST_POSTGRES_URL to point at one).`);
}

const P = DEMO_PROJECT_ID;
const DIAGNOSTIC = 'system.diagnostic';
type DiagnosticResult = { steps: number; workerId: string; attempt: number };

describe.skipIf(!reachable)('worker processes on Postgres', () => {
  let pg: ScratchPostgres | undefined;

  beforeAll(async () => {
    pg = await scratchPostgres({ seed: true });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') console.log(`--- worker output for "${ctx.task.name}" ---\n${workersOutput()}`);
    await killAllWorkers();
    // A failed test may leave jobs behind that the next test's workers would pick up and muddle its counts.
    if (pg) await pg.db.delete(jobs).where(inArray(jobs.status, ['queued', 'running']));
  });

  afterAll(async () => {
    try {
      await killAllWorkers();
    } finally {
      await pg?.drop();
    }
  });

  const db = () => {
    if (!pg) throw new Error('scratch Postgres was not created');
    return pg.db;
  };
  const url = () => pg!.url;

  const readJob = async (id: string): Promise<Job> => {
    const [row] = await db().select().from(jobs).where(eq(jobs.id, id));
    if (!row) throw new Error(`job ${id} vanished`);
    return row;
  };
  const eventsOf = (id: string) => db().select().from(jobEvents).where(eq(jobEvents.jobId, id)).orderBy(asc(jobEvents.id));

  /** Polls `read` until `done` holds; on timeout the error names what was awaited and the last state seen. */
  async function waitFor<S>(what: string, read: () => Promise<S>, done: (s: S) => boolean, timeoutMs: number): Promise<S> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await read();
      if (done(s)) return s;
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${describeState(s)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const describeState = (s: unknown) =>
    JSON.stringify(s, (k, v) => (k === 'input' || k === 'createdAt' || k === 'updatedAt' ? undefined : v));

  it('a worker killed with SIGKILL mid-job: the job still completes exactly once on another worker', async () => {
    const a = await spawnWorker({ name: 'A', databaseUrl: url() });
    const job = await enqueue(db(), { projectId: P, type: DIAGNOSTIC, input: { steps: 20, stepMs: 150 }, leaseSeconds: 2 });

    await waitFor(
      'worker A to be running the job past 10%',
      () => readJob(job.id),
      (j) => j.status === 'running' && j.workerId === a.id && j.progress > 0.1,
      15_000,
    );
    await a.kill('SIGKILL');
    expect(a.alive()).toBe(false);

    const b = await spawnWorker({ name: 'B', databaseUrl: url() });
    const done = await waitFor(
      'the job to succeed on worker B',
      () => readJob(job.id),
      (j) => j.status !== 'running' && j.status !== 'queued',
      30_000,
    );

    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ steps: 20, workerId: b.id, attempt: 2 } satisfies DiagnosticResult);
    expect(done.attempts).toBe(2);
    expect(done.progress).toBe(1);
    const events = await eventsOf(job.id);
    expect(events.map((e) => [e.kind, e.attempt, e.workerId])).toEqual([
      ['enqueued', 0, null],
      ['claimed', 1, a.id],
      ['requeued', 1, null],
      ['claimed', 2, b.id],
      ['succeeded', 2, b.id],
    ]);
  }, 60_000);

  it('two workers running together never run one job twice', async () => {
    const [a, b] = await Promise.all([spawnWorker({ name: 'A', databaseUrl: url() }), spawnWorker({ name: 'B', databaseUrl: url() })]);
    // Enqueued only once both are polling, so neither can drain the queue before the other starts.
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await enqueue(db(), { projectId: P, type: DIAGNOSTIC, input: { steps: 2, stepMs: 20 } })).id);

    const finished = await waitFor(
      'all 12 jobs to succeed',
      () => db().select().from(jobs).where(inArray(jobs.id, ids)),
      (rows) => rows.filter((r) => r.status === 'succeeded').length === ids.length,
      20_000,
    );

    const events = await db().select().from(jobEvents).where(inArray(jobEvents.jobId, ids)).orderBy(asc(jobEvents.id));
    const perWorker = new Map<string, number>();
    for (const j of finished) {
      const mine = events.filter((e) => e.jobId === j.id);
      const claimed = mine.filter((e) => e.kind === 'claimed');
      const succeeded = mine.filter((e) => e.kind === 'succeeded');
      expect(
        mine.map((e) => e.kind),
        `events of ${j.id}`,
      ).toEqual(['enqueued', 'claimed', 'succeeded']);
      const result = j.result as DiagnosticResult;
      expect(j.attempts).toBe(1);
      expect(claimed[0]!.workerId).toBe(result.workerId);
      expect(succeeded[0]!.workerId).toBe(result.workerId);
      expect([a.id, b.id]).toContain(result.workerId);
      perWorker.set(result.workerId, (perWorker.get(result.workerId) ?? 0) + 1);
    }
    console.log(`jobs per worker: A ${perWorker.get(a.id) ?? 0}, B ${perWorker.get(b.id) ?? 0}`);
    expect(perWorker.get(a.id) ?? 0, 'worker A did no job').toBeGreaterThan(0);
    expect(perWorker.get(b.id) ?? 0, 'worker B did no job').toBeGreaterThan(0);
  }, 45_000);

  it('a cancelled job stops, and its worker goes on to the next job', async () => {
    const a = await spawnWorker({ name: 'A', databaseUrl: url() });
    const long = await enqueue(db(), { projectId: P, type: DIAGNOSTIC, input: { steps: 100, stepMs: 100 } });
    await waitFor(
      'worker A to be running the long job',
      () => readJob(long.id),
      (j) => j.status === 'running' && j.workerId === a.id && j.progress > 0,
      15_000,
    );

    const asked = await requestCancel(db(), P, long.id);
    expect(asked?.cancelRequested).toBe(true);
    const cancelled = await waitFor(
      'the long job to be cancelled',
      () => readJob(long.id),
      (j) => j.status !== 'running',
      5_000,
    );
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress).toBeLessThan(1);
    expect(cancelled.result).toBeNull();
    const kinds = (await eventsOf(long.id)).map((e) => [e.kind, e.workerId]);
    expect(kinds).toContainEqual(['cancelled', a.id]);
    expect(kinds.map(([k]) => k)).not.toContain('succeeded');
    expect(a.alive(), 'worker A exited instead of stopping only the job').toBe(true);

    const next = await enqueue(db(), { projectId: P, type: DIAGNOSTIC, input: { steps: 2, stepMs: 20 } });
    const after = await waitFor(
      'the following job to finish',
      () => readJob(next.id),
      (j) => j.status !== 'queued' && j.status !== 'running',
      10_000,
    );
    expect(after.status).toBe('succeeded');
    expect((after.result as DiagnosticResult).workerId).toBe(a.id);
    expect(a.alive()).toBe(true);
    // The cancelled job must stay stopped: no late completion from a step still in flight.
    expect((await readJob(long.id)).status).toBe('cancelled');
  }, 45_000);
});
