// A dataset's recipe: a filter over events (source, agent, minimum rating, cleaned only, date range) or explicit event ids.
import { inArray, ne, eq, and, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { eventSourceEnum, events, type DatasetFilter } from '@/db/schema';
import { eventConditions } from '@/server/data/events/filter';

const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'Use a date like 2025-03-01 or an ISO timestamp.' });

export const datasetFilterSchema = z.object({
  source: z.enum(eventSourceEnum.enumValues).optional(),
  agentId: z.string().trim().min(1).max(200).optional(),
  minRating: z.number().min(0, 'A rating is between 0 and 1.').max(1, 'A rating is between 0 and 1.').optional(),
  cleanedOnly: z.boolean().optional(),
  from: when.optional(),
  to: when.optional(),
  eventIds: z.array(z.string().trim().min(1)).min(1, 'List at least one event id.').max(10_000, 'List at most 10,000 event ids; use a filter for more.').optional(),
}) satisfies z.ZodType<DatasetFilter>;

/**
 * The events a recipe selects. Events cleaning filtered out (junk, duplicates) are never taken by a filter;
 * "cleaned only" narrows to events cleaning kept. Explicit ids are taken as listed, whatever their status.
 */
export function datasetConditions(projectId: string, f: DatasetFilter): SQL[] {
  if (f.eventIds) return [eq(events.projectId, projectId), inArray(events.id, f.eventIds)];
  const where = eventConditions(projectId, { source: f.source, agentId: f.agentId, minRating: f.minRating, from: f.from, to: f.to });
  where.push(f.cleanedOnly ? eq(events.cleanStatus, 'kept') : ne(events.cleanStatus, 'filtered'));
  return where;
}

export const whereDataset = (projectId: string, f: DatasetFilter) => and(...datasetConditions(projectId, f))!;
