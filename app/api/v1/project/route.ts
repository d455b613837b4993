// GET /api/v1/project: which project an API key belongs to. The smallest use of the public key scheme, handy to test a key.
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { projects } from '@/db/schema';
import { bearerFrom } from '@/server/auth/secrets';
import { authenticate } from '@/server/projects/credentials';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const db = await getDb();
  const key = await authenticate(db, 'api_key', bearerFrom(req.headers));
  if (!key)
    return Response.json(
      { error: 'Missing or invalid API key: send `Authorization: Bearer af_live_…` (create keys in project settings).' },
      { status: 401 },
    );
  const [project] = await db
    .select({ id: projects.id, name: projects.name, slug: projects.slug })
    .from(projects)
    .where(eq(projects.id, key.projectId));
  return Response.json({ project });
}
