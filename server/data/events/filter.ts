// Which events a filter selects, as SQL conditions: shared by the explorer, its counts, and the dataset builder.
import 'server-only';
import { eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { cleanStatusEnum, eventSourceEnum, events } from '@/db/schema';
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
  // The rated events as a set the planner can start from (a semi-join): an index range of event_ratings.
  return sql`"events"."id" in (select r.event_id from event_ratings r where r.project_id = ${projectId} and r.mean_rating >= ${min})`;
}

export function eventConditions(projectId: string, f: EventFilter): SQL[] {
  const where: SQL[] = [eq(events.projectId, projectId)];
  if (f.q) where.push(or(ilike(events.prompt, likePattern(f.q)), ilike(events.response, likePattern(f.q)))!);
  if (f.agentId) where.push(eq(events.agentId, f.agentId));
  if (f.source) where.push(eq(events.source, f.source));
  if (f.cleanStatus) where.push(statusIs(f.cleanStatus));
  if (f.minRating !== undefined) where.push(ratingAtLeast(projectId, f.minRating));
  const range = rangeBounds(f.from, f.to);
  if (range.from) where.push(gte(events.occurredAt, range.from));
  if (range.to) where.push(lt(events.occurredAt, range.to));
  return where;
}
