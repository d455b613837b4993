// GET /api/v1/project: which project an API key belongs to. The smallest use of the public key scheme, handy to test a key.
import { getDb } from '@/server/db';
import { requireApiKey } from '@/server/http/api-key';
import { handleRoute } from '@/server/http/route';
import { getProject } from '@/server/projects/membership';

export const dynamic = 'force-dynamic';

export function GET(req: Request) {
  return handleRoute('GET /api/v1/project', async () => {
    const db = await getDb();
    const key = await requireApiKey(db, req.headers);
    const project = await getProject(db, key.projectId);
    return Response.json({ project: project && { id: project.id, name: project.name, slug: project.slug } });
  });
}
