// The duplicate index of cleaning runs in the database (clean_keys, one partition per run): the partition a run
// writes, the probe a page makes, the clean text of the candidates it finds, and the removal of a run's rows (its
// verdicts in batches, its keys by dropping the partition) when nothing live points at them any more.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { intArray, textArray } from '@/db/pg-arrays';
import { rowsOf } from '../sql-rows';
import { MAX_CANDIDATES } from './dedupe';
import type { KeyHit, KeyStore } from './paged';

/** Run ids are generated (`clean_` + base32); anything else never names a partition. */
function partitionOf(runId: string): string {
  if (!/^[a-z0-9_]{1,60}$/.test(runId)) throw new Error(`Not a cleaning run id: ${runId}`);
  return `clean_keys_${runId}`;
}

/** The run's own partition, empty: its keys are written there and nowhere else. */
export async function createKeyPartition(db: Db, runId: string): Promise<void> {
  const name = partitionOf(runId);
  await db.execute(sql.raw(`drop table if exists "${name}"`));
  await db.execute(sql.raw(`create table "${name}" partition of clean_keys for values in ('${runId}')`));
}

/**
 * Keys of the runs a run dedupes against: its own, plus the live ones when it cleans new events only (an 'all' run
 * starts from nothing, as it always did).
 */
export function dbKeyStore(db: Db, runId: string, earlierRunIds: string[]): KeyStore {
  return {
    async probe(keys, ownKeys) {
      // (run, key) pairs: every key in the earlier runs, the own keys in this run.
      const pairs = earlierRunIds.flatMap((r) => keys.map((k) => [r, k] as const));
      for (const k of ownKeys) pairs.push([runId, k]);
      if (!pairs.length) return [];
      // Per run and key one descent of the (key, ord) index, reading at most the newest MAX_CANDIDATES entries:
      // all a walk can reach, since it takes each bucket newest first and stops there (a key shared by thousands of
      // events costs what a rare one does). Then the hits' events by primary key. Partitions that have just grown
      // have no statistics, and the planner then scanned one whole for a 15,000-key probe or hashed every event of
      // the project to join a few thousand hits: index scans and nested loops only, in this transaction. And no JIT: the
      // estimate of 15,000 lateral lookups made Postgres compile the query, 170 ms of a 250 ms probe.
      const res = await db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`,
        );
        return tx.execute(sql`
          select q.key::text as key, k.event_id, q.run_id, k.ord, (extract(epoch from e.occurred_at) * 1000000)::int8::text as at
          from unnest(${textArray(pairs.map((p) => p[0]))}::text[], ${intArray(pairs.map((p) => p[1]))}::int8[]) as q(run_id, key)
          cross join lateral (
            select k.event_id, k.ord from clean_keys k where k.run_id = q.run_id and k.key = q.key order by k.ord desc limit ${MAX_CANDIDATES}
          ) k
          join events e on e.id = k.event_id`);
      });
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

/**
 * Removes a run's verdicts (a batch at a time, each its own short transaction) and its keys (the partition, dropped
 * whole): a run no one reads, cancelled, failed, retried or superseded. Returns the verdicts removed.
 */
export async function discardRunRows(db: Db, runId: string, onBatch?: (rows: number) => Promise<void>): Promise<number> {
  await db.execute(sql.raw(`drop table if exists "${partitionOf(runId)}"`));
  let total = 0;
  for (;;) {
    const res = await db.execute(sql`
      with gone as (delete from clean_verdicts where ctid = any(array(
        select ctid from clean_verdicts where run_id = ${runId} limit ${BATCH})) returning 1)
      select count(*)::int as n from gone`);
    const n = Number(rowsOf<{ n: number }>(res)[0]?.n ?? 0);
    total += n;
    if (n) await onBatch?.(total);
    if (n < BATCH) return total;
  }
}

/**
 * Runs of the project whose rows nothing reads any more: not live and not in progress (except `exceptRunId`). Their
 * rows are removed; the runs themselves stay, with their reports.
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
      and (exists (select 1 from clean_verdicts v where v.run_id = r.id)
        or exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'clean_keys'::regclass and c.relname = 'clean_keys_' || r.id))`);
  let rows = 0;
  for (const { id } of rowsOf<{ id: string }>(res)) {
    const before = rows;
    rows += await discardRunRows(db, id, (n) => onBatch?.(before + n) ?? Promise.resolve());
  }
  return rows;
}
