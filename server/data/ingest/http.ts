// POST /api/v1/events as plain Request → Response (no Next.js), so the route, the tests and the benchmark share it.
import type { Db } from '@/db';
import { bearerFrom } from '@/server/auth/secrets';
import { authenticate } from '@/server/projects/credentials';
import { BatchTooLargeError, ingestBatch, MAX_BATCH_ITEMS } from './batch';
import { readCapped, TooLargeError } from './read-capped';

const error = (status: number, message: string) => Response.json({ error: message }, { status });

export async function handleEventsPost(db: Db, req: Request, o: { maxBytes: number }): Promise<Response> {
  const key = await authenticate(db, 'api_key', bearerFrom(req.headers));
  if (!key) return error(401, 'Missing or invalid API key: send `Authorization: Bearer af_live_…` (create keys in project settings).');

  let text: string;
  try {
    text = await readCapped(req, o.maxBytes);
  } catch (err) {
    if (err instanceof TooLargeError)
      return error(413, `${err.message} Send at most ${MAX_BATCH_ITEMS.toLocaleString('en-US')} events per request.`);
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return error(400, `Malformed JSON in the request body: ${(err as Error).message}`);
  }
  const items = Array.isArray(body) ? body : body && typeof body === 'object' ? (body as { events?: unknown }).events : undefined;
  if (!Array.isArray(items)) return error(400, 'Expected a JSON array of events, or an object {"events": [...]}.');
  if (items.length === 0) return error(400, 'The batch is empty: send between 1 and 1,000 events.');

  try {
    return Response.json(await ingestBatch(db, { projectId: key.projectId, source: 'api', items }));
  } catch (err) {
    if (err instanceof BatchTooLargeError) return error(413, err.message);
    throw err;
  }
}
