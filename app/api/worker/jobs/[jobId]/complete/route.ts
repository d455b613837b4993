// POST /api/worker/jobs/:jobId/complete: finishes the held attempt with its result.
import { completeBody } from '@/server/remote-worker/protocol';
import { readJson, workerRoute, type JobParams, wrongMethod } from '@/server/worker-route/http';
import { findJobDefinition } from '@/server/main/jobs';
import { completeJob } from '@/server/worker-route/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, completeBody);
    return Response.json(await completeJob(db, auth, (await params).jobId, body, findJobDefinition));
  });
}

export const GET = wrongMethod('POST');
