// Keys for a live run that has none: one that ran before kept events' keys were stored one row per event (their
// band positions were not recorded then), or one whose partition was lost. Written once, a page at a time from the
// run's kept clean text (the worker holds one page), indexed as a finished run's are; every later run probes them.
import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { keysetPast } from '@/db/keyset';
import { cleanVerdicts, events } from '@/db/schema';
import { createKeyPartition, hasKeyPartition, insertKeyRows, publishKeyPartition, type EarlierRun } from './keys';
import type { KeyRow } from './paged';
import { describeText } from './prepare';

const PAGE = 2000;

type Progress = { progress: (fraction: number, message: string) => Promise<void>; signal?: AbortSignal };

/** Writes and indexes the keys of each of `runs` that has none; the bar shows the events indexed. */
export async function indexMissingKeys(db: Db, projectId: string, runs: EarlierRun[], o: Progress): Promise<void> {
  for (const run of runs) {
    if (await hasKeyPartition(db, run.id)) continue;
    const kept = and(eq(cleanVerdicts.runId, run.id), eq(cleanVerdicts.status, 'kept'));
    const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(cleanVerdicts).where(kept);
    await createKeyPartition(db, run.id);
    let after: { at: string; id: string } | null = null;
    let done = 0;
    for (;;) {
      o.signal?.throwIfAborted();
      const page = await db
        .select({
          id: events.id,
          prompt: sql<string>`coalesce(${cleanVerdicts.cleanPrompt}, ${events.prompt})`,
          response: sql<string>`coalesce(${cleanVerdicts.cleanResponse}, ${events.response})`,
          at: sql<string>`${events.occurredAt}::text`,
        })
        .from(events)
        .innerJoin(cleanVerdicts, eq(cleanVerdicts.eventId, events.id))
        .where(and(eq(events.projectId, projectId), kept, after ? keysetPast(events.occurredAt, events.id, after, 'asc') : undefined))
        .orderBy(asc(events.occurredAt), asc(events.id))
        .limit(PAGE);
      // Kept in time order, as the run kept them: positions in that order are what newest-first compares.
      const rows: KeyRow[] = page.map((e, i) => {
        const { exact, bands } = describeText(e.prompt, e.response, run.banding);
        return { eventId: e.id, ord: done + i, exact, bands };
      });
      await insertKeyRows(db, run.id, rows);
      done += page.length;
      await o.progress(0, `Indexing ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events kept by an earlier run`);
      if (page.length < PAGE) break;
      after = { at: page.at(-1)!.at, id: page.at(-1)!.id };
    }
    await publishKeyPartition(db, run.id, run.banding.bands);
  }
}
