// What a person may do to a job from the Jobs page, refused with the reason when the job's state does not allow it.
import type { Db } from '@/db';
import { DomainError } from '@/server/domain-error';
import { requestCancel, restart, type Job } from './queue';
import type { JobDefinition } from './registry';

export async function cancelJob(db: Db, projectId: string, jobId: string): Promise<Job> {
  const job = await requestCancel(db, projectId, jobId);
  if (!job) throw new DomainError('conflict', 'Only queued or running jobs can be cancelled.');
  return job;
}

/** Puts a failed or cancelled job back in the queue, re-acquiring what its type needs (`onRestart`), all or nothing. */
export async function restartJob(
  db: Db,
  projectId: string,
  jobId: string,
  find: (type: string) => Pick<JobDefinition, 'onRestart'> | undefined,
): Promise<Job> {
  return db.transaction(async (tx) => {
    const job = await restart(tx, projectId, jobId);
    if (!job) throw new DomainError('conflict', 'Only failed or cancelled jobs can be restarted.');
    await find(job.type)?.onRestart?.(tx, job);
    return job;
  });
}
