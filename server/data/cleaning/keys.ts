// The duplicate index of cleaning runs in the database (clean_keys): the probe a page makes, the clean text of the
// candidates it finds, and the batched deletes that remove a run's rows when nothing live points at them any more.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { intArray, textArray } from '@/db/pg-arrays';
import { rowsOf } from '../sql-rows';
import type { KeyHit, KeyStore } from './paged';

/**
 * Keys of the runs a run dedupes against: its own, plus the live ones when it cleans new events only (an 'all' run
 * starts from nothing, as it always did).
 */
export function dbKeyStore(db: Db, runIds: string[]): KeyStore {
  const runs = textArray(runIds);
  return {
    async probe(keys) {
      // One index descent per (run, key) on clean_keys_run_key_idx; the join to events only for the few hits.
      const res = await db.execute(sql`
        select k.key::text as key, k.event_id, k.run_id, k.ord, (extract(epoch from e.occurred_at) * 1000000)::int8::text as at
        from clean_keys k join events e on e.id = k.event_id
        where k.run_id = any(${runs}::text[]) and k.key = any(${intArray(keys)}::int8[])`);
      return rowsOf<{ key: string; event_id: string; run_id: string; ord: number; at: string }>(res).map((r): KeyHit => ({
        key: Number(r.key),
        eventId: r.event_id,
        runId: r.run_id,
        ord: Number(r.ord),
        at: Number(r.at),
      }));
    },
    async texts(candidates) {
      if (!candidates.length) return new Map();
      const res = await db.execute(sql`
        select e.id, coalesce(v.clean_prompt, e.prompt) as prompt, coalesce(v.clean_response, e.response) as response
        from unnest(${textArray(candidates.map((c) => c.eventId))}::text[], ${textArray(candidates.map((c) => c.runId))}::text[]) as c(event_id, run_id)
        join clean_verdicts v on v.event_id = c.event_id and v.run_id = c.run_id
        join events e on e.id = v.event_id`);
      return new Map(rowsOf<{ id: string; prompt: string; response: string }>(res).map((r) => [r.id, r]));
    },
  };
}

const BATCH = 20_000;

/** Deletes a table's rows of one run a batch at a time (each its own short transaction); returns how many went. */
async function deleteRunRows(db: Db, table: 'clean_verdicts' | 'clean_keys', runId: string, onBatch?: (n: number) => Promise<void>) {
  let total = 0;
  for (;;) {
    const res = await db.execute(sql`
      with gone as (delete from ${sql.identifier(table)} where ctid = any(array(
        select ctid from ${sql.identifier(table)} where run_id = ${runId} limit ${BATCH})) returning 1)
      select count(*)::int as n from gone`);
    const n = Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
    total += n;
    if (n) await onBatch?.(total);
    if (n < BATCH) return total;
  }
}

/** Removes a run's verdicts and keys (a run no one reads: cancelled, failed, retried or superseded). */
export async function discardRunRows(db: Db, runId: string, onBatch?: (rows: number) => Promise<void>): Promise<number> {
  const verdicts = await deleteRunRows(db, 'clean_verdicts', runId, onBatch);
  return verdicts + (await deleteRunRows(db, 'clean_keys', runId, (n) => onBatch?.(verdicts + n) ?? Promise.resolve()));
}

/**
 * Runs of the project whose rows nothing reads any more: not live and not in progress (except `exceptRunId`). Their
 * rows are deleted; the runs themselves stay, with their reports.
 */
export async function pruneDeadRuns(
  db: Db,
  projectId: string,
  exceptRunId: string,
  onBatch?: (rows: number) => Promise<void>,
): Promise<number> {
  const res = await db.execute(sql`
    select r.id from clean_runs r
    where r.project_id = ${projectId} and not r.live and r.id <> ${exceptRunId} and r.status not in ('queued', 'running')
      and (exists (select 1 from clean_verdicts v where v.run_id = r.id) or exists (select 1 from clean_keys k where k.run_id = r.id))`);
  let rows = 0;
  for (const { id } of rowsOf<{ id: string }>(res)) {
    const before = rows;
    rows += await discardRunRows(db, id, (n) => onBatch?.(before + n) ?? Promise.resolve());
  }
  return rows;
}
