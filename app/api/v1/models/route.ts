// GET /api/v1/models: the deployments a project API key can call, in OpenAI's list shape.
import { getDb } from '@/server/db';
import { handleListModels } from '@/server/runtime/http/openai';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return handleListModels(await getDb(), req);
}
