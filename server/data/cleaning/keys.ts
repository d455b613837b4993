// The duplicate index of cleaning runs in the database (clean_keys, one partition per run): the partition a run
// writes, the probe a page makes, the clean text of the candidates it finds, and the removal of a run's rows (its
// verdicts in batches, its keys by dropping the partition) when nothing live points at them any more.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { intArray, textArray } from '@/db/pg-arrays';
import { rowsOf } from '../sql-rows';
import type { Banding } from './lsh';
import { EXACT_OFFSET, type KeyHit, type KeyRow, type KeyStore } from './paged';

/** Whether the run's keys are indexed and attached (a table left unattached is an unfinished write). */
export async function hasKeyPartition(db: Db, runId: string): Promise<boolean> {
  const res = await db.execute(sql`
    select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'clean_keys'::regclass and c.relname = ${partitionOf(runId)}`);
  return rowsOf(res).length > 0;
}

/** The table of a run's keys. Run ids are generated (`clean_` + base32); anything else never names one. */
export function partitionOf(runId: string): string {
  if (!/^[a-z0-9_]{1,60}$/.test(runId)) throw new Error(`Not a cleaning run id: ${runId}`);
  return `clean_keys_${runId}`;
}

/**
 * The run's own keys table, empty and not yet a partition: written unindexed while the run goes (an append costs the
 * same on the last page as on the first), indexed and attached once the run has written them all
 * (`publishKeyPartition`). The check constraint lets the attach skip scanning the table for its partition bound.
 */
export async function createKeyPartition(db: Db, runId: string): Promise<void> {
  const name = partitionOf(runId);
  await db.execute(sql.raw(`drop table if exists "${name}"`));
  await db.execute(sql.raw(`create table "${name}" (like clean_keys, constraint "${name}_run" check (run_id = '${runId}'))`));
}

/**
 * Indexes the run's keys once, at its end (an index grown key by key stops fitting in memory and makes every page
 * slower than the last): a B-tree on the exact key and one per band position, `(bands[b], ord)`. Measured on 670k
 * kept events: 0.4 s and 14 MB a band, where one GIN index over the arrays took 56 s and 519 MB and a B-tree over
 * one row per key 15 s and 787 MB with its table. The partition gets its own indexes (their number is its run's
 * banding) and is attached for the views that count it.
 */
export async function publishKeyPartition(db: Db, runId: string, bands: number): Promise<void> {
  const name = partitionOf(runId);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('maintenance_work_mem', '256MB', true)`);
    await tx.execute(sql.raw(`create index "${name}_exact" on "${name}" (exact, ord)`));
    for (let b = 1; b <= bands; b++) await tx.execute(sql.raw(`create index "${name}_b${b}" on "${name}" ((bands[${b}]), ord)`));
    await tx.execute(sql.raw(`alter table clean_keys attach partition "${name}" for values in ('${runId}')`));
  });
  await db.execute(sql.raw(`analyze "${name}"`));
}

/** A band key (unsigned 32-bit) as the int4 it is stored as, and back. */
const toInt4 = (key: number) => key | 0;
const fromInt4 = (stored: number) => stored >>> 0;

/**
 * Appends kept events' keys to the run's (unindexed) table: one statement. Every row's band keys travel as one flat
 * int4[] that each row slices (from its offset, `bands` long; short texts have none): a text array of per-row array
 * literals cost a quoted, escaped string of 21 numbers a kept event, the largest part of a page's write in Node.
 */
export async function insertKeyRows(db: Db | Tx, runId: string, keys: KeyRow[]): Promise<void> {
  if (!keys.length) return;
  const starts = new Int32Array(keys.length);
  const lengths = new Int32Array(keys.length);
  let total = 0;
  keys.forEach((k, i) => {
    starts[i] = total + 1;
    lengths[i] = k.bands.length;
    total += k.bands.length;
  });
  // Int32Array stores each unsigned 32-bit key as the int4 it is kept as (toInt4), and joins natively.
  const flat = new Int32Array(total);
  keys.forEach((k, i) => flat.set(k.bands, starts[i]! - 1));
  await db.execute(sql`
    insert into ${sql.identifier(partitionOf(runId))} (run_id, event_id, ord, exact, bands)
    select ${runId}, t.event_id, t.ord, t.exact, f.flat[t.start : t.start + t.len - 1]
    from unnest(${textArray(keys.map((k) => k.eventId))}::text[], ${intArray(keys.map((k) => k.ord))}::int4[],
      ${intArray(keys.map((k) => k.exact))}::int8[], ${intArray(starts)}::int4[], ${intArray(lengths)}::int4[])
      as t(event_id, ord, exact, start, len),
      (select ${intArray(flat)}::int4[] as flat) f`);
}

/** An earlier run a run dedupes against: its id and the banding of its keys (from its threshold). */
export type EarlierRun = { id: string; banding: Banding };

/**
 * Keys of the live runs a 'raw' run dedupes against (an 'all' run starts from nothing, as it always did). Band keys
 * are compared only with runs of the same banding: another threshold's bands hash other rows.
 */
export function dbKeyStore(db: Db, earlier: EarlierRun[], banding: Banding): KeyStore {
  return {
    hasEarlierRuns: earlier.length > 0,
    async probe(q) {
      const hits: KeyHit[] = [];
      const wanted = { exact: new Set(q.exact), bands: q.bands.map((keys) => new Set(keys)) };
      for (const run of earlier) {
        const match: SQL[] = [];
        if (q.exact.length) match.push(sql`k.exact = any(${intArray(q.exact)}::int8[])`);
        if (run.banding.rows === banding.rows)
          q.bands.forEach((keys, b) => {
            if (keys.length) match.push(sql`k.bands[${sql.raw(String(b + 1))}] = any(${intArray(keys.map(toInt4))}::int4[])`);
          });
        if (match.length) hits.push(...(await probeRun(db, run.id, match, wanted)));
      }
      return hits;
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
        or to_regclass('clean_keys_' || r.id) is not null)`);
  let rows = 0;
  for (const { id } of rowsOf<{ id: string }>(res)) {
    const before = rows;
    rows += await discardRunRows(db, id, (n) => onBatch?.(before + n) ?? Promise.resolve());
  }
  return rows;
}

/**
 * One earlier run's kept events matching any of the conditions, in one bitmap scan over its partition's indexes (each
 * `= any` a few hundred descents), with their times from events; which of the page's keys each one holds is read
 * off its row.
 */
async function probeRun(db: Db, runId: string, match: SQL[], wanted: { exact: Set<number>; bands: Set<number>[] }): Promise<KeyHit[]> {
  // Nested loops into events only: a partition's estimate for a few thousand hits once made the planner hash every
  // event of the project; and no JIT, whose compile cost more than the probe.
  const res = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)`,
    );
    return tx.execute(sql`
      select k.event_id, k.ord, k.exact::text as exact, k.bands::text as bands,
        (extract(epoch from e.occurred_at) * 1000000)::int8::text as at
      from ${sql.identifier(partitionOf(runId))} k join events e on e.id = k.event_id
      where ${sql.join(match, sql` or `)}`);
  });
  const { exact, bands } = wanted;
  const hits: KeyHit[] = [];
  for (const r of rowsOf<{ event_id: string; ord: number; exact: string; bands: string; at: string }>(res)) {
    const base = { eventId: r.event_id, runId, ord: Number(r.ord), at: Number(r.at) };
    if (exact.has(Number(r.exact))) hits.push({ key: Number(r.exact) + EXACT_OFFSET, ...base });
    if (r.bands.length > 2)
      r.bands
        .slice(1, -1)
        .split(',')
        .forEach((stored, b) => {
          const key = fromInt4(Number(stored));
          if (bands[b]?.has(key)) hits.push({ key, ...base });
        });
  }
  return hits;
}
