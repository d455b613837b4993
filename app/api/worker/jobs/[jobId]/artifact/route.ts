// PUT /api/worker/jobs/:jobId/artifact?workerId=…&attempt=…&kind=…[&step=…]: streams the raw body into the
// content-addressed store, then lets the job type record what it means (a checkpoint to resume from).
import { artifactQuery } from '@/server/remote-worker/protocol';
import { readQuery, workerRoute, type JobParams, wrongMethod } from '@/server/worker-route/http';
import { uploadArtifact } from '@/server/worker-route/service';
import { DomainError } from '@/server/domain-error';
import { findJobDefinition } from '@/server/main/jobs';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function PUT(req: Request, { params }: JobParams) {
  return workerRoute(req, async ({ db, auth }) => {
    const query = readQuery(req, artifactQuery);
    if (!req.body) throw new DomainError('bad_request', 'Send the artefact bytes as the request body.');
    const length = req.headers.get('content-length');
    const reply = await uploadArtifact(
      db,
      auth,
      (await params).jobId,
      {
        ...query,
        contentType: req.headers.get('content-type') ?? undefined,
        contentLength: length === null ? undefined : Number(length),
        body: req.body,
      },
      findJobDefinition,
    );
    return Response.json(reply, { status: 201 });
  });
}

export const GET = wrongMethod('PUT');
