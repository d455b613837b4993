// Buckets crowded past the candidate cap (MAX_CANDIDATES): hundreds of tickets written from one template share most
// of their band keys, so each walk stops at the cap. The database-backed run, small pages in flight while the next is
// looked up, must cut each walk where the in-memory Cleaner does and give its verdicts exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import { events, projects } from '@/db/schema';
import { memoryDb } from '@/server/testing/db';
import { eventsWithVerdicts } from '@/server/testing/verdicts';
import { DEFAULT_CLEAN_CONFIG } from './config';
import { MAX_CANDIDATES } from './dedupe';
import { executeCleanRun } from './execute';
import { bandingFor } from './lsh';
import { Cleaner } from './pipeline';
import { describeText } from './prepare';
import { startCleanRun } from './runs';

const P = 'proj_crowded';
const SHARED = [
  'the customer reports that the nightly export of the billing account fails whenever the reporting team runs',
  'its quarterly summary while the replicas in the western region are still catching up after the maintenance',
  'window so the job times out and the dashboard shows stale totals until someone restarts the export by hand',
  'which the on call engineer has done three times this week without finding why the replicas fall so far behind',
].join(' ');

/** A made-up word per (event, slot): text the shared part's shingles never meet. */
const word = (i: number, k: number) => {
  let x = Math.imul(i * 31 + k + 1, 0x9e3779b1) >>> 0;
  let w = '';
  for (let n = 0; n < 6; n++, x = Math.floor(x / 26)) w += String.fromCharCode(97 + (x % 26));
  return w;
};

/**
 * Ticket i: the long shared text and a dozen words of its own, so two tickets are about 70% alike (under the 80%
 * threshold: all kept) while a band's rows fall in the shared part for about a third of them.
 */
function ticket(i: number) {
  const own = Array.from({ length: 12 }, (_, k) => word(i, k)).join(' ');
  return { id: `evt_c_${String(i).padStart(5, '0')}`, prompt: `Please look into ticket ${word(i, 99)}`, response: `${SHARED} ${own}` };
}

let h: DbHandle;
const list = Array.from({ length: 900 }, (_, i) => ticket(i));

beforeAll(async () => {
  h = await memoryDb();
  await h.db.insert(projects).values({ id: P, name: 'Crowded', slug: 'crowded' });
  await h.db.insert(events).values(
    list.map((e, i) => ({
      ...e,
      projectId: P,
      agentId: 'bot',
      source: 'api' as const,
      occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 1000),
    })),
  );
}, 120_000);
afterAll(() => h?.close());

describe('cleaning with buckets crowded past the candidate cap', () => {
  it('gives the in-memory Cleaner’s verdicts, pages in flight or not', async () => {
    const cleaner = new Cleaner();
    const want = list.map((e) => {
      const v = cleaner.clean(e);
      return [e.id, v.status, v.reason, v.duplicateOf];
    });
    // The material does crowd: among the events kept, some band key is shared by more than the cap.
    const banding = bandingFor(DEFAULT_CLEAN_CONFIG.nearDuplicateThreshold);
    const kept = list.filter((_, i) => want[i]![1] === 'kept');
    const perKey = new Map<number, number>();
    for (const e of kept) for (const k of describeText(e.prompt, e.response, banding).bands) perKey.set(k, (perKey.get(k) ?? 0) + 1);
    expect(Math.max(...perKey.values())).toBeGreaterThan(MAX_CANDIDATES);
    expect(want.filter((v) => v[2] === 'near_duplicate').length).toBeGreaterThan(0);

    for (const pageSize of [7, 64]) {
      const run = await startCleanRun(h.db, { projectId: P, scope: 'all', createdBy: null });
      const done = await executeCleanRun(h.db, P, run.id, { progress: async () => {}, pageSize, prepareThreadFrom: Infinity });
      expect(done.status).toBe('succeeded');
      const got = (await eventsWithVerdicts(h.db, eq(events.projectId, P))).map((e) => [
        e.id,
        e.cleanStatus,
        e.filterReason,
        e.duplicateOf,
      ]);
      expect(got).toEqual(want);
    }
  }, 120_000);
});
