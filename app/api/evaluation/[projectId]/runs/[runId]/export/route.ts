// GET /api/evaluation/<project>/runs/<run>/export?format=csv|json: a run's report with every case, streamed from the
// database in pages (flat memory for 100k-case runs). Anyone who may read the project may download it.
import { getDb } from '@/server/db';
import { DomainError, found } from '@/server/domain-error';
import { EXPORT_FORMATS, exportFileName, exportRun, type ExportFormat } from '@/server/evaluation/export';
import { getEvaluationRun } from '@/server/evaluation/run-read';
import { streamedDownload } from '@/server/http/download';
import { handleRoute } from '@/server/http/route';
import { requireSession } from '@/server/http/session';

export const dynamic = 'force-dynamic';

export function GET(req: Request, { params }: { params: Promise<{ projectId: string; runId: string }> }) {
  return handleRoute('evaluation export', async () => {
    const { projectId, runId } = await params;
    const db = await getDb();
    await requireSession(db, req, projectId, 'read');
    const format = (new URL(req.url).searchParams.get('format') ?? 'csv') as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new DomainError('bad_request', 'format must be csv or json.');
    const { run } = found(await getEvaluationRun(db, projectId, runId), 'evaluation');
    return streamedDownload(exportRun(db, run, format), {
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      fileName: exportFileName(runId, format),
    });
  });
}
