// Races on real Postgres, where requests arrive on separate connections at once: the pool lock lets one win each unit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { postgresAdminUrl, postgresReachable, scratchPostgres, type ScratchPostgres } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { allocations, workers } from '@/db/schema';
import { localResources } from './local-resources';
import { releaseAllocation, requestAllocation } from './allocations';

const reachable = await postgresReachable();
if (!reachable) {
  const where = new URL(postgresAdminUrl());
  where.password = '';
  console.warn(`Skipping allocation race tests: no Postgres reachable at ${where} (set TEST_POSTGRES_URL to point at one).`);
}

const P = DEMO_PROJECT_ID;

describe.skipIf(!reachable)('allocation races on Postgres', () => {
  let pg: ScratchPostgres;
  let cores: number;
  let localGpus: number;

  beforeAll(async () => {
    pg = await scratchPostgres({ seed: true });
    const r = await localResources();
    cores = r.cpus;
    localGpus = r.gpus.length;
  });
  afterAll(() => pg?.drop());
  beforeEach(async () => {
    await pg.db.delete(allocations).where(sql`true`); // every row: each test starts from an empty table
    await pg.db.delete(workers).where(sql`true`); // every row: each test starts from an empty table
  });

  it('gives the last GPU to exactly one of many simultaneous requests', async () => {
    await pg.db.insert(workers).values({
      id: 'wkr_gpubox',
      projectId: P,
      kind: 'remote',
      name: 'gpu-box',
      queues: ['gpu'],
      resources: { cpus: 8, memoryMb: 32_768, gpus: Array.from({ length: localGpus + 1 }, () => ({ name: 'H100', memoryMb: 81_559 })) },
    });
    const ask = { projectId: P, poolType: 'training', resourceType: 'gpu', count: localGpus + 1, memoryMb: 1024 } as const;
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => requestAllocation(pg.db, ask)));
    expect(outcomes.filter((o) => o.outcome === 'granted')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'queued')).toHaveLength(7);
  });

  it('never grants more cores than this machine has while requests and releases interleave', async () => {
    const ask = { projectId: P, poolType: 'inference', resourceType: 'cpu', count: 1, memoryMb: 0 } as const;
    const first = await Promise.all(Array.from({ length: cores + 4 }, () => requestAllocation(pg.db, ask)));
    expect(first.filter((o) => o.outcome === 'granted')).toHaveLength(cores);
    const grantedIds = first.filter((o) => o.outcome === 'granted').map((o) => o.allocation!.id);
    // Release every holder while new requests pour in: whatever the interleaving, the machine is never over-committed.
    await Promise.all([
      ...grantedIds.map((id) => releaseAllocation(pg.db, P, id, 'done')),
      ...Array.from({ length: 4 }, () => requestAllocation(pg.db, ask)),
    ]);
    // 4 still waiting from the first wave + 4 new ones: as many as the machine holds are granted, the rest wait.
    const held = await pg.db.select().from(allocations).where(eq(allocations.status, 'granted'));
    const waiting = await pg.db.select().from(allocations).where(eq(allocations.status, 'queued'));
    expect(held.length).toBe(Math.min(cores, 8));
    expect(waiting.length).toBe(8 - held.length);
  });
});
