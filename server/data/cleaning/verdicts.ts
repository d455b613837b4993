// The project's current cleaning verdicts as readers see them: `events left join live_verdicts` (one row per event
// from the live run covering it, none when no run did), with the clean texts coalesced back to the raw text where
// cleaning left them unchanged. Every reader of a verdict goes through these, so the storage can change in one place.
import 'server-only';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { textArray } from '@/db/pg-arrays';
import { cleanRedactions, events, liveVerdicts, type CleanRun, type CleanStatus } from '@/db/schema';
import type { CleanVerdict } from './pipeline';
import { insertKeyRows } from './keys';
import type { KeyRow } from './paged';

/** The join condition: `.leftJoin(liveVerdicts, verdictOfEvent)`. */
export const verdictOfEvent = eq(liveVerdicts.eventId, events.id);

/** Verdict columns for a select over `events left join live_verdicts`, named as they were on the events row. */
export const verdictColumns = {
  cleanStatus: sql<CleanStatus>`coalesce(${liveVerdicts.status}, 'raw')`,
  /** The clean (redacted) text; null when no run wrote one (not cleaned, or junk filtered before redaction). */
  cleanPrompt: sql<string | null>`case when ${liveVerdicts.hasText} then coalesce(${liveVerdicts.cleanPrompt}, ${events.prompt}) end`,
  cleanResponse: sql<string | null>`case when ${liveVerdicts.hasText} then coalesce(${liveVerdicts.cleanResponse}, ${events.response}) end`,
  filterReason: liveVerdicts.filterReason,
  duplicateOf: liveVerdicts.duplicateOf,
  cleanRunId: sql<string | null>`${liveVerdicts.runId}`,
};

/**
 * A condition on an event's current status, standing alone (no join needed): `eventId` is the outer query's event
 * id column spelled out (e.g. sql`"events"."id"` or sql`e.id`), since Drizzle prints bare names in one-table selects.
 */
export function statusIs(status: CleanStatus, eventId: SQL = sql`"events"."id"`): SQL {
  if (status === 'raw') return sql`not exists (select 1 from live_verdicts v where v.event_id = ${eventId})`;
  return sql`exists (select 1 from live_verdicts v where v.event_id = ${eventId} and v.status = ${status})`;
}

/** Not filtered: kept, or not cleaned yet. */
export const notFiltered = (eventId: SQL = sql`"events"."id"`): SQL =>
  sql`not exists (select 1 from live_verdicts v where v.event_id = ${eventId} and v.status = 'filtered')`;

/** `occurredAt` as Postgres printed it: verdicts carry their event's time for the status filter's index. */
export type PageRow = { id: string; prompt: string; response: string; occurredAt: string };

/**
 * Writes a page's verdicts, the keys of the events it kept and its redactions, in one transaction: bulk statements
 * (arrays unnested server-side), never an update of an events row. Clean text equal to the raw text is stored NULL.
 */
export async function writeVerdictPage(
  db: Db,
  run: Pick<CleanRun, 'id' | 'projectId'>,
  page: PageRow[],
  verdicts: CleanVerdict[],
  keys: KeyRow[],
  progress: { processed: number; kept: number; filtered: number; redacted: number },
): Promise<void> {
  const ids = verdicts.map((v) => v.id);
  const prompts = verdicts.map((v, i) => (v.prompt === null || v.prompt === page[i]!.prompt ? null : v.prompt));
  const responses = verdicts.map((v, i) => (v.response === null || v.response === page[i]!.response ? null : v.response));
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
    // No wait for the WAL flush: a page lost in a crash belongs to a run that is not live yet and starts over on its
    // retry; the commit that makes a run live waits as every other does.
    await tx.execute(sql`select set_config('synchronous_commit', 'off', true)`);
    await tx.execute(sql`
      insert into clean_verdicts (event_id, run_id, project_id, status, clean_prompt, clean_response, filter_reason, duplicate_of, occurred_at)
      select t.id, ${run.id}, ${run.projectId}, t.status::clean_status, t.p, t.r, t.reason, t.dup, t.at::timestamptz
      from unnest(${textArray(ids)}::text[], ${textArray(verdicts.map((v) => v.status))}::text[], ${textArray(prompts)}::text[],
        ${textArray(responses)}::text[], ${textArray(verdicts.map((v) => v.reason))}::text[],
        ${textArray(verdicts.map((v) => v.duplicateOf))}::text[], ${textArray(page.map((e) => e.occurredAt))}::text[])
        as t(id, status, p, r, reason, dup, at)`);
    await insertKeyRows(tx, run.id, keys);
    if (redactions.length) await tx.insert(cleanRedactions).values(redactions);
    await tx.execute(sql`
      update clean_runs set processed = greatest(processed, ${progress.processed}), kept = greatest(kept, ${progress.kept}),
        filtered = greatest(filtered, ${progress.filtered}), redacted = greatest(redacted, ${progress.redacted}) where id = ${run.id}`);
  });
}
