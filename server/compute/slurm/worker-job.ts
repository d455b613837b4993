// What a training allocation's Slurm job runs: our remote worker, on the node Slurm gave it, bound to that allocation
// (it claims only the job bound to it, and idles until one is). The worker token travels in the job's environment,
// never in the script or its command line: `scontrol show job` and the job script are readable by every cluster user
// with access to the job, the environment only by its owner and the Slurm daemons.
import 'server-only';
import type { Cluster } from '@/db/schema';

/** The queue of jobs bound to a cluster allocation: no local worker serves it, only the worker the allocation runs. */
export const CLUSTER_QUEUE = 'cluster';

/** Whether the cluster's training allocations can run our worker (an admin set where the app and its checkout are). */
export const runsWorkers = (c: Pick<Cluster, 'appUrl' | 'appDir'>) => !!c.appUrl.trim() && !!c.appDir.trim();

/** How long an allocation's worker token outlives the job's time limit (clock skew, a slow start). */
export const TOKEN_GRACE_MINUTES = 5;

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The job script. It starts the worker with tsx from the app's checkout (as `npm run worker:remote` does, without npm,
 * which wants a writable home). A SIGTERM from Slurm (scancel, time limit) ends the worker at once: the app hands its
 * job to the next allocation as soon as it sees the Slurm job ended, so finishing the step would be wasted.
 */
export function workerScript(c: Pick<Cluster, 'appDir'>): string {
  return [
    '#!/bin/bash',
    '# Agent Factory: the remote worker of allocation $AF_ALLOCATION_ID; it claims only the job bound to it.',
    `cd ${shellQuote(c.appDir.trim())} || { echo "no Agent Factory checkout at ${c.appDir.trim().replace(/[$`"\\]/g, '')}" >&2; exit 1; }`,
    'export WORKER_NAME="${SLURMD_NODENAME:-$(hostname -s)} (Slurm job ${SLURM_JOB_ID})"',
    'export WORKER_EXIT_ON_SIGTERM=1',
    'exec node_modules/.bin/tsx --conditions=react-server server/main/remote-worker.ts --allocation "$AF_ALLOCATION_ID"',
    '',
  ].join('\n');
}

/** The job's environment: what the worker needs and no more (its token is for this allocation alone). */
export function workerEnvironment(c: Pick<Cluster, 'appUrl'>, token: string): Record<string, string> {
  return {
    AF_URL: c.appUrl.trim(),
    AF_WORKER_TOKEN: token,
    WORKER_QUEUES: CLUSTER_QUEUE,
  };
}
