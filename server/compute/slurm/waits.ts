// Why a project's queued cluster allocations wait, read from Slurm now: its reason translated into a sentence and the
// position among the partition's pending jobs. Shaped like the built-in scheduler's explanation, so one list shows both.
import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { allocations, type Allocation } from '@/db/schema';
import { DomainError } from '@/server/domain-error';
import type { WaitExplanation } from '../explain';
import type { SlurmJob } from './client';
import { clusterClient, listClusterRows } from './clusters';
import { explainPending } from './reasons';

export type ClusterQueued = Allocation & { wait: WaitExplanation };

export async function clusterQueue(db: Db, projectId: string): Promise<ClusterQueued[]> {
  const queued = await db
    .select()
    .from(allocations)
    .where(and(eq(allocations.projectId, projectId), eq(allocations.status, 'queued'), isNotNull(allocations.clusterId)));
  if (!queued.length) return [];
  const ids = new Set(queued.map((a) => a.clusterId!));
  const cl = (await listClusterRows(db, projectId)).filter((c) => ids.has(c.id));
  const jobsOf = new Map<string, SlurmJob[] | string>();
  await Promise.all(
    cl.map(async (c) => {
      try {
        jobsOf.set(c.id, await clusterClient(c, { backoffMs: [100] }).jobs());
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        jobsOf.set(c.id, err.message);
      }
    }),
  );
  return queued
    .sort((a, b) => a.seq - b.seq)
    .map((a) => {
      const jobs = jobsOf.get(a.clusterId!);
      const job = Array.isArray(jobs) ? jobs.find((j) => String(j.job_id) === a.externalJobId) : undefined;
      const base = { id: a.id, ahead: [], shortages: [], eta: null, etaText: 'when Slurm starts it: the cluster decides the order.' };
      if (!job) {
        const why = typeof jobs === 'string' ? jobs : `Slurm job ${a.externalJobId} is not listed yet`;
        return { ...a, wait: { ...base, position: 0, reason: `Waiting in Slurm (last reason: ${a.externalReason ?? 'None'}); ${why}` } };
      }
      const w = explainPending(job, jobs as SlurmJob[]);
      return { ...a, wait: { ...base, position: w.position ?? 0, reason: `${w.sentence} (Slurm job ${job.job_id}, reason ${w.reason})` } };
    });
}

export async function clusterWait(db: Db, projectId: string, allocId: string): Promise<WaitExplanation | null> {
  return (await clusterQueue(db, projectId)).find((q) => q.id === allocId)?.wait ?? null;
}
