// GET /api/data/<project>/datasets/<id>/export?split=train|validation|all: a built version as OpenAI chat fine-tuning
// JSONL, streamed from the database in the version's order (the same bytes as the export stored when it was built).
import { type Db } from '@/db';
import { getDb } from '@/server/db';
import { DomainError, found } from '@/server/domain-error';
import { streamedDownload } from '@/server/http/download';
import { handleRoute } from '@/server/http/route';
import { requireSession } from '@/server/http/session';
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

export function GET(req: Request, { params }: { params: Promise<{ projectId: string; datasetId: string }> }) {
  return handleRoute('dataset export', async () => {
    const { projectId, datasetId } = await params;
    const db = await getDb();
    await requireSession(db, req, projectId, 'read');
    const split = (new URL(req.url).searchParams.get('split') ?? 'train') as ExportSplit;
    if (!EXPORT_SPLITS.includes(split)) throw new DomainError('bad_request', 'split must be train, validation or all.');
    const { dataset } = found(await getDataset(db, projectId, datasetId), 'dataset');
    const refused = unexportableReason(datasetId, dataset.status);
    if (refused) throw new DomainError('conflict', refused);
    return streamExport(db, projectId, datasetId, split);
  });
}

function streamExport(db: Db, projectId: string, datasetId: string, split: ExportSplit): Response {
  return streamedDownload(exportBytes(exportLines(db, projectId, datasetId, split)), {
    contentType: 'application/jsonl; charset=utf-8',
    fileName: exportFileName(datasetId, split),
  });
}
