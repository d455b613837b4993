// The public API of evaluations, as plain Request → Response so the routes and the tests share it:
//   POST /api/v1/evaluations      {taskset_id, model | endpoint | subject, step_limit?, seed?, adversarial_count?} → 202 {id, status, …}
//   GET  /api/v1/evaluations/:id  status, progress, scores, verdict and its reasons
// Both authenticate with a project API key; the key's project is the only one they can see.
import type { Db } from '@/db';
import { z } from 'zod';
import { DomainError } from '@/server/domain-error';
import { requireApiKey } from '@/server/http/api-key';
import { handleRoute } from '@/server/http/route';
import { readCapped } from '@/server/data/ingest/read-capped';
import { getEvaluationRun } from './run-read';
import { evalSettingsSchema, startEvaluation } from './runs';
import { runSummary } from './summary';

const startBody = z
  .object({
    taskset_id: z.string({ error: 'taskset_id is required' }).min(1),
    model: z.string().min(1).optional(),
    endpoint: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    step_limit: evalSettingsSchema.shape.stepLimit,
    seed: evalSettingsSchema.shape.seed,
    adversarial_count: evalSettingsSchema.shape.adversarialCount,
  })
  .refine((b) => [b.model, b.endpoint, b.subject].filter(Boolean).length === 1, 'Name exactly one of model, endpoint or subject.');

export function handleEvaluationsPost(db: Db, req: Request): Promise<Response> {
  return handleRoute('POST /api/v1/evaluations', async () => {
    const key = await requireApiKey(db, req.headers);
    let raw: unknown;
    try {
      raw = JSON.parse(await readCapped(req, 64 * 1024, 'The request body is larger than 64 KiB.'));
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('bad_request', `Malformed JSON in the request body: ${(err as Error).message}`);
    }
    const parsed = startBody.safeParse(raw);
    if (!parsed.success)
      throw new DomainError(
        'bad_request',
        parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
      );
    const b = parsed.data;
    const subject = b.subject ?? (b.model ? `model:${b.model}` : `endpoint:${b.endpoint}`);
    const started = await startEvaluation(db, {
      projectId: key.projectId,
      tasksetId: b.taskset_id,
      subject,
      stepLimit: b.step_limit,
      seed: b.seed,
      adversarialCount: b.adversarial_count,
      createdBy: null,
    });
    return Response.json(
      { id: started.runId, job_id: started.jobId, status: 'queued', url: `/api/v1/evaluations/${started.runId}` },
      { status: 202, headers: { location: `/api/v1/evaluations/${started.runId}` } },
    );
  });
}

export function handleEvaluationGet(db: Db, req: Request, id: string): Promise<Response> {
  return handleRoute('GET /api/v1/evaluations/:id', async () => {
    const key = await requireApiKey(db, req.headers);
    const got = await getEvaluationRun(db, key.projectId, id);
    if (!got) throw new DomainError('not_found', `No evaluation ${id} in this project.`);
    const { run } = got;
    return Response.json({
      id: run.id,
      status: got.status,
      progress: got.progress,
      message: got.error ?? got.message,
      subject: run.subject,
      model_id: run.modelId,
      taskset_id: run.tasksetId,
      rescore_of: run.rescoreOf,
      verdict: run.verdict,
      reasons: run.gate?.reasons ?? [],
      gate: run.gate,
      policy_version: run.policyVersion,
      current_policy_version: got.currentPolicyVersion,
      verdict_stale: got.verdictStale,
      judge: run.judge,
      scores: run.scores,
      summary: run.scores ? runSummary(run) : null,
      created_at: run.createdAt,
      finished_at: run.finishedAt,
    });
  });
}
