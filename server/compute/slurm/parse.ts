// Slurm's answers read into the Compute factory's terms: partitions as pools (nodes, cores, memory, GPUs total /
// allocated / idle / drained), a job's state as an allocation's, GPU indices from `gres_detail`. Pure functions.
import type { SlurmJob, SlurmNode, SlurmPartition } from './client';

export type ClusterPool = {
  partition: string;
  state: string;
  isDefault: boolean;
  nodes: { total: number; idle: number; mixed: number; allocated: number; drained: number; down: number };
  cpus: { total: number; allocated: number; idle: number };
  memoryMb: { total: number; allocated: number };
  gpus: { total: number; allocated: number; idle: number; drained: number };
  /** Slurm's max time limit in minutes; null: unlimited. */
  maxTimeMinutes: number | null;
  nodeNames: string[];
};

/** `gpu:2`, `gpu:a100:4(S:0-1)`, `gpu:1(IDX:0),gpu:tesla:2(IDX:1-2)` → the GPU count. */
export function gpuCount(gres: string | undefined | null): number {
  if (!gres || gres === '(null)' || gres === 'N/A') return 0;
  let n = 0;
  for (const part of gres.split(/,(?![^(]*\))/)) {
    const m = /^gpu(?::[^:(]+)?:(\d+)/.exec(part.trim());
    if (m) n += Number(m[1]);
  }
  return n;
}

/** `["gpu:1(IDX:0)"]`, `gpu:2(IDX:0-1)`, `gpu:3(IDX:0,2-3)` → [0], [0, 1], [0, 2, 3]. */
export function gpuIndices(detail: string[] | undefined | null): number[] {
  const out: number[] = [];
  for (const d of detail ?? []) {
    const m = /IDX:([0-9,\-]+)/.exec(d);
    if (!m) continue;
    for (const r of m[1]!.split(',')) {
      const [a, b] = r.split('-').map(Number);
      if (a === undefined || Number.isNaN(a)) continue;
      for (let i = a; i <= (b ?? a); i++) out.push(i);
    }
  }
  return out;
}

const isDrained = (n: SlurmNode) => /drain|fail/i.test(n.state) || (n.state_flags ?? []).some((f) => /DRAIN|FAIL/i.test(f));
const isDown = (n: SlurmNode) =>
  /down|unknown|not_responding/i.test(n.state) || (n.state_flags ?? []).some((f) => /NOT_RESPONDING/i.test(f));

/** Each partition as a pool, from the nodes that belong to it. */
export function poolsOf(partitions: SlurmPartition[], nodes: SlurmNode[]): ClusterPool[] {
  return partitions.map((p) => {
    const members = nodes.filter((n) => (n.partitions ?? []).includes(p.name));
    const pool: ClusterPool = {
      partition: p.name,
      state: p.state,
      isDefault: (p.flags ?? []).includes('default'),
      nodes: { total: members.length, idle: 0, mixed: 0, allocated: 0, drained: 0, down: 0 },
      cpus: { total: 0, allocated: 0, idle: 0 },
      memoryMb: { total: 0, allocated: 0 },
      gpus: { total: 0, allocated: 0, idle: 0, drained: 0 },
      maxTimeMinutes: p.max_time_limit !== undefined && p.max_time_limit >= 0 ? p.max_time_limit : null,
      nodeNames: members.map((n) => n.name),
    };
    for (const n of members) {
      const gpus = gpuCount(n.gres);
      const used = gpuCount(n.gres_used);
      pool.cpus.total += n.cpus;
      pool.cpus.allocated += n.alloc_cpus ?? 0;
      pool.memoryMb.total += n.real_memory;
      pool.memoryMb.allocated += n.alloc_memory ?? 0;
      pool.gpus.total += gpus;
      pool.gpus.allocated += used;
      if (isDrained(n) || isDown(n)) {
        pool.gpus.drained += gpus - used;
        if (isDrained(n)) pool.nodes.drained++;
        else pool.nodes.down++;
        continue;
      }
      pool.cpus.idle += n.idle_cpus ?? n.cpus - (n.alloc_cpus ?? 0);
      pool.gpus.idle += gpus - used;
      if (/^idle/i.test(n.state)) pool.nodes.idle++;
      else if (/^mixed/i.test(n.state)) pool.nodes.mixed++;
      else pool.nodes.allocated++;
    }
    return pool;
  });
}

export type JobPhase = 'queued' | 'granted' | 'ended';

/** Slurm's job states (squeue(1) "JOB STATE CODES") grouped as an allocation sees them. */
export function phaseOf(state: string): JobPhase {
  const s = state.toUpperCase();
  if (['PENDING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD', 'CONFIGURING', 'SUSPENDED'].includes(s)) {
    return s === 'CONFIGURING' || s === 'SUSPENDED' ? 'granted' : 'queued';
  }
  if (['RUNNING', 'COMPLETING', 'STAGE_OUT', 'SIGNALING', 'RESIZING'].includes(s)) return 'granted';
  return 'ended';
}

/** Pending jobs of a partition in the order Slurm would start them: priority, then submit time, then id. */
export function pendingOrder(jobs: SlurmJob[], partition: string): SlurmJob[] {
  return jobs
    .filter((j) => j.partition === partition && phaseOf(j.job_state) === 'queued')
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || (a.submit_time ?? 0) - (b.submit_time ?? 0) || a.job_id - b.job_id);
}

/** GPUs a job asks for per node (`tres_per_node` `gres:gpu:2` or `gres/gpu=2`). */
export function gpusRequested(job: SlurmJob): number {
  const t = job.tres_per_node ?? '';
  const m = /gpu[:=](?:[^:,=]+:)?(\d+)/.exec(t);
  return m ? Number(m[1]) : 0;
}
