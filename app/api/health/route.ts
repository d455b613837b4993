// Liveness and readiness: answers 200 once the database is migrated and reachable, 503 (with Retry-After) until then.
import { sql } from 'drizzle-orm';
import { getDbHandle } from '@/server/db';
import { DATABASE_UNAVAILABLE_RETRY_SECONDS } from '@/server/http/internal-error';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const { db, kind } = await getDbHandle();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: kind });
  } catch (err) {
    console.error('[health] database check failed:', err);
    return Response.json(
      { ok: false, error: 'The database is not reachable yet.' },
      { status: 503, headers: { 'Retry-After': String(DATABASE_UNAVAILABLE_RETRY_SECONDS) } },
    );
  }
}
