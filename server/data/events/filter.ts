// Which events a filter selects, as SQL conditions: shared by the explorer, its counts, and the dataset builder.
import 'server-only';
import { and, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { textArray } from '@/db/pg-arrays';
import { cleanStatusEnum, eventRatings, eventSourceEnum, events } from '@/db/schema';
import { MIN_SEARCH } from '@/common/event-search';
import { statusIs } from '../cleaning/verdicts';

/** A day (`2025-03-01`, the whole day in UTC) or an exact instant (`2025-03-01T12:00:00Z`). */
const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'Use a date like 2025-03-01 or an ISO timestamp.' });

export const eventFilterSchema = z.object({
  // Three characters at least: the trigram indexes find any longer text at once, where one or two characters
  // match most events and could only be found by reading every one (2.3 s at a million events).
  q: z
    .string()
    .trim()
    .min(MIN_SEARCH, `Type at least ${MIN_SEARCH} characters to search.`)
    .max(200, 'Keep the search under 200 characters.')
    .optional(),
  agentId: z.string().trim().min(1).max(200).optional(),
  source: z.enum(eventSourceEnum.enumValues).optional(),
  cleanStatus: z.enum(cleanStatusEnum.enumValues).optional(),
  /** Mean human rating (0..1) at least this; unrated events are left out when set. */
  minRating: z.number().min(0, 'A rating is between 0 and 1.').max(1, 'A rating is between 0 and 1.').optional(),
  from: when.optional(),
  to: when.optional(),
});

export type EventFilter = z.infer<typeof eventFilterSchema>;

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** `to` is inclusive of a whole day when it names a day, so "from 3/1 to 3/1" means all of March 1st. */
export function rangeBounds(from?: string, to?: string): { from?: Date; to?: Date } {
  const end = to ? new Date(isDay(to) ? `${to}T00:00:00Z` : to) : undefined;
  if (end && to && isDay(to)) end.setUTCDate(end.getUTCDate() + 1);
  return { from: from ? new Date(isDay(from) ? `${from}T00:00:00Z` : from) : undefined, to: end };
}

/** `%` and `_` typed by a user are meant literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function ratingAtLeast(projectId: string, min: number): SQL {
  // The rated events as a set the planner can start from (a semi-join), never a probe of the grouped view per event.
  return sql`"events"."id" in (select r.event_id from event_ratings r where r.project_id = ${projectId} and r.mean_rating >= ${min})`;
}

/** Rated events sent as a list at most: past this the set is joined in the database instead. */
const RATED_LIST_MAX = 50_000;

/**
 * For a page of newest events with a minimum rating: the rated events' ids, when few enough to send back as a list.
 * Postgres then walks the time index newest first checking each id against a hash of the list, and stops at a page
 * (a few ms at a million events with 2% rated), where joining the set meant looking up and sorting every rated
 * event (160 ms). Null when the set is larger: the join stays.
 */
export async function ratedEventIds(db: Db, projectId: string, min: number): Promise<string[] | null> {
  const rows = await db
    .select({ id: eventRatings.eventId })
    .from(eventRatings)
    .where(and(eq(eventRatings.projectId, projectId), gte(eventRatings.meanRating, min)))
    .limit(RATED_LIST_MAX + 1);
  return rows.length > RATED_LIST_MAX ? null : rows.map((r) => r.id);
}

/** `ratedIds`: the result of `ratedEventIds` for `f.minRating`, when the caller fetched it. */
export function eventConditions(projectId: string, f: EventFilter, ratedIds?: string[] | null): SQL[] {
  const where: SQL[] = [eq(events.projectId, projectId)];
  if (f.q) where.push(or(ilike(events.prompt, likePattern(f.q)), ilike(events.response, likePattern(f.q)))!);
  if (f.agentId) where.push(eq(events.agentId, f.agentId));
  if (f.source) where.push(eq(events.source, f.source));
  if (f.cleanStatus) where.push(statusIs(f.cleanStatus));
  if (f.minRating !== undefined)
    where.push(ratedIds ? sql`"events"."id" = any(${textArray(ratedIds)}::text[])` : ratingAtLeast(projectId, f.minRating));
  const range = rangeBounds(f.from, f.to);
  if (range.from) where.push(gte(events.occurredAt, range.from));
  if (range.to) where.push(lt(events.occurredAt, range.to));
  return where;
}
