// Where each attempt of a run's job ran and how it ended early, from the job's history: the node a worker announced
// (a cluster job's worker names its node and Slurm job) and, for an interrupted attempt, why (e.g. the Slurm job ended).
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { jobEvents, workers } from '@/db/schema';

export type RunAttempt = { attempt: number; node: string | null; startedAt: Date; interrupted: string | null };

export async function runAttempts(db: Db, jobId: string): Promise<RunAttempt[]> {
  const events = await db
    .select({ kind: jobEvents.kind, attempt: jobEvents.attempt, detail: jobEvents.detail, at: jobEvents.at, node: workers.name })
    .from(jobEvents)
    .leftJoin(workers, eq(workers.id, jobEvents.workerId))
    .where(eq(jobEvents.jobId, jobId))
    .orderBy(asc(jobEvents.id));
  const out: RunAttempt[] = [];
  for (const e of events) {
    if (e.kind === 'claimed') out.push({ attempt: e.attempt, node: e.node, startedAt: e.at, interrupted: null });
    const last = out.at(-1);
    if (!last || last.attempt !== e.attempt) continue;
    if (e.kind === 'interrupted') last.interrupted = e.detail;
    else if (e.kind === 'requeued') last.interrupted = `its worker stopped responding (${e.detail})`;
  }
  return out;
}
