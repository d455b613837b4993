// GET /api/worker/jobs/:jobId/artifacts/:artifactId?workerId=…&attempt=…: streams back an artefact the held job stored
// (the checkpoint a resumed attempt starts from), so a remote worker needs no access to the server's disk.
import { Readable } from 'node:stream';
import { artifactReadQuery } from '@/server/remote-worker/protocol';
import { readQuery, workerRoute } from '@/server/worker-route/http';
import { downloadArtifact } from '@/server/worker-route/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Params = { params: Promise<{ jobId: string; artifactId: string }> };

export function GET(req: Request, { params }: Params) {
  return workerRoute(req, async ({ db, auth }) => {
    const { jobId, artifactId } = await params;
    const file = await downloadArtifact(db, auth, jobId, { ...readQuery(req, artifactReadQuery), artifactId });
    return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
      headers: { 'content-type': file.contentType, 'content-length': String(file.sizeBytes), 'x-sha256': file.sha256 },
    });
  });
}
