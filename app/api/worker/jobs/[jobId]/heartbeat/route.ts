// POST /api/worker/jobs/:jobId/heartbeat: keeps the lease alive and tells the worker whether to stop (cancelRequested); 409 when the lease is lost.
import { leaseBody } from '@/server/remote-worker/protocol';
import { readJson, workerRoute, type JobParams, wrongMethod } from '@/server/worker-route/http';
import { heartbeatJob } from '@/server/worker-route/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, leaseBody);
    return Response.json(await heartbeatJob(db, auth, (await params).jobId, body));
  });
}

export const GET = wrongMethod('POST');
