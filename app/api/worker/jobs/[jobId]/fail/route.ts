// POST /api/worker/jobs/:jobId/fail: ends the held attempt with an error; retried later unless retryable is false or attempts are spent.
import { failBody } from '@/server/remote-worker/protocol';
import { readJson, workerRoute, type JobParams, wrongMethod } from '@/server/worker-route/http';
import { failJob } from '@/server/worker-route/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, failBody);
    return Response.json(await failJob(db, auth, (await params).jobId, body));
  });
}

export const GET = wrongMethod('POST');
