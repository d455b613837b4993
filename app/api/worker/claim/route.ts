// POST /api/worker/claim: hands the worker the next job of its queues and types in the token's project, or 204;
// never a type that needs the database.
import { claimBody } from '@/server/remote-worker/protocol';
import { readJson, workerRoute, wrongMethod } from '@/server/worker-route/http';
import { claimForWorker } from '@/server/worker-route/service';
import { appOnlyJobTypes } from '@/server/main/jobs';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request) {
  return workerRoute(req, async ({ db, auth }) => {
    const { workerId, allocationId } = await readJson(req, claimBody);
    const job = await claimForWorker(db, auth, workerId, appOnlyJobTypes, allocationId);
    return job ? Response.json({ job }) : new Response(null, { status: 204 });
  });
}

export const GET = wrongMethod('POST');
