// Planner statistics kept fresh by the app itself: after a bulk write (API batches, uploads, dataset builds, a
// cleaning run) the tables it changed are analyzed once enough of them changed, so the explorer stays fast on a
// server whose autovacuum is off or slow (issue 16: an agent filter took 1.3 s on stale statistics, 11 ms after).
//
// Writers call `noteBulkWrite` and return at once: one check per database runs a moment later (debounced, so eight
// concurrent ingest clients cause one ANALYZE, not eight). Jobs, which have no request to keep waiting, may call
// `refreshStatistics` and await it. Works the same on PGlite and Postgres (pg_class, pg_stat_user_tables).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { isConnectionError } from '@/db/errors';
import { logInternal } from '@/server/http/internal-error';
import { rowsOf } from './sql-rows';

/** Analyze once this share of a table changed since its last analyze (autovacuum's default is 0.1 plus 50 rows). */
export const CHANGED_FRACTION = 0.1;
/** …and at least this many rows: below it a table is small enough that any plan is fast. */
export const MIN_CHANGED_ROWS = 500;
/**
 * How long after a write the check runs. Longer than Postgres's 1 s minimum between a backend's statistics flushes,
 * so n_mod_since_analyze has usually caught up; the rows noted here cover whatever has not.
 */
const CHECK_DELAY_MS = 1_500;
/** One lock key space for "someone is analyzing table X", so several app processes do not analyze it together. */
const LOCK_SPACE = 727_002;

type Pending = { rows: number; since: Date };
type State = {
  /** Writes noted since the last check: they schedule one. */
  pending: Map<string, Pending>;
  /** Writes a check found too few to analyze for: counted again with the next ones, without a check of their own. */
  carried: Map<string, Pending>;
  timer: NodeJS.Timeout | null;
  running: Promise<string[]> | null;
};
const states = new WeakMap<Db, State>();
const stateOf = (db: Db) => {
  let s = states.get(db);
  if (!s) states.set(db, (s = { pending: new Map(), carried: new Map(), timer: null, running: null }));
  return s;
};

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/** Tables a trigger writes when these are written (migration 0014): at most as many rows changed there too. */
const WRITTEN_BY_TRIGGER: Record<string, string[]> = { annotation_assignments: ['event_ratings'] };

/** Records that `rows` rows of `table` were just inserted or changed, and schedules a check; never blocks the caller. */
export function noteBulkWrite(db: Db, table: string, rows: number): void {
  if (rows <= 0) return;
  if (!TABLE_NAME.test(table)) throw new Error(`not a table name: ${table}`);
  for (const derived of WRITTEN_BY_TRIGGER[table] ?? []) noteBulkWrite(db, derived, rows);
  const s = stateOf(db);
  const p = s.pending.get(table);
  if (p) p.rows += rows;
  else s.pending.set(table, { rows, since: new Date() });
  schedule(db, s);
}

function schedule(db: Db, s: State) {
  if (s.timer || s.running) return;
  s.timer = setTimeout(() => {
    s.timer = null;
    // A check started meanwhile (flushStatsRefresh) schedules the next one itself when it ends.
    if (!s.running) void runPending(db, s);
  }, CHECK_DELAY_MS);
  // A CLI or test process may exit with a check still pending (it calls flushStatsRefresh first when it matters).
  s.timer.unref();
}

async function runPending(db: Db, s: State): Promise<string[]> {
  const noted = [...s.pending.entries()];
  s.pending.clear();
  const run = (async () => {
    const analyzed: string[] = [];
    for (const [table, p] of noted) {
      const before = s.carried.get(table);
      const rows = { rows: p.rows + (before?.rows ?? 0), since: before?.since ?? p.since };
      s.carried.delete(table);
      try {
        const outcome = await analyzeIfStale(db, table, rows);
        if (outcome === 'analyzed') analyzed.push(table);
        else if (outcome === 'not yet') s.carried.set(table, rows);
      } catch (err) {
        // Statistics only make plans better; a failed check must never fail or slow the write that asked for it.
        // A database closed or lost since the write (a process shutting down) is no news worth a log line.
        if (!isConnectionError(err) && !/PGlite is closed/.test(String((err as Error)?.message))) {
          logInternal(`statistics refresh (${table})`, err);
        }
      }
    }
    return analyzed;
  })();
  s.running = run;
  try {
    return await run;
  } finally {
    s.running = null;
    // Writes noted while this check ran get their own check.
    if (s.pending.size) schedule(db, s);
  }
}

/**
 * Checks the tables now and analyzes those that changed enough since their last analyze; returns the ones analyzed.
 * For jobs (the cleaning run, after its last verdict): `changed` is how many rows the caller wrote to each table,
 * e.g. `await refreshStatistics(db, { events: verdictsWritten })`.
 */
export async function refreshStatistics(db: Db, changed: Record<string, number>): Promise<string[]> {
  for (const [table, rows] of Object.entries(changed)) noteBulkWrite(db, table, rows);
  return flushStatsRefresh(db);
}

/** Runs the pending check now instead of waiting for its timer (a CLI before it closes its database; tests). */
export async function flushStatsRefresh(db: Db): Promise<string[]> {
  const s = stateOf(db);
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  const analyzed: string[] = [];
  // A check already running may have taken only part of what is pending: wait for it, then run the rest.
  while (s.running || s.pending.size) {
    if (s.running) analyzed.push(...(await s.running));
    else {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      analyzed.push(...(await runPending(db, s)));
    }
  }
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  return analyzed;
}

type TableStats = { reltuples: number; modified: number; lastAnalyzed: Date | null };

export async function tableStats(db: Db, table: string): Promise<TableStats | null> {
  const rows = rowsOf<{ reltuples: number; modified: number | null; last: string | Date | null }>(
    await db.execute(sql`
      select c.reltuples::float8 as reltuples, s.n_mod_since_analyze::float8 as modified,
        greatest(s.last_analyze, s.last_autoanalyze) as last
      from pg_class c left join pg_stat_user_tables s on s.relid = c.oid
      where c.oid = to_regclass(${table})`),
  );
  const r = rows[0];
  if (!r) return null;
  return { reltuples: Number(r.reltuples), modified: Number(r.modified ?? 0), lastAnalyzed: r.last ? new Date(r.last) : null };
}

/** Whether a table that had `reltuples` rows at its last analyze (-1: never analyzed) is due after `changed` more. */
export const isStale = (reltuples: number, changed: number) =>
  changed >= Math.max(MIN_CHANGED_ROWS, CHANGED_FRACTION * Math.max(reltuples, 0));

async function analyzeIfStale(db: Db, table: string, noted: Pending): Promise<'analyzed' | 'not yet' | 'covered'> {
  return db.transaction(async (tx) => {
    // Another process analyzing this table right now covers our rows too.
    const [lock] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_SPACE}, hashtext(${table})) as ok`),
    );
    if (!lock?.ok) return 'covered';
    const st = await tableStats(tx as unknown as Db, table);
    if (!st) return 'covered';
    // Rows noted before someone else's analyze are in its statistics already; n_mod_since_analyze counts what came
    // after, once the writing connections have flushed their counters.
    const ours = st.lastAnalyzed && st.lastAnalyzed > noted.since ? 0 : noted.rows;
    if (!isStale(st.reltuples, Math.max(st.modified, ours))) return ours ? 'not yet' : 'covered';
    await tx.execute(sql`analyze ${sql.identifier(table)}`);
    return 'analyzed';
  });
}
