// The read side other parts of the Data factory use: mean human rating per event (the trigger-kept `event_ratings` table).
import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { eventRatings, events } from '@/db/schema';

export type RatingSummary = { eventId: string; meanRating: number; n: number };

/** Mean human rating (0..1) and rating count per event; events nobody rated are absent from the map. */
export async function ratingSummary(db: Db, projectId: string, eventIds: string[]): Promise<Map<string, RatingSummary>> {
  if (!eventIds.length) return new Map();
  const rows = await db
    .select({ eventId: eventRatings.eventId, meanRating: eventRatings.meanRating, n: eventRatings.n })
    .from(eventRatings)
    .where(and(eq(eventRatings.projectId, projectId), inArray(eventRatings.eventId, eventIds)));
  return new Map(rows.map((r) => [r.eventId, { eventId: r.eventId, meanRating: Number(r.meanRating), n: Number(r.n) }]));
}

/** A WHERE condition on `events`: rated by humans with a mean of at least `min` (0..1). Use inside any events query. */
export function minRatingCondition(min: number): SQL {
  return sql`exists (select 1 from ${eventRatings} where ${eventRatings.eventId} = ${events.id} and ${eventRatings.meanRating} >= ${min})`;
}
