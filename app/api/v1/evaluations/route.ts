// POST /api/v1/evaluations: start an evaluation run with a project API key (see server/evaluation/http.ts).
import { getDb } from '@/server/db';
import { handleEvaluationsPost } from '@/server/evaluation/http';
import '@/server/main/subjects';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  return handleEvaluationsPost(await getDb(), req);
}
