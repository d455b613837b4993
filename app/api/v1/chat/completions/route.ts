// POST /api/v1/chat/completions: OpenAI-compatible serving of a deployment (server/runtime/http/openai.ts).
import { getDb } from '@/server/db';
import { handleChatCompletions } from '@/server/runtime/http/openai';
import { runtimeHost } from '@/server/runtime/pools';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  const db = await getDb();
  return handleChatCompletions(db, runtimeHost(db), req);
}
