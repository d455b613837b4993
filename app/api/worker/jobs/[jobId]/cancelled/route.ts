// POST /api/worker/jobs/:jobId/cancelled: the worker saw cancelRequested and stopped, so the job ends as cancelled.
import { leaseBody } from '@/server/remote-worker/protocol';
import { readJson, workerRoute, type JobParams, wrongMethod } from '@/server/worker-route/http';
import { cancelledJob } from '@/server/worker-route/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, leaseBody);
    return Response.json(await cancelledJob(db, auth, (await params).jobId, body));
  });
}

export const GET = wrongMethod('POST');
