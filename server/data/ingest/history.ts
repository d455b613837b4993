// Past uploads of a project (UI and CLI; API requests have batch records too but are not uploads), newest first, with
// their counts and first rejected lines.
import 'server-only';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { ingestBatches } from '@/db/schema';
import { paged } from '@/db/paging';

export async function listUploads(db: Db, projectId: string, o: { page: number; pageSize: number }) {
  const where = and(eq(ingestBatches.projectId, projectId), inArray(ingestBatches.kind, ['upload', 'cli']));
  return paged(
    o,
    (limit, offset) =>
      db
        .select()
        .from(ingestBatches)
        .where(where)
        .orderBy(desc(ingestBatches.createdAt), desc(ingestBatches.id))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(ingestBatches).where(where),
  );
}
