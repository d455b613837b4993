// Cleaning at scale, as tests shared by PGlite (scale.test.ts) and Postgres (scale.pg.test.ts): the database-backed
// duplicate index gives the in-memory Cleaner's verdicts, a re-run gives the same ones, a "new events only" run finds
// copies of what earlier runs kept without an indexing phase, a cancelled run leaves nothing behind, and no run
// ever updates an events row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db, DbHandle } from '@/db';
import { cleanRedactions, cleanRuns, cleanVerdicts, events, jobs, projects, type CleanRun } from '@/db/schema';
import { claim, requestCancel } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { syntheticEvents, type SyntheticEvent } from '@/server/testing/cleaning-events';
import { eventsWithVerdicts } from '@/server/testing/verdicts';
import { rowsOf } from '../sql-rows';
import { executeCleanRun, markCleanRunEnded } from './execute';
import { cleanJob } from './job';
import { partitionOf } from './keys';
import { Cleaner } from './pipeline';
import { CLEAN_JOB_TYPE, getCleanRun, startCleanRun } from './runs';

const P = 'proj_clean_scale';
const BASE = Date.UTC(2025, 2, 1);

/** Whether the run's key table is there, attached or not. */
async function keyTableExists(db: Db, runId: string): Promise<boolean> {
  const res = await db.execute(sql`select to_regclass(${partitionOf(runId)})::text as t`);
  return rowsOf<{ t: string | null }>(res)[0]?.t != null;
}

async function insertEvents(db: Db, list: SyntheticEvent[], firstSecond: number) {
  for (let i = 0; i < list.length; i += 500)
    await db.insert(events).values(
      list.slice(i, i + 500).map((e, k) => ({
        ...e,
        projectId: P,
        agentId: 'bot',
        source: 'api' as const,
        // Five events to a timestamp (a bulk upload): the id breaks the tie, in the database and here alike.
        occurredAt: new Date(BASE + (firstSecond + Math.floor((i + k) / 5)) * 1000),
      })),
    );
}

/** Starts a run and runs its job here, pages of `pageSize`; `during` runs beside it (e.g. to cancel it). */
async function runClean(
  db: Db,
  scope: 'raw' | 'all',
  pageSize: number,
  during?: (run: CleanRun) => Promise<void>,
  o: { prepareThreadFrom?: number } = {},
): Promise<CleanRun> {
  const run = await startCleanRun(db, { projectId: P, scope, createdBy: null });
  await db
    .update(jobs)
    .set({ input: { runId: run.id, pageSize, ...o } })
    .where(eq(jobs.id, run.jobId!));
  const job = await claim(db, { workerId: 'scale-test', queues: ['default'], types: [CLEAN_JOB_TYPE] });
  await Promise.all([runJobHere(db, job!, cleanJob, 50), during?.(run)]);
  return (await getCleanRun(db, P, run.id))!;
}

const verdictsNow = async (db: Db) =>
  (await eventsWithVerdicts(db, eq(events.projectId, P))).map((e) => [
    e.id,
    e.cleanStatus,
    e.filterReason,
    e.duplicateOf,
    e.cleanPrompt,
    e.cleanResponse,
  ]);

/** Each event row's version and lock marker: a run neither updates an event nor locks one (a foreign key's check would). */
const xmins = async (db: Db) =>
  rowsOf<{ id: string; x: string }>(
    await db.execute(sql`select id, xmin::text || '/' || xmax::text as x from events where project_id = ${P} order by id`),
  );

const rowsOfRun = async (db: Db, runId: string) => {
  const [[v], [k], [r]] = await Promise.all([
    db.select({ n: count() }).from(cleanVerdicts).where(eq(cleanVerdicts.runId, runId)),
    db.execute(sql`select count(*)::int as n from clean_keys where run_id = ${runId}`).then((r) => rowsOf<{ n: number }>(r)),
    db.select({ n: count() }).from(cleanRedactions).where(eq(cleanRedactions.runId, runId)),
  ]);
  return { verdicts: v!.n, keys: k!.n, redactions: r!.n };
};

/** What the in-memory Cleaner decides over the same events in the same (database) order. */
function expected(cleaner: Cleaner, list: { id: string; prompt: string; response: string }[]) {
  return list.map((e) => {
    const v = cleaner.clean(e);
    return [e.id, v.status, v.reason, v.duplicateOf, v.prompt, v.response];
  });
}

export function cleaningAtScale(name: string, open: () => Promise<DbHandle & { drop?: () => Promise<void> }>, n: number) {
  describe(`cleaning at scale (${name})`, () => {
    let h: DbHandle & { drop?: () => Promise<void> };
    let first: CleanRun;
    let firstVerdicts: unknown[][];
    let rawBefore: { id: string; x: string }[];

    beforeAll(async () => {
      h = await open();
      await h.db.insert(projects).values({ id: P, name: 'Clean scale', slug: 'clean-scale' });
      await insertEvents(h.db, syntheticEvents(n, 7), 0);
      rawBefore = await xmins(h.db);
      first = await runClean(h.db, 'all', 97);
      firstVerdicts = await verdictsNow(h.db);
    }, 300_000);
    afterAll(async () => {
      if (h?.drop) await h.drop();
      else await h?.close();
    });

    it('gives the in-memory Cleaner’s verdicts, near duplicates included, and never updates or locks an events row', async () => {
      expect(first.status).toBe('succeeded');
      const inOrder = await h.db
        .select({ id: events.id, prompt: events.prompt, response: events.response })
        .from(events)
        .where(eq(events.projectId, P))
        .orderBy(asc(events.occurredAt), asc(events.id));
      expect(firstVerdicts).toEqual(expected(new Cleaner(), inOrder));
      const counts = first.report!.counts;
      expect(counts.exact_duplicate).toBeGreaterThan(n * 0.1);
      expect(counts.near_duplicate).toBeGreaterThan(n * 0.03);
      expect(first.redacted).toBeGreaterThan(0);
      // A cleaning run writes its own tables only: every events row is the version inserted before it.
      expect(await xmins(h.db)).toEqual(rawBefore);
    });

    it('a re-run over cleaned events gives the same verdicts (its pages prepared in a thread), and the superseded run’s rows go', async () => {
      const again = await runClean(h.db, 'all', 250, undefined, { prepareThreadFrom: 0 });
      expect(again.status).toBe('succeeded');
      expect(await verdictsNow(h.db)).toEqual(firstVerdicts);
      const [old] = await h.db.select().from(cleanRuns).where(eq(cleanRuns.id, first.id));
      expect([old!.live, again.live]).toEqual([false, true]);
      expect(await rowsOfRun(h.db, first.id)).toMatchObject({ verdicts: 0, keys: 0 });
      // …and their space was reclaimed by the run itself, whatever the server's autovacuum does.
      expect(again.report!.timings.vacuum).toBeGreaterThanOrEqual(0);
      // The old run's report stays readable.
      expect(old!.report?.counts).toEqual(first.report!.counts);
      expect(await xmins(h.db)).toEqual(rawBefore);
    });

    it('a cancelled run leaves no half state, and the next run succeeds cleanly', async () => {
      const before = await verdictsNow(h.db);
      const [liveBefore] = await h.db
        .select({ id: cleanRuns.id })
        .from(cleanRuns)
        .where(and(eq(cleanRuns.projectId, P), eq(cleanRuns.live, true)));
      const cancelled = await runClean(h.db, 'all', 50, async (run) => {
        // Cancel once some pages are written, as a user pressing Cancel mid-run would.
        for (;;) {
          const [r] = await h.db
            .select({ processed: cleanRuns.processed, status: cleanRuns.status })
            .from(cleanRuns)
            .where(eq(cleanRuns.id, run.id));
          if (r!.processed >= 200) {
            await requestCancel(h.db, P, run.jobId!);
            return;
          }
          // No timer between polls: PGlite answers in microtasks, so a timer would not fire before the run ends.
          if (r!.status !== 'queued' && r!.status !== 'running') return;
        }
      });
      expect(cancelled.status).toBe('cancelled');
      expect(cancelled.processed).toBeGreaterThanOrEqual(200);
      expect(cancelled.processed).toBeLessThan(n);
      expect(await rowsOfRun(h.db, cancelled.id)).toEqual({ verdicts: 0, keys: 0, redactions: 0 });
      expect(await verdictsNow(h.db)).toEqual(before);
      const [liveAfter] = await h.db
        .select({ id: cleanRuns.id })
        .from(cleanRuns)
        .where(and(eq(cleanRuns.projectId, P), eq(cleanRuns.live, true)));
      expect(liveAfter).toEqual(liveBefore);

      const next = await runClean(h.db, 'all', 400);
      expect(next.status).toBe('succeeded');
      expect(await verdictsNow(h.db)).toEqual(before);
      expect(await rowsOfRun(h.db, liveBefore!.id)).toMatchObject({ verdicts: 0, keys: 0 });
    });

    it('a new-events-only run finds exact and near copies of events earlier runs kept, with no indexing phase', async () => {
      const kept = await eventsWithVerdicts(h.db, and(eq(events.projectId, P), sql`live_verdicts.status = 'kept'`));
      const long = kept.filter((e) => e.response.split(' ').length > 12);
      const fresh = syntheticEvents(120, 99, 'evt_new_');
      // Copies of kept events (one re-cased, one with a word added), arriving after everything else.
      fresh.push(
        ...long.slice(0, 15).map((e, i) => ({ id: `evt_new_x${i}`, prompt: e.prompt.toUpperCase(), response: e.response })),
        ...long.slice(15, 30).map((e, i) => ({ id: `evt_new_y${i}`, prompt: e.prompt, response: `${e.response} indeed` })),
      );
      await insertEvents(h.db, fresh, n);
      const seen = await xmins(h.db);

      const run = await startCleanRun(h.db, { projectId: P, scope: 'raw', createdBy: null });
      const progress: [number, string][] = [];
      const done = await executeCleanRun(h.db, P, run.id, { pageSize: 40, progress: async (f, m) => void progress.push([f, m]) });
      // The job finds its run done already.
      const job = await claim(h.db, { workerId: 'scale-test', queues: ['default'], types: [CLEAN_JOB_TYPE] });
      await runJobHere(h.db, job!, cleanJob, 1000);

      expect(done.status).toBe('succeeded');
      expect(done.total).toBe(fresh.length);
      expect(done.report!.indexed).toBe(0);
      // The bar moves from the first page: nothing is rebuilt before cleaning starts.
      expect(progress[0]).toEqual([0, `Cleaning ${fresh.length} events`]);
      expect(progress[1]![0]).toBeGreaterThan(0);
      expect(progress[1]![1]).toMatch(/^Cleaned 40 of 150 events \([\d,]+ events\/s\)$/);

      const after = new Map((await verdictsNow(h.db)).map((v) => [v[0], v]));
      const keptIds = new Set(kept.map((e) => e.id));
      for (let i = 0; i < 15; i++) {
        expect(after.get(`evt_new_x${i}`)!.slice(1, 4)).toEqual(['filtered', 'exact_duplicate', long[i]!.id]);
        const near = after.get(`evt_new_y${i}`)!;
        expect(near.slice(1, 3)).toEqual(['filtered', 'near_duplicate']);
        expect(keptIds.has(near[3] as string)).toBe(true);
      }
      // And the same verdicts as a Cleaner that remembers every kept event first.
      const cleaner = new Cleaner();
      for (const e of kept) cleaner.remember({ id: e.id, prompt: e.cleanPrompt!, response: e.cleanResponse! });
      const newInOrder = (await eventsWithVerdicts(h.db, eq(events.projectId, P))).filter((e) => e.id.startsWith('evt_new_'));
      expect(newInOrder.map((e) => after.get(e.id))).toEqual(expected(cleaner, newInOrder));
      // Earlier verdicts are untouched and stay live beside the new run's.
      for (const v of firstVerdicts) expect(after.get(v[0] as string)).toEqual(v);
      expect(await xmins(h.db)).toEqual(seen);
    });

    it('a live run whose keys are missing (cleaned before they were stored per event) is indexed first, with the bar', async () => {
      const live = await h.db
        .select({ id: cleanRuns.id })
        .from(cleanRuns)
        .where(and(eq(cleanRuns.projectId, P), eq(cleanRuns.live, true)));
      expect(live.length).toBe(2);
      for (const r of live) await h.db.execute(sql.raw(`drop table "clean_keys_${r.id}"`));
      const kept = await eventsWithVerdicts(h.db, and(eq(events.projectId, P), sql`live_verdicts.status = 'kept'`));
      const long = kept.filter((e) => e.response.split(' ').length > 12);
      const copies = long.slice(0, 8).map((e, i) => ({ id: `evt_bf_x${i}`, prompt: ` ${e.prompt.toUpperCase()}`, response: e.response }));
      const near = long.slice(8, 16).map((e, i) => ({ id: `evt_bf_y${i}`, prompt: e.prompt, response: `${e.response} surely` }));
      await insertEvents(h.db, [...copies, ...near], n + 1000);

      const run = await startCleanRun(h.db, { projectId: P, scope: 'raw', createdBy: null });
      const progress: string[] = [];
      const done = await executeCleanRun(h.db, P, run.id, { pageSize: 40, progress: async (_, m) => void progress.push(m) });
      expect(done.status).toBe('succeeded');
      const indexing = progress.filter((m) => m.startsWith('Indexing'));
      expect(indexing.length).toBeGreaterThan(0);
      expect(indexing.at(-1)).toMatch(/^Indexing [\d,]+ of [\d,]+ events kept by an earlier run$/);
      expect(progress.indexOf(indexing.at(-1)!)).toBeLessThan(progress.indexOf('Cleaning 16 events'));

      const after = new Map((await verdictsNow(h.db)).map((v) => [v[0], v]));
      copies.forEach((c, i) => expect(after.get(c.id)!.slice(1, 4)).toEqual(['filtered', 'exact_duplicate', long[i]!.id]));
      for (const c of near) expect(after.get(c.id)!.slice(1, 3)).toEqual(['filtered', 'near_duplicate']);
      // Indexed once: both runs' keys are partitions again, and the next run finds them without indexing.
      const attached = rowsOf<{ n: number }>(
        await h.db.execute(sql`select count(*)::int as n from pg_inherits where inhparent = 'clean_keys'::regclass`),
      );
      expect(attached[0]!.n).toBe(3);
      const again = await startCleanRun(h.db, { projectId: P, scope: 'raw', createdBy: null });
      const later: string[] = [];
      await executeCleanRun(h.db, P, again.id, { progress: async (_, m) => void later.push(m) });
      expect(later.some((m) => m.startsWith('Indexing'))).toBe(false);
    });

    it('a new-events-only run takes what arrived since the last live run, however old its time (a backfill), and nothing else', async () => {
      const cleanedBefore = (await verdictsNow(h.db)).length;
      // Older than every cleaned event: a run that looked for raw events by time from where it left off would miss them.
      const backfill = syntheticEvents(30, 7, 'evt_old_');
      await insertEvents(h.db, backfill, -100_000);
      const rawRun = async () => {
        const run = await startCleanRun(h.db, { projectId: P, scope: 'raw', createdBy: null });
        return executeCleanRun(h.db, P, run.id, { pageSize: 8, progress: async () => {} });
      };
      const done = await rawRun();
      expect([done.status, done.total]).toEqual(['succeeded', backfill.length]);
      const now = await verdictsNow(h.db);
      expect(now.length).toBe(cleanedBefore + backfill.length);
      expect(backfill.every((e) => now.some((v) => v[0] === e.id))).toBe(true);
      // Nothing has arrived since: the next one has nothing to read.
      const idle = await rawRun();
      expect([idle.status, idle.total]).toEqual(['succeeded', 0]);
    });

    it('a cancel or failure reported after a run went live leaves the run and its verdicts as they are', async () => {
      const before = await verdictsNow(h.db);
      const live = await h.db
        .select()
        .from(cleanRuns)
        .where(and(eq(cleanRuns.projectId, P), eq(cleanRuns.live, true)));
      for (const r of live) await markCleanRunEnded(h.db, r.id, 'cancelled', 'Cancelled');
      const after = await h.db
        .select()
        .from(cleanRuns)
        .where(and(eq(cleanRuns.projectId, P), eq(cleanRuns.live, true)));
      expect(after.map((r) => [r.id, r.status])).toEqual(live.map((r) => [r.id, 'succeeded']));
      expect(await verdictsNow(h.db)).toEqual(before);
    });

    it('a deleted project takes its runs’ verdicts and key tables with it', async () => {
      const runs = await h.db.select({ id: cleanRuns.id }).from(cleanRuns).where(eq(cleanRuns.projectId, P));
      const keyTables = async () => (await Promise.all(runs.map((r) => keyTableExists(h.db, r.id)))).filter(Boolean).length;
      expect((await h.db.select({ n: count() }).from(cleanVerdicts).where(eq(cleanVerdicts.projectId, P)))[0]!.n).toBeGreaterThan(0);
      expect(await keyTables()).toBeGreaterThan(0);
      await h.db.delete(projects).where(eq(projects.id, P));
      expect((await h.db.select({ n: count() }).from(cleanVerdicts).where(eq(cleanVerdicts.projectId, P)))[0]!.n).toBe(0);
      expect(await keyTables()).toBe(0);
    });
  });
}
