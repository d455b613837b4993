// The events explorer's read model: newest-first keyset pages over (occurred_at, id), a capped count, one event in full.
// Keyset rather than OFFSET: page 2,000 costs what page 1 costs (an index range scan), measured in bench/events-explorer.ts.
import 'server-only';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasetExamples, eventRatings, events } from '@/db/schema';
import { rowsOf } from '../sql-rows';
import { eventConditions, type EventFilter } from './filter';

/** Characters of prompt and response a list row carries; the detail page shows them whole. */
const PREVIEW_CHARS = 240;
/** Counting every match of a broad filter over millions of rows is slow; past this the UI says "10,000+". */
export const COUNT_CAP = 10_000;

type Cursor = { at: string; id: string };
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

/** The cursor carries occurred_at as Postgres prints it (microseconds), since a JS Date would round it to ms. */
export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');

export function decodeCursor(s: string): Cursor | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    return typeof at === 'string' && typeof id === 'string' && TIMESTAMP.test(at) ? { at, id } : null;
  } catch {
    return null;
  }
}

// Qualified by hand: in a single-table select Drizzle prints bare column names, which would be ambiguous in a subquery.
const ratingOf = sql<number | null>`(select r.mean_rating from event_ratings r where r.event_id = "events"."id")`.mapWith((v) =>
  v === null ? null : Number(v),
);

export async function listEvents(db: Db, projectId: string, f: EventFilter & { cursor?: string; limit: number }) {
  const where = eventConditions(projectId, f);
  const cursor = f.cursor ? decodeCursor(f.cursor) : null;
  if (cursor) where.push(sql`(${events.occurredAt}, ${events.id}) < (${cursor.at}::timestamptz, ${cursor.id})`);
  const rows = await db
    .select({
      id: events.id,
      agentId: events.agentId,
      source: events.source,
      prompt: sql<string>`left(${events.prompt}, ${PREVIEW_CHARS})`,
      response: sql<string>`left(${events.response}, ${PREVIEW_CHARS})`,
      occurredAt: events.occurredAt,
      occurredAtText: sql<string>`${events.occurredAt}::text`,
      cleanStatus: events.cleanStatus,
      filterReason: events.filterReason,
      rating: ratingOf,
    })
    .from(events)
    .where(and(...where))
    .orderBy(desc(events.occurredAt), desc(events.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ occurredAtText: _, ...r }) => r),
    nextCursor: rows.length > f.limit && last ? encodeCursor({ at: last.occurredAtText, id: last.id }) : null,
  };
}

/** How many events match, counted up to COUNT_CAP + 1 so a broad filter stays cheap. */
export async function countEvents(db: Db, projectId: string, f: EventFilter): Promise<{ count: number; capped: boolean }> {
  const capped = db
    .select({ one: sql`1` })
    .from(events)
    .where(and(...eventConditions(projectId, f)))
    .limit(COUNT_CAP + 1)
    .as('capped');
  const [row] = await db.select({ n: count() }).from(capped);
  const n = row?.n ?? 0;
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/**
 * The agents that logged events here, alphabetically (for the filter's choices). A skip scan: one index probe per
 * distinct agent on (project_id, agent_id), instead of a GROUP BY that reads every event (measured in the bench).
 */
export async function listAgents(db: Db, projectId: string): Promise<{ agentId: string }[]> {
  const res = await db.execute(sql`
    with recursive a(agent_id) as (
      (select agent_id from events where project_id = ${projectId} order by agent_id limit 1)
      union all
      select (select e.agent_id from events e where e.project_id = ${projectId} and e.agent_id > a.agent_id order by e.agent_id limit 1)
      from a where a.agent_id is not null
    )
    select agent_id from a where agent_id is not null limit 500`);
  return rowsOf<{ agent_id: string }>(res).map((r) => ({ agentId: r.agent_id }));
}

export async function getEvent(db: Db, projectId: string, eventId: string) {
  // None of these waits on the event row: one round trip, and the rest is dropped when the event is not in this project.
  const [[event], rating, inDatasets] = await Promise.all([
    db
      .select()
      .from(events)
      .where(and(eq(events.projectId, projectId), eq(events.id, eventId))),
    db.select({ mean: eventRatings.meanRating, n: eventRatings.n }).from(eventRatings).where(eq(eventRatings.eventId, eventId)),
    db
      .select({ datasetId: datasetExamples.datasetId, split: datasetExamples.split })
      .from(datasetExamples)
      .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.eventId, eventId)))
      .orderBy(datasetExamples.datasetId)
      .limit(50),
  ]);
  if (!event) return null;
  return { event, rating: rating[0] ?? null, datasets: inDatasets };
}
