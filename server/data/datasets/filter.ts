// A dataset's recipe: a filter over events (source, agent, minimum rating, cleaned only, date range) or explicit event ids.
import 'server-only';
import { inArray, eq, and, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { events, type DatasetFilter } from '@/db/schema';
import { eventConditions, eventFilterSchema } from '@/server/data/events/filter';
import { notFiltered, statusIs } from '@/server/data/cleaning/verdicts';

// The explorer's own field rules, so a filter carried over from it validates with the same messages.
const { source, agentId, minRating, from, to } = eventFilterSchema.shape;

export const datasetFilterSchema = z.object({
  source,
  agentId,
  minRating,
  cleanedOnly: z.boolean().optional(),
  from,
  to,
  eventIds: z
    .array(z.string().trim().min(1))
    .min(1, 'List at least one event id.')
    .max(10_000, 'List at most 10,000 event ids; use a filter for more.')
    .optional(),
}) satisfies z.ZodType<DatasetFilter>;

/**
 * The events a recipe selects. Events cleaning filtered out (junk, duplicates) are never taken by a filter;
 * "cleaned only" narrows to events cleaning kept. Explicit ids are taken as listed, whatever their status.
 */
export function datasetConditions(projectId: string, f: DatasetFilter): SQL[] {
  if (f.eventIds) return [eq(events.projectId, projectId), inArray(events.id, f.eventIds)];
  const where = eventConditions(projectId, { source: f.source, agentId: f.agentId, minRating: f.minRating, from: f.from, to: f.to });
  where.push(f.cleanedOnly ? statusIs('kept') : notFiltered());
  return where;
}

export const whereDataset = (projectId: string, f: DatasetFilter) => and(...datasetConditions(projectId, f))!;
