// Test fixtures for annotation: a seeded in-memory database with a few events, and tRPC callers per demo user.
import { memoryDb, scratchPostgres } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { events } from '@/db/schema';
import type { DbHandle } from '@/db';
import { createCaller } from '@/server/routers/_app';

export const P = DEMO_PROJECT_ID;

/**
 * `n` arithmetic interactions (half of them wrong), ids `evt_t0…`, newest last, under agents of their own
 * (`test-math`, and `test-support` for every third) so tests can pick them out from the demo seed's events.
 */
export async function dbWithEvents(n: number, on: 'pglite' | 'postgres' = 'pglite'): Promise<DbHandle & { drop?: () => Promise<void> }> {
  const h = on === 'postgres' ? await scratchPostgres({ seed: true }) : await memoryDb({ seed: true });
  const rows = Array.from({ length: n }, (_, i) => {
    const [a, b] = [i + 2, i * 3 + 1];
    const correct = i % 2 === 0;
    return {
      id: `evt_t${i}`,
      projectId: P,
      agentId: i % 3 === 0 ? 'test-support' : 'test-math',
      source: 'seed' as const,
      prompt: `What is ${a}+${b}?`,
      response: `<call:calculator>${a}+${b}</call><result>${a + b}</result><answer>${correct ? a + b : a + b + 1}</answer>`,
      metadata: { correct },
      occurredAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
    };
  });
  await h.db.insert(events).values(rows);
  return h;
}

export const callerFor = (h: DbHandle, userId: string) =>
  createCaller({ db: h.db, user: { id: userId, email: `${userId}@t`, name: userId } }).data.annotation;
