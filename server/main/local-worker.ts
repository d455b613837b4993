// A worker loop with everything the factories need around it: this machine's resources announced, every job type
// this process can serve, and Compute's sweep (release what ended jobs held, grant what now fits) between jobs.
import type { Db } from '@/db';
import { sweepAllocations } from '@/server/compute/allocations';
import { localResources } from '@/server/compute/local-resources';
import type { Job } from '@/server/jobs/queue';
import type { AnyJobDefinition } from '@/server/jobs/registry';
import { runJob, startWorker, type Housekeeping, type RunningWorker, type WorkerOptions } from '@/server/jobs/worker-loop';
import { servableJobDefinitions } from './jobs';

export const computeHousekeeping: Housekeeping = {
  tick: (db) => sweepAllocations(db),
  afterJob: (db, jobId) => sweepAllocations(db, jobId),
};

export type LocalWorkerOptions = Omit<WorkerOptions, 'definitions' | 'resources' | 'housekeeping'>;

export async function startLocalWorker(db: Db, o: LocalWorkerOptions): Promise<RunningWorker> {
  return startWorker(db, {
    ...o,
    definitions: servableJobDefinitions(),
    resources: await localResources(),
    housekeeping: computeHousekeeping,
  });
}

/** One claimed job run to its end with the same housekeeping as the loop (tests and scripts use this). */
export function runJobHere(db: Db, job: Job, def: AnyJobDefinition, heartbeatMs: number, log?: (line: string) => void): Promise<void> {
  return runJob(db, job, def, { heartbeatMs, log, afterJob: computeHousekeeping.afterJob });
}
