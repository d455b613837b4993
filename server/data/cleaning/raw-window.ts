// Where a "new events only" run finds its events: those ingested since the latest live run started, less a margin.
// Every event ingested before that run started was committed before it read its page, so a live run has a verdict
// on it (by induction over the live runs: an 'all' run covers everything committed, a 'raw' run everything raw).
// The run then starts its keyset at the earliest such event instead of walking every cleaned event to find it.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import type { KeysetCursor } from '@/db/keyset';
import { events } from '@/db/schema';
import { rowsOf } from '../sql-rows';

/**
 * Longer than any ingest transaction (each commits a chunk of at most a few thousand rows) and than any clock skew
 * between the app and the database (a run's start is the app's clock, an event's arrival the database's).
 */
const MARGIN = sql.raw(`interval '1 hour'`);

export type RawWindow = {
  /** The condition on events: arrived inside the window. */
  arrived: SQL;
  /** Where the run's pages start (before the earliest event inside the window), or null when none arrived. */
  from: KeysetCursor | null;
};

/** The window of the project's raw events, or null when no run is live (every event is raw then). */
export async function rawWindow(db: Db, projectId: string): Promise<RawWindow | null> {
  const [row] = rowsOf<{ since: string | null; first_at: string | null }>(
    await db.execute(sql`
      with w as (select max(started_at) - ${MARGIN} as since from clean_runs where project_id = ${projectId} and live)
      select w.since::text as since,
        (select min(e.occurred_at)::text from events e where e.project_id = ${projectId} and e.ingested_at >= w.since) as first_at
      from w`),
  );
  if (!row?.since) return null;
  return {
    arrived: sql`${events.ingestedAt} >= ${row.since}::timestamptz`,
    // Strictly after (first_at, ''): every event at first_at (ids are never empty) and after it.
    from: row.first_at ? { at: row.first_at, id: '' } : null,
  };
}
