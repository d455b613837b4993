// GET /api/v1/evaluations/:id: status, scores and verdict of a run, with a project API key (see server/evaluation/http.ts).
import { getDb } from '@/server/db';
import { handleEvaluationGet } from '@/server/evaluation/http';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleEvaluationGet(await getDb(), req, id);
}
