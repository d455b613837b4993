// POST /api/v1/events as plain Request → Response (no Next.js), so the route, the tests and the benchmark share it.
import type { Db } from '@/db';
import { DomainError } from '@/server/domain-error';
import { handleRoute } from '@/server/http/route';
import { requireApiKey } from '@/server/http/api-key';
import { ingestBatch, MAX_BATCH_ITEMS } from './batch';
import { readCapped } from './read-capped';

export function handleEventsPost(db: Db, req: Request, o: { maxBytes: number }): Promise<Response> {
  return handleRoute('POST /api/v1/events', async () => {
    const key = await requireApiKey(db, req.headers);

    const text = await readCapped(req, o.maxBytes, `Send at most ${MAX_BATCH_ITEMS.toLocaleString('en-US')} events per request.`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new DomainError('bad_request', `Malformed JSON in the request body: ${(err as Error).message}`);
    }
    const items = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { events?: unknown }).events : undefined;
    if (!Array.isArray(items)) throw new DomainError('bad_request', 'Expected a JSON array of events, or an object {"events": [...]}.');
    if (items.length === 0) throw new DomainError('bad_request', 'The batch is empty: send between 1 and 1,000 events.');
    return Response.json(await ingestBatch(db, { projectId: key.projectId, source: 'api', items }));
  });
}
