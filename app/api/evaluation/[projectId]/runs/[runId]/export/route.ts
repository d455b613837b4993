// GET /api/evaluation/<project>/runs/<run>/export?format=csv|json: a run's report with every case, streamed from the
// database in pages (flat memory for 100k-case runs). Anyone who may read the project may download it.
import { getDb } from '@/server/db';
import { DomainError, found } from '@/server/domain-error';
import { EXPORT_FORMATS, exportFileName, exportRun, type ExportFormat } from '@/server/evaluation/export';
import { getEvaluationRun } from '@/server/evaluation/run-read';
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
    const chunks = exportRun(db, run, format);
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
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${exportFileName(runId, format)}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
