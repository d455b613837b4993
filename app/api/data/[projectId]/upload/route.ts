// POST /api/data/<project>/upload?name=…&format=jsonl|csv&agent=…: the UI's file upload. The body is the file itself,
// parsed as it streams in and stored in batches, so a large file never sits in memory (see server/data/ingest/upload.ts).
import { getDb } from '@/server/db';
import { env } from '@/server/env';
import { requireSession } from '@/server/http/session';
import { DomainError } from '@/server/domain-error';
import { handleRoute } from '@/server/http/route';
import { formatOf } from '@/server/data/ingest/records';
import { ingestUpload } from '@/server/data/ingest/upload';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  return handleRoute('upload', async () => {
    const { projectId } = await params;
    const db = await getDb();
    const access = await requireSession(db, req, projectId, 'write');
    const q = new URL(req.url).searchParams;
    const fileName = q.get('name')?.trim() || 'upload';
    const agent = q.get('agent')?.trim() || undefined;
    if (!req.body) throw new DomainError('bad_request', 'The file is empty.');
    const result = await ingestUpload(db, req.body, {
      projectId,
      fileName,
      format: formatOf(fileName, q.get('format') || null),
      defaultAgentId: agent,
      declaredBytes: Number(req.headers.get('content-length')) || null,
      maxBytes: env.MAX_UPLOAD_BYTES,
      kind: 'upload',
      createdBy: access.user.id,
    });
    return Response.json(result, { status: result.error ? 413 : 200 });
  });
}
