// POST /api/worker/jobs/:jobId/progress: progress in 0..1, a message and metric points; answers cancelRequested like a heartbeat.
import { progressBody } from '@/server/remote-worker/protocol';
import { readJson, workerRoute, type JobParams, wrongMethod } from '@/server/worker-route/http';
import { progressJob } from '@/server/worker-route/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, progressBody);
    return Response.json(await progressJob(db, auth, (await params).jobId, body));
  });
}

export const GET = wrongMethod('POST');
