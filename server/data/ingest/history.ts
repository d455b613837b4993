// Past uploads of a project, newest first, with their counts and first rejected lines.
import { count, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { ingestBatches } from '@/db/schema';

export async function listUploads(db: Db, projectId: string, o: { page: number; pageSize: number }) {
  const where = eq(ingestBatches.projectId, projectId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(ingestBatches)
      .where(where)
      .orderBy(desc(ingestBatches.createdAt), desc(ingestBatches.id))
      .limit(o.pageSize)
      .offset((o.page - 1) * o.pageSize),
    db.select({ n: count() }).from(ingestBatches).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: o.page, pageSize: o.pageSize };
}
