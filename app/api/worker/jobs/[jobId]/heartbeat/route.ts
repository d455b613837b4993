// POST /api/worker/jobs/:jobId/heartbeat: keeps the lease alive and tells the worker whether to stop (cancelRequested); 409 when the lease is lost.
import { leaseBody } from '@/server/workers/protocol';
import { readJson, workerRoute, type JobParams } from '@/server/workers/http';
import { heartbeatJob } from '@/server/workers/remote';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, leaseBody);
    return Response.json(await heartbeatJob(db, auth, (await params).jobId, body));
  });
}
