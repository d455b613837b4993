// Liveness and readiness: answers 200 once the database is migrated and reachable.
import { sql } from 'drizzle-orm';
import { getDbHandle } from '@/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const { db, kind } = await getDbHandle();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: kind });
  } catch (err) {
    return Response.json({ ok: false, error: (err as Error).message }, { status: 503 });
  }
}
