// Starting a judge run from the UI: refuse plainly when no endpoint is configured or a run is already going.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { annotationItems } from '@/db/schema';
import { enqueue, isActive } from '@/server/jobs/queue';
import { NO_JUDGE_ENDPOINT } from './errors';
import { DomainError } from '@/server/domain-error';
import { judgeEndpointSettings } from './judge-endpoint';
import { JUDGE_JOB_TYPE, type JudgeInput } from './judge-job';
import { getQueue } from './queues';
import { latestJudgeJob } from './report';

export async function startJudgeRun(db: Db, projectId: string, input: JudgeInput, createdBy: string | null) {
  if (!(await judgeEndpointSettings(db, projectId))) throw new DomainError('precondition_failed', NO_JUDGE_ENDPOINT);
  const queue = await getQueue(db, projectId, input.queueId);
  const [anyItem] = await db.select({ id: annotationItems.id }).from(annotationItems).where(eq(annotationItems.queueId, queue.id)).limit(1);
  if (!anyItem) throw new DomainError('precondition_failed', 'The queue has no items for the judge to rate yet.');
  const running = await latestJudgeJob(db, projectId, queue.id);
  if (running && isActive(running.status))
    throw new DomainError('conflict', 'The judge is already rating this queue: wait for that run or cancel it on the Jobs page.');
  return enqueue(db, { projectId, type: JUDGE_JOB_TYPE, input, createdBy, maxAttempts: 2 });
}
