// POST /api/worker/jobs/:jobId/cancelled: the worker saw cancelRequested and stopped, so the job ends as cancelled.
import { leaseBody } from '@/server/workers/protocol';
import { readJson, workerRoute, type JobParams } from '@/server/workers/http';
import { cancelledJob } from '@/server/workers/remote';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, leaseBody);
    return Response.json(await cancelledJob(db, auth, (await params).jobId, body));
  });
}
