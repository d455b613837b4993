// POST /api/data/<project>/upload?name=…&format=jsonl|csv&agent=…: the UI's file upload. The body is the file itself,
// parsed as it streams in and stored in batches, so a large file never sits in memory (see server/data/ingest/upload.ts).
import { getDb } from '@/db';
import { env } from '@/server/env';
import { sessionAccess } from '@/server/data/route-access';
import { CsvHeaderError } from '@/server/data/ingest/csv';
import { formatOf, UnknownFormatError } from '@/server/data/ingest/records';
import { UploadTooLargeError } from '@/server/data/ingest/source';
import { ingestUpload } from '@/server/data/ingest/upload';

export const dynamic = 'force-dynamic';

export async function POST(req: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const db = await getDb();
  const access = await sessionAccess(db, projectId, 'write');
  if (!access.ok) return access.response;
  const q = new URL(req.url).searchParams;
  const fileName = q.get('name')?.trim() || 'upload';
  const agent = q.get('agent')?.trim() || undefined;
  if (!req.body) return Response.json({ error: 'The file is empty.' }, { status: 400 });
  try {
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
  } catch (err) {
    if (err instanceof UploadTooLargeError) return Response.json({ error: err.message }, { status: 413 });
    if (err instanceof UnknownFormatError || err instanceof CsvHeaderError) return Response.json({ error: err.message }, { status: 400 });
    throw err;
  }
}
