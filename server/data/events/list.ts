// The events explorer's read model: newest-first keyset pages over (occurred_at, id), a capped count, one event in full.
// Keyset rather than OFFSET: page 2,000 costs what page 1 costs (an index range scan), measured in bench/events-explorer.ts.
import 'server-only';
import { and, count, desc, eq, getTableColumns, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { keysetPast, type KeysetCursor } from '@/db/keyset';
import { datasetExamples, eventRatings, events, liveVerdicts } from '@/db/schema';
import { verdictColumns, verdictOfEvent } from '../cleaning/verdicts';
import { mayReadOriginal, PREVIEW_OVERSCAN, shownExchange, shownPreview } from '../privacy';
import { rowsOf } from '../sql-rows';
import type { Role } from '@/db/schema';
import { eventConditions, rangeBounds, type EventFilter } from './filter';

/** Characters of prompt and response a list row carries; the detail page shows them whole. */
const PREVIEW_CHARS = 240;
/** Counting every match of a broad filter over millions of rows is slow; past this the UI says "10,000+". */
export const COUNT_CAP = 10_000;

type Cursor = KeysetCursor;
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

/**
 * The table a page walks newest first, each event then found by its primary key. Events themselves, except: with a
 * minimum rating, the ratings (people rate few events), in their own time order; with a status of kept or filtered,
 * the live verdicts, by status and time. Walking events looking for rated or kept ones read every event in between:
 * a backlog of 40,000 uncleaned new events stood before the first kept one (47 ms a page at a million events, and
 * 109 ms for an agent, a word and a rating). The planner still starts from the search index when a word is rarer.
 */
function walkOf(projectId: string, f: EventFilter) {
  if (f.minRating !== undefined) {
    const where = [eq(eventRatings.projectId, projectId), gte(eventRatings.meanRating, f.minRating)];
    // Copied onto the rating, so the walk skips other agents' ratings without reading their events.
    if (f.agentId) where.push(eq(eventRatings.agentId, f.agentId));
    return { from: eventRatings, time: eventRatings.occurredAt, id: eventRatings.eventId, where, rest: { ...f, minRating: undefined } };
  }
  if (f.cleanStatus === 'kept' || f.cleanStatus === 'filtered') {
    const where = [eq(liveVerdicts.projectId, projectId), eq(liveVerdicts.status, f.cleanStatus)];
    return { from: liveVerdicts, time: liveVerdicts.occurredAt, id: liveVerdicts.eventId, where, rest: { ...f, cleanStatus: undefined } };
  }
  return { from: events, time: events.occurredAt, id: events.id, where: [], rest: f };
}

export async function listEvents(db: Db, projectId: string, f: EventFilter & { cursor?: string; limit: number }) {
  const walk = walkOf(projectId, f);
  const where = [...eventConditions(projectId, walk.rest), ...walk.where];
  // A day on the walked table's own time too (events' is in eventConditions), so it is a range of that index.
  if (walk.from !== events) {
    const range = rangeBounds(f.from, f.to);
    if (range.from) where.push(gte(walk.time, range.from));
    if (range.to) where.push(lt(walk.time, range.to));
  }
  const cursor = f.cursor ? decodeCursor(f.cursor) : null;
  if (cursor) where.push(keysetPast(walk.time, walk.id, cursor, 'desc'));
  const columns = {
    id: events.id,
    agentId: events.agentId,
    source: events.source,
    rawPrompt: sql<string>`left(${events.prompt}, ${PREVIEW_CHARS + PREVIEW_OVERSCAN})`,
    rawResponse: sql<string>`left(${events.response}, ${PREVIEW_CHARS + PREVIEW_OVERSCAN})`,
    cleanPrompt: sql<string | null>`left(${verdictColumns.cleanPrompt}, ${PREVIEW_CHARS})`,
    cleanResponse: sql<string | null>`left(${verdictColumns.cleanResponse}, ${PREVIEW_CHARS})`,
    // Stored clean text is NULL where cleaning changed nothing, so "differs" is simply "a clean text is stored".
    cleanedDiffers: sql<
      boolean | null
    >`case when ${liveVerdicts.hasText} then (${liveVerdicts.cleanPrompt} is not null or ${liveVerdicts.cleanResponse} is not null) end`,
    occurredAt: events.occurredAt,
    occurredAtText: sql<string>`${events.occurredAt}::text`,
    cleanStatus: verdictColumns.cleanStatus,
    filterReason: liveVerdicts.filterReason,
    rating: ratingOf,
  };
  const pageOf = <Q extends PgSelect>(q: Q) =>
    q
      .where(and(...where))
      .orderBy(desc(walk.time), desc(walk.id))
      .limit(f.limit + 1);
  const rows = await (walk.from === events
    ? pageOf(db.select(columns).from(events).leftJoin(liveVerdicts, verdictOfEvent).$dynamic())
    : walk.from === liveVerdicts
      ? pageOf(db.select(columns).from(liveVerdicts).innerJoin(events, verdictOfEvent).$dynamic())
      : pageOf(
          db
            .select(columns)
            .from(eventRatings)
            .innerJoin(events, eq(events.id, eventRatings.eventId))
            .leftJoin(liveVerdicts, verdictOfEvent)
            .$dynamic(),
        ));
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    rows: page.map(({ occurredAtText: _, rawPrompt, rawResponse, cleanPrompt, cleanResponse, cleanedDiffers, ...r }) => {
      // Uncleaned rows are redacted here, one field at a time, so each has its own window.
      const prompt = shownPreview(rawPrompt, cleanPrompt, cleanedDiffers, PREVIEW_CHARS);
      const response = shownPreview(rawResponse, cleanResponse, cleanedDiffers, PREVIEW_CHARS);
      return { ...r, prompt: prompt.text, response: response.text, redacted: prompt.redacted || response.redacted };
    }),
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

/**
 * One event as `role` may read it: prompt and response are the cleaned (or redacted-on-the-fly) text; `original`
 * carries the raw text only when asked for by an engineer or admin.
 */
export async function getEvent(db: Db, projectId: string, eventId: string, reader: { role: Role | null; original?: boolean }) {
  // None of these waits on the event row: one round trip, and the rest is dropped when the event is not in this project.
  const [[event], rating, inDatasets] = await Promise.all([
    db
      .select({ ...getTableColumns(events), ...verdictColumns })
      .from(events)
      .leftJoin(liveVerdicts, verdictOfEvent)
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
  const { prompt, response, cleanPrompt, cleanResponse, ...rest } = event;
  const shown = shownExchange({ prompt, response, cleanPrompt, cleanResponse });
  const cleaned = cleanPrompt !== null || cleanResponse !== null;
  const mayOriginal = mayReadOriginal(reader.role);
  return {
    event: { ...rest, prompt: shown.prompt, response: shown.response, redacted: shown.redacted, cleaned },
    original: mayOriginal && reader.original ? { prompt, response } : null,
    mayReadOriginal: mayOriginal,
    rating: rating[0] ?? null,
    datasets: inDatasets,
  };
}
