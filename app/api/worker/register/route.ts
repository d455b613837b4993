// POST /api/worker/register: a remote worker announces its name, queues, job types and resources; answers its worker id.
import { registerBody } from '@/server/remote-worker/protocol';
import { readJson, workerRoute, wrongMethod } from '@/server/worker-route/http';
import { registerRemoteWorker } from '@/server/worker-route/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function POST(req: Request) {
  return workerRoute(req, async ({ db, auth }) => {
    const body = await readJson(req, registerBody);
    return Response.json(await registerRemoteWorker(db, auth, body), { status: 201 });
  });
}

export const GET = wrongMethod('POST');
