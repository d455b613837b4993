// Past uploads of a project, newest first, with their counts and first rejected lines.
import 'server-only';
import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { ingestBatches } from '@/db/schema';
import { paged } from '@/db/paging';

export async function listUploads(db: Db, projectId: string, o: { page: number; pageSize: number }) {
  const where = eq(ingestBatches.projectId, projectId);
  const listed = await paged(
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
  return listed;
}
