// Starting a new dataset version: check the recipe selects something, then claim the next version number of the name.
// The rows themselves are filled by the build (a job), after which the version never changes.
import 'server-only';
import { and, count, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasets, events, type Dataset, type DatasetFilter } from '@/db/schema';
import { sqlState } from '@/db/errors';
import { whereDataset } from './filter';
import { datasetId } from './naming';
import { fieldError } from '@/server/domain-error';

/** A recipe that cannot build (unknown ids, nothing selected), naming the form field to show it beside. */

export type NewDataset = {
  projectId: string;
  name: string;
  description?: string;
  filter: DatasetFilter;
  seed: number;
  validationFraction: number;
  createdBy: string | null;
};

export async function createDatasetVersion(db: Db, o: NewDataset): Promise<Dataset> {
  if (o.filter.eventIds) {
    const ids = [...new Set(o.filter.eventIds)];
    const found = await db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.projectId, o.projectId), inArray(events.id, ids)));
    const known = new Set(found.map((r) => r.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) {
      const shown = missing.slice(0, 5).join(', ');
      throw fieldError(
        'eventIds',
        `No such event in this project: ${shown}${missing.length > 5 ? ` (and ${missing.length - 5} more)` : ''}.`,
      );
    }
    o = { ...o, filter: { eventIds: ids } };
  } else {
    const [row] = await db.select({ n: count() }).from(events).where(whereDataset(o.projectId, o.filter));
    if (!row?.n) throw fieldError('filter', 'No events match this filter (events cleaning filtered out are never included).');
  }
  // Two builds of the same name at once: one wins the unique (project, name, version), the other takes the next number.
  for (let attempt = 0; ; attempt++) {
    const [last] = await db
      .select({ v: max(datasets.version) })
      .from(datasets)
      .where(and(eq(datasets.projectId, o.projectId), eq(datasets.name, o.name)));
    const version = (last?.v ?? 0) + 1;
    try {
      const [created] = await db
        .insert(datasets)
        .values({
          id: datasetId(o.name, version),
          projectId: o.projectId,
          name: o.name,
          version,
          description: o.description ?? '',
          filter: o.filter,
          seed: o.seed,
          validationFraction: o.validationFraction,
          createdBy: o.createdBy,
        })
        .returning();
      return created!;
    } catch (err) {
      if (attempt >= 4 || sqlState(err) !== '23505') throw err;
    }
  }
}
