// Runs the cleaning pipeline over a project's events in pages: reads them oldest first, writes each verdict beside
// the raw text (which is never changed), records redactions for review, and keeps the run's counters and report.
import 'server-only';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { keysetPast } from '@/db/keyset';
import { cleanRedactions, cleanRuns, events, type CleanRun } from '@/db/schema';
import { PermanentJobError } from '@/server/jobs/registry';
import { cleanConfigSchema } from './config';
import { Cleaner, type CleanEvent, type CleanVerdict } from './pipeline';
import { ReportBuilder } from './report';
import { getCleanRun } from './runs';

export const PAGE_SIZE = 500;

export type ExecuteOptions = {
  progress: (fraction: number, message: string) => Promise<void>;
  signal?: AbortSignal;
  pageSize?: number;
};

type Page = { id: string; prompt: string; response: string; occurredAt: string }[];

async function readPage(
  db: Db,
  projectId: string,
  where: SQL,
  after: { at: string; id: string } | null,
  limit: number,
  clean = false,
): Promise<Page> {
  const conditions = [eq(events.projectId, projectId), where];
  // Keyset over (occurred_at, id): the first copy to arrive is the one kept, and page 100 costs what page 1 does.
  if (after) conditions.push(keysetPast(events.occurredAt, events.id, after, 'asc'));
  return db
    .select({
      id: events.id,
      prompt: clean ? sql<string>`coalesce(${events.cleanPrompt}, ${events.prompt})` : events.prompt,
      response: clean ? sql<string>`coalesce(${events.cleanResponse}, ${events.response})` : events.response,
      occurredAt: sql<string>`${events.occurredAt}::text`,
    })
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.occurredAt), asc(events.id))
    .limit(limit);
}

async function* pages(db: Db, projectId: string, where: SQL, size: number, clean = false): AsyncGenerator<Page> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = await readPage(db, projectId, where, after, size, clean);
    if (page.length) yield page;
    if (page.length < size) return;
    const last = page.at(-1)!;
    after = { at: last.occurredAt, id: last.id };
  }
}

async function writeVerdicts(db: Db, run: CleanRun, page: Page, verdicts: CleanVerdict[]): Promise<void> {
  const rows = verdicts.map((v) => ({
    id: v.id,
    status: v.status,
    prompt: v.prompt,
    response: v.response,
    reason: v.reason,
    dup: v.duplicateOf,
  }));
  const redactions = verdicts.flatMap((v, i) =>
    (['prompt', 'response'] as const)
      .filter((field) => v.entities[field].length > 0)
      .map((field) => ({
        projectId: run.projectId,
        runId: run.id,
        eventId: v.id,
        field,
        before: page[i]![field],
        after: v[field]!,
        entities: v.entities[field],
      })),
  );
  await db.transaction(async (tx) => {
    // One statement per page: the verdicts travel as one JSON document and are joined to their events.
    await tx.execute(sql`
      update events as e set
        clean_status = v.status::clean_status,
        clean_prompt = v.prompt,
        clean_response = v.response,
        filter_reason = v.reason,
        duplicate_of = v.dup,
        clean_run_id = ${run.id}
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id text, status text, prompt text, response text, reason text, dup text)
      where e.project_id = ${run.projectId} and e.id = v.id`);
    if (redactions.length) await tx.insert(cleanRedactions).values(redactions);
  });
}

/** Cleans the run's events to the end; returns the finished run. Safe to call again for a retried attempt. */
export async function executeCleanRun(db: Db, projectId: string, runId: string, o: ExecuteOptions): Promise<CleanRun> {
  const run = await getCleanRun(db, projectId, runId);
  // No retry brings back a run that is not there.
  if (!run) throw new PermanentJobError(`No cleaning run ${runId} in project ${projectId}`);
  if (run.status === 'succeeded') return run;
  const size = o.pageSize ?? PAGE_SIZE;
  const started = performance.now();

  // A retried attempt starts over: undo what an earlier attempt of this run wrote.
  await db.transaction(async (tx) => {
    await tx.delete(cleanRedactions).where(eq(cleanRedactions.runId, run.id));
    await tx
      .update(events)
      .set({ cleanStatus: 'raw', cleanPrompt: null, cleanResponse: null, filterReason: null, duplicateOf: null, cleanRunId: null })
      .where(and(eq(events.projectId, projectId), eq(events.cleanRunId, run.id)));
  });
  const scope = run.scope === 'raw' ? eq(events.cleanStatus, 'raw') : sql`true`;
  const [{ n: total } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.projectId, projectId), scope));
  await db
    .update(cleanRuns)
    .set({ status: 'running', startedAt: new Date(), total, processed: 0, kept: 0, filtered: 0, redacted: 0, error: null })
    .where(eq(cleanRuns.id, run.id));

  const cleaner = new Cleaner(cleanConfigSchema.parse(run.config), { timings: true });
  let indexed = 0;
  if (run.scope === 'raw') {
    // Events kept by earlier runs stay, and are the originals later copies point to.
    await o.progress(0, 'Indexing events kept by earlier runs');
    for await (const page of pages(db, projectId, eq(events.cleanStatus, 'kept'), 2000, true)) {
      for (const e of page) cleaner.remember(e);
      indexed += page.length;
      o.signal?.throwIfAborted();
    }
  }

  const report = new ReportBuilder();
  let processed = 0;
  let dbMs = 0;
  await o.progress(0, `Cleaning ${total} events`);
  for await (const page of pages(db, projectId, scope, size)) {
    const verdicts = page.map((e: CleanEvent) => {
      const v = cleaner.clean(e);
      report.add(e, v);
      return v;
    });
    const t = performance.now();
    await writeVerdicts(db, run, page, verdicts);
    processed += page.length;
    await db
      .update(cleanRuns)
      .set({ processed, kept: report.kept, filtered: report.filtered, redacted: report.redacted })
      .where(eq(cleanRuns.id, run.id));
    dbMs += performance.now() - t;
    await o.progress(total ? Math.min(1, processed / total) : 1, `Cleaned ${processed} of ${total} events`);
  }

  const timings = { ...roundAll(cleaner.times), database: Math.round(dbMs), total: Math.round(performance.now() - started) };
  const [done] = await db
    .update(cleanRuns)
    .set({ status: 'succeeded', finishedAt: new Date(), report: report.build({ indexed, timings }), total: processed })
    .where(eq(cleanRuns.id, run.id))
    .returning();
  return done!;
}

const roundAll = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v)]));

/** Marks a run that will not finish: cancelled by a user, or failed for good. */
export async function markCleanRunEnded(
  db: Db,
  runId: string,
  status: 'failed' | 'cancelled' | 'queued',
  error: string | null,
): Promise<void> {
  await db
    .update(cleanRuns)
    .set({ status, error, finishedAt: status === 'queued' ? null : new Date() })
    .where(eq(cleanRuns.id, runId));
}
