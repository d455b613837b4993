// Runs the cleaning pipeline over a project's events in pages: reads them oldest first, writes each page's verdicts
// and the kept events' duplicate keys to tables of their own (the events rows and their indexes are never touched),
// records redactions for review, and keeps the run's counters and report. The run's verdicts become the project's
// current ones only when it succeeds (`live`), so a cancelled or failed run leaves nothing half done.
import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { keysetPast, type KeysetCursor } from '@/db/keyset';
import { cleanRedactions, cleanRuns, events, type CleanRun } from '@/db/schema';
import { PermanentJobError } from '@/server/jobs/registry';
import { cleanConfigSchema } from './config';
import { indexMissingKeys } from './backfill-keys';
import { bandingFor } from './lsh';
import { createKeyPartition, dbKeyStore, discardRunRows, publishKeyPartition, pruneDeadRuns } from './keys';
import { PagedCleaner, type PageEvent } from './paged';
import { inlinePreparer, threadPreparer, type PagePreparer, type PreparedPage } from './preparer';
import { ReportBuilder } from './report';
import { getCleanRun } from './runs';
import { rawWindow } from './raw-window';
import { statusIs, writeVerdictPage } from './verdicts';
import { refreshStatistics } from '../stats-refresh';
import { rowsOf } from '../sql-rows';

export const PAGE_SIZE = 1000;
const PROGRESS_EVERY_MS = 200;
/** Page writes running at once while the next page is cleaned: two keep Postgres busy while Node works. */
const WRITES_IN_FLIGHT = 2;
/** Pages read and prepared ahead of the one being cleaned. */
const PREPARED_AHEAD = 2;
/** A run this big prepares its pages in a thread of its own (starting one takes about a second). */
export const PREPARE_THREAD_FROM = 20_000;

export type ExecuteOptions = {
  progress: (fraction: number, message: string) => Promise<void>;
  signal?: AbortSignal;
  pageSize?: number;
  /** Runs of at least this many events prepare their pages in a thread (default PREPARE_THREAD_FROM). */
  prepareThreadFrom?: number;
};

type Page = (PageEvent & { occurredAt: string })[];

async function readPage(db: Db, projectId: string, where: SQL, after: KeysetCursor | null, limit: number): Promise<Page> {
  const conditions = [eq(events.projectId, projectId), where];
  // Keyset over (occurred_at, id): the first copy to arrive is the one kept, and page 100 costs what page 1 does.
  if (after) conditions.push(keysetPast(events.occurredAt, events.id, after, 'asc'));
  // Raw rows, not Drizzle's select: mapping a million rows field by field (an entity check per field) was ~4% of the
  // run's thread for objects of the same shape.
  const result = await db.execute(sql`
    select ${events.id} as id, ${events.prompt} as prompt, ${events.response} as response, ${events.occurredAt}::text as "occurredAt"
    from ${events} where ${and(...conditions)} order by ${events.occurredAt}, ${events.id} limit ${limit}`);
  return rowsOf<Page[number]>(result);
}

/** Pages in order from `from` (the start when null), the next one read while the caller works on this one. */
async function* pages(db: Db, projectId: string, where: SQL, size: number, from: KeysetCursor | null): AsyncGenerator<Page> {
  let next: Promise<Page> | null = readPage(db, projectId, where, from, size);
  while (next) {
    const page: Page = await next;
    const last = page.at(-1);
    next = page.length < size || !last ? null : readPage(db, projectId, where, { at: last.occurredAt, id: last.id }, size);
    // A read that fails while nobody awaits it yet must not crash the process; it is awaited (and thrown) next turn.
    next?.catch(() => {});
    if (page.length) yield page;
  }
}

/** A 'raw' run when nothing arrived since the last live run. */
async function* noPages(): AsyncGenerator<Page> {}

/** Prepared pages in order, the next `depth` read and prepared while the caller cleans this one. */
async function* preparedPages(
  reader: AsyncGenerator<Page>,
  preparer: PagePreparer,
  depth: number,
): AsyncGenerator<PreparedPage & { page: Page }> {
  const ahead: Promise<(PreparedPage & { page: Page }) | null>[] = [];
  for (;;) {
    while (ahead.length < depth) {
      const next = reader.next().then(async (r) => (r.done ? null : { ...(await preparer.prepare(r.value)), page: r.value }));
      // Awaited (and thrown) in its turn; until then a failure must not count as unhandled.
      next.catch(() => {});
      ahead.push(next);
    }
    const page = await ahead.shift()!;
    if (!page) return;
    yield page;
  }
}

const rate = (n: number, ms: number) => `${Math.round(n / Math.max(ms / 1000, 0.001)).toLocaleString('en-US')} events/s`;

/** Cleans the run's events to the end; returns the finished run. Safe to call again for a retried attempt. */
export async function executeCleanRun(db: Db, projectId: string, runId: string, o: ExecuteOptions): Promise<CleanRun> {
  const run = await getCleanRun(db, projectId, runId);
  // No retry brings back a run that is not there.
  if (!run) throw new PermanentJobError(`No cleaning run ${runId} in project ${projectId}`);
  if (run.status === 'succeeded') return run;
  const size = o.pageSize ?? PAGE_SIZE;
  const started = performance.now();

  // A retried attempt starts over: an earlier attempt's rows (never live) go, and so do those of any run that died
  // without cleaning up after itself (a worker killed mid-run).
  await db.delete(cleanRedactions).where(eq(cleanRedactions.runId, run.id));
  await discardRunRows(db, run.id);
  await pruneDeadRuns(db, projectId, run.id);
  await createKeyPartition(db, run.id);

  const live = await db
    .select({ id: cleanRuns.id, config: cleanRuns.config })
    .from(cleanRuns)
    .where(and(eq(cleanRuns.projectId, projectId), eq(cleanRuns.live, true)));
  const bandingOf = (config: unknown) => bandingFor(cleanConfigSchema.parse(config).nearDuplicateThreshold);
  // 'raw' takes the events no live run covers, and dedupes against what the live runs kept; 'all' starts afresh.
  // Those can only have arrived since the latest live run started (raw-window.ts): the pages start there.
  const arrivals = run.scope === 'raw' ? await rawWindow(db, projectId) : null;
  const scope = run.scope === 'raw' ? and(statusIs('raw'), arrivals?.arrived)! : sql`true`;
  const earlier = run.scope === 'raw' ? live.map((r) => ({ id: r.id, banding: bandingOf(r.config) })) : [];
  // Keys a live run has not got (it ran before they were kept this way) are written first, the bar showing it.
  await indexMissingKeys(db, projectId, earlier, o);
  const store = dbKeyStore(db, earlier, bandingOf(run.config));
  const [{ n: total } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.projectId, projectId), scope));
  await db
    .update(cleanRuns)
    .set({ status: 'running', startedAt: new Date(), total, processed: 0, kept: 0, filtered: 0, redacted: 0, error: null })
    .where(eq(cleanRuns.id, run.id));

  const config = cleanConfigSchema.parse(run.config);
  const cleaner = new PagedCleaner(config, store, run.id, total);
  const report = new ReportBuilder();
  let processed = 0;
  /** Time the writes took (overlapping the cleaning) and time the loop waited for one. */
  let writeMs = 0;
  let waitMs = 0;
  // The writes of the pages before run while this one is cleaned: Postgres and Node work at once.
  const writing: Promise<void>[] = [];
  const cleaningStarted = performance.now();
  let reportedAt = -Infinity;
  await o.progress(0, `Cleaning ${total.toLocaleString('en-US')} events`);
  const preparer =
    total >= (o.prepareThreadFrom ?? PREPARE_THREAD_FROM)
      ? await threadPreparer(config, cleaner.times)
      : inlinePreparer(config, cleaner.times, (exact) => cleaner.hasKept(exact));
  const reader = arrivals && !arrivals.from ? noPages() : pages(db, projectId, scope, size, arrivals?.from ?? null);
  const source = preparedPages(reader, preparer, PREPARED_AHEAD);
  try {
    let next = await source.next();
    let nextLookup = next.done ? null : cleaner.lookup(next.value);
    while (!next.done) {
      o.signal?.throwIfAborted();
      const prepared = next.value;
      const lookup = nextLookup!;
      // The next page's lookup (a database round trip) runs while this page is decided and written.
      next = await source.next();
      nextLookup = next.done ? null : cleaner.lookup(next.value);
      nextLookup?.catch(() => {});
      const { page } = prepared;
      const { verdicts, keys } = cleaner.decide(prepared, await lookup, processed);
      for (let i = 0; i < page.length; i++) report.add(page[i]!, verdicts[i]!);
      const t = performance.now();
      while (writing.length >= WRITES_IN_FLIGHT) {
        await writing.shift();
        cleaner.written();
      }
      waitMs += performance.now() - t;
      cleaner.pageDone();
      processed += page.length;
      const counts = { processed, kept: report.kept, filtered: report.filtered, redacted: report.redacted };
      const w = performance.now();
      const write = writeVerdictPage(db, run, page, verdicts, keys, counts).then(() => void (writeMs += performance.now() - w));
      write.catch(() => {});
      writing.push(write);
      // The bar moves from the first page, then a few times a second: a report is a write the loop waits for, and at
      // a page every few milliseconds it would be most of the database's work. (A cancel is seen by the heartbeat.)
      const now = performance.now();
      if (now - reportedAt >= PROGRESS_EVERY_MS) {
        reportedAt = now;
        await o.progress(
          total ? Math.min(0.99, processed / total) : 0.99,
          `Cleaned ${processed.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events (${rate(processed, now - cleaningStarted)})`,
        );
      }
    }
    for (const write of writing) await write;
  } catch (err) {
    // No write may land after the caller has discarded this run's rows.
    await Promise.allSettled(writing);
    throw err;
  } finally {
    await source.return(undefined);
    await preparer.close();
  }
  o.signal?.throwIfAborted();

  const cleaningMs = performance.now() - cleaningStarted;
  const timings: Record<string, number> = {
    ...roundAll(cleaner.times),
    database: Math.round(writeMs + cleaner.times.lookup),
    waitedForWrites: Math.round(waitMs),
    total: Math.round(performance.now() - started),
  };
  let done = await db.transaction(async (tx) => {
    // Live from now on; an 'all' run's verdicts replace every earlier run's in the same instant.
    if (run.scope === 'all')
      await tx
        .update(cleanRuns)
        .set({ live: false })
        .where(and(eq(cleanRuns.projectId, projectId), eq(cleanRuns.live, true)));
    const [row] = await tx
      .update(cleanRuns)
      .set({ status: 'succeeded', live: true, finishedAt: new Date(), report: report.build({ indexed: 0, timings }), total: processed })
      .where(eq(cleanRuns.id, run.id))
      .returning();
    return row!;
  });
  // The verdicts are the project's now. What follows serves later runs, and nothing is lost if it fails (a cancel
  // arriving now, a worker killed): a 'raw' run indexes a live run's keys it finds missing, and the next run's start
  // removes superseded rows.
  try {
    const cleaned = `Cleaned ${processed.toLocaleString('en-US')} events (${rate(processed, cleaningMs)})`;
    await o.progress(0.99, `${cleaned}; indexing the ${report.kept.toLocaleString('en-US')} kept for later runs`);
    const indexStarted = performance.now();
    await publishKeyPartition(db, run.id, bandingOf(run.config).bands);
    timings.indexKeys = Math.round(performance.now() - indexStarted);
    // Superseded runs' rows: nothing reads them now. Deleted in batches, the bar showing it.
    const pruned = await pruneDeadRuns(db, projectId, run.id, (rows) =>
      o.progress(0.995, `${cleaned}; removing ${rows.toLocaleString('en-US')} superseded verdicts`),
    );
    // Their space is made reusable now rather than whenever autovacuum gets to it (if it runs at all): left dead, a
    // million rows a run bloat the table and its key index, and every later run's inserts get slower.
    if (pruned) {
      await o.progress(0.997, `${cleaned}; reclaiming the space of ${pruned.toLocaleString('en-US')} superseded verdicts`);
      const vacuumStarted = performance.now();
      await db.execute(sql`vacuum (analyze) clean_verdicts`);
      timings.vacuum = Math.round(performance.now() - vacuumStarted);
    }
    timings.total = Math.round(performance.now() - started);
    const [withIndex] = await db
      .update(cleanRuns)
      .set({ report: report.build({ indexed: 0, timings }) })
      .where(eq(cleanRuns.id, run.id))
      .returning();
    done = withIndex ?? done;
  } catch (err) {
    console.error('[cleaning] after the run went live:', err instanceof Error ? err.message : err);
  }
  // A run writes a verdict per event: the explorer's plans over them need statistics that know it.
  await refreshStatistics(db, { clean_verdicts: processed }).catch((err: unknown) =>
    console.error('[cleaning] statistics refresh after the run failed', err),
  );
  return done;
}

const roundAll = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));

/**
 * Marks a run that will not finish: cancelled by a user, or failed for good; its rows (never live) are removed. A
 * run put back in the queue keeps them until its next attempt starts over.
 */
export async function markCleanRunEnded(
  db: Db,
  runId: string,
  status: 'failed' | 'cancelled' | 'queued',
  error: string | null,
): Promise<void> {
  // A run that went live has finished, whatever happens to its job afterwards: its rows are the project's verdicts.
  const ended = await db
    .update(cleanRuns)
    .set({ status, error, finishedAt: status === 'queued' ? null : new Date() })
    .where(and(eq(cleanRuns.id, runId), eq(cleanRuns.live, false)))
    .returning({ id: cleanRuns.id });
  if (ended.length && status !== 'queued') {
    await db.delete(cleanRedactions).where(eq(cleanRedactions.runId, runId));
    await discardRunRows(db, runId);
  }
}
