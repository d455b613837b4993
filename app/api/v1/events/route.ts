// POST /api/v1/events: a batch of up to 1,000 interactions, authenticated with a project API key (see server/data/ingest/http.ts).
import { getDb } from '@/server/db';
import { env } from '@/server/env';
import { handleEventsPost } from '@/server/data/ingest/http';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  return handleEventsPost(await getDb(), req, { maxBytes: env.MAX_UPLOAD_BYTES });
}
