// GET /api/data/<project>/datasets/<id>/export?split=train|validation|all: a built version as OpenAI chat fine-tuning
// JSONL, streamed from the database in the version's order (the same bytes as the export stored when it was built).
import { getDb } from '@/db';
import { sessionAccess } from '@/server/data/route-access';
import {
  EXPORT_SPLITS,
  exportBytes,
  exportFileName,
  exportLines,
  unexportableReason,
  type ExportSplit,
} from '@/server/data/datasets/export';
import { getDataset } from '@/server/data/datasets/read';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string; datasetId: string }> }) {
  const { projectId, datasetId } = await params;
  const db = await getDb();
  const access = await sessionAccess(db, projectId, 'read');
  if (!access.ok) return access.response;
  const split = (new URL(req.url).searchParams.get('split') ?? 'train') as ExportSplit;
  if (!EXPORT_SPLITS.includes(split)) return Response.json({ error: 'split must be train, validation or all.' }, { status: 400 });
  const found = await getDataset(db, projectId, datasetId);
  if (!found) return Response.json({ error: 'No such dataset in this project.' }, { status: 404 });
  const refused = unexportableReason(datasetId, found.dataset.status);
  if (refused) return Response.json({ error: refused }, { status: 409 });

  const chunks = exportBytes(exportLines(db, projectId, datasetId, split));
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/jsonl; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFileName(datasetId, split)}"`,
      'cache-control': 'no-store',
    },
  });
}
