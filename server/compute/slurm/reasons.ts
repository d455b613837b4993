// Why a Slurm job waits, in a sentence a person can act on: Slurm's own reason code (squeue(1) "JOB REASON CODES")
// plus what the cluster shows right now (which jobs hold the GPUs, how many wait ahead). Pure.
import type { SlurmJob } from './client';
import { gpusRequested, pendingOrder, phaseOf } from './parse';

export type ClusterWait = {
  /** Slurm's reason code as it gave it, e.g. `Resources`. */
  reason: string;
  sentence: string;
  /** 1-based among the partition's pending jobs, in Slurm's start order. */
  position: number | null;
  pendingInPartition: number;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const jobList = (ids: number[]) => (ids.length === 1 ? `job ${ids[0]}` : `jobs ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ' …' : ''}`);

const FIXED: Record<string, string> = {
  Dependency: 'waiting for the jobs it depends on to finish.',
  DependencyNeverSatisfied: 'will never start: a job it depends on failed.',
  BeginTime: 'waiting for its requested start time.',
  JobHeldUser: 'held by its user: release it in Slurm (scontrol release) to let it start.',
  JobHeldAdmin: 'held by a cluster administrator.',
  PartitionDown: 'its partition is down: a cluster administrator must bring it up.',
  PartitionInactive: 'its partition is inactive: a cluster administrator must activate it.',
  PartitionNodeLimit: 'it asks for more nodes than its partition allows a job.',
  PartitionTimeLimit: 'its time limit is longer than its partition allows.',
  ReqNodeNotAvail: 'a node it needs is unavailable (down, drained or reserved).',
  NodeDown: 'a node it needs is down.',
  Reservation: 'waiting for its advance reservation to start.',
  InvalidQOS: 'its QOS is not valid for this user or partition.',
  InvalidAccount: 'its account is not valid for this user.',
  BadConstraints: 'no node of its partition can ever satisfy its request.',
  launch_failed_requeued_held: 'its launch failed and Slurm held it.',
  None: "submitted; waiting for the scheduler's next pass.",
};

/** The sentence for one pending job, given every job Slurm listed (for holders and position). */
export function explainPending(job: SlurmJob, all: SlurmJob[]): ClusterWait {
  const order = pendingOrder(all, job.partition);
  const at = order.findIndex((j) => j.job_id === job.job_id);
  const position = at >= 0 ? at + 1 : null;
  const reason = job.state_reason || 'None';
  const running = all.filter((j) => j.partition === job.partition && phaseOf(j.job_state) === 'granted' && j.job_id !== job.job_id);
  let sentence: string;
  if (reason === 'Resources') {
    const want = gpusRequested(job);
    if (want > 0) {
      const holders = running.filter((j) => gpusRequested(j) > 0);
      const held = holders.reduce((n, j) => n + gpusRequested(j), 0);
      const who = holders.length
        ? `${held === 2 ? 'both' : held === 1 ? 'the only free one' : `all ${held}`} are held by ${jobList(holders.map((j) => j.job_id))}`
        : 'the nodes that have them are busy';
      sentence = `waiting for ${plural(want, 'GPU')}: ${who}.`;
    } else {
      sentence = running.length
        ? `waiting for cores or memory: held by ${jobList(running.map((j) => j.job_id))}.`
        : 'waiting for cores or memory on its partition to free up.';
    }
  } else if (reason === 'Priority') {
    const ahead = position ? position - 1 : 0;
    sentence = `waiting behind ${plural(ahead, 'job')} of higher priority in partition ${job.partition}.`;
  } else if (/^(QOS|Assoc)/.test(reason)) {
    const what = /Gres|GRES/.test(reason)
      ? 'GPUs'
      : /Cpu/.test(reason)
        ? 'cores'
        : /Mem/.test(reason)
          ? 'memory'
          : /Job/.test(reason)
            ? 'running jobs'
            : 'resources';
    sentence = `waiting on a ${reason.startsWith('QOS') ? 'QOS' : 'account'} limit (${reason}): this user or account already uses its allowed ${what}.`;
  } else {
    sentence = FIXED[reason] ?? `waiting: Slurm says ${reason}.`;
  }
  if (position && reason !== 'Priority') sentence += ` Position ${position} of ${order.length} pending in ${job.partition}.`;
  return { reason, sentence: sentence[0]!.toUpperCase() + sentence.slice(1), position, pendingInPartition: order.length };
}

/** Why Slurm ended a job, when it was not us: its state and reason in a sentence. */
export function endSentence(job: Pick<SlurmJob, 'job_id' | 'job_state' | 'state_reason'> | null, jobId: string): string {
  if (!job) return `Slurm no longer knows job ${jobId} (it ended and was purged).`;
  const s = job.job_state.toUpperCase();
  const why = job.state_reason && job.state_reason !== 'None' ? ` (${job.state_reason})` : '';
  switch (s) {
    case 'COMPLETED':
      return `Slurm job ${jobId} completed.`;
    case 'CANCELLED':
      return `Slurm job ${jobId} was cancelled outside the app${why}.`;
    case 'TIMEOUT':
      return `Slurm job ${jobId} reached its time limit.`;
    case 'NODE_FAIL':
      return `Slurm job ${jobId} ended: its node failed${why}.`;
    case 'OUT_OF_MEMORY':
      return `Slurm job ${jobId} ran out of memory.`;
    case 'PREEMPTED':
      return `Slurm job ${jobId} was preempted.`;
    case 'BOOT_FAIL':
      return `Slurm job ${jobId} ended: its node failed to boot.`;
    case 'DEADLINE':
      return `Slurm job ${jobId} passed its deadline.`;
    default:
      return `Slurm job ${jobId} ended ${s}${why}.`;
  }
}
