// Utilisation over time, kept cheap: a sample is written when an allocation changes and when someone looks at the pool
// (at most one per SAMPLE_EVERY_MS per project), so an idle factory writes nothing and a watched one a row per 10 s.
import 'server-only';
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { clusters, computeSamples, type ComputeSample } from '@/db/schema';
import type { ClusterPool } from './slurm/parse';
import { poolSummary, type PoolSummary } from './summary';

export const SAMPLE_EVERY_MS = 10_000;
const KEEP = sql`interval '7 days'`;
const MAX_POINTS = 360;

export const RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;
export type SampleRange = keyof typeof RANGES;

/** Writes one sample now; a failed sample is logged, never allowed to fail the allocation change that asked for it. */
export async function recordSample(db: Db, projectId: string, summary?: PoolSummary): Promise<void> {
  try {
    const s = summary ?? (await poolSummary(db, projectId));
    const c = await clusterTotals(db, projectId);
    await db.insert(computeSamples).values({
      ...c,
      projectId,
      cpus: s.capacity.cpus,
      cpusAllocated: s.allocated.cpus,
      cpuLoad: s.load.cpuLoad,
      memoryMb: s.capacity.memoryMb,
      memoryAllocatedMb: s.allocated.memoryMb,
      memoryUsedMb: s.load.memoryUsedMb,
      gpus: s.capacity.gpus,
      gpusAllocated: s.allocated.gpus,
      byPool: s.byPool,
    });
    await db.delete(computeSamples).where(and(eq(computeSamples.projectId, projectId), lt(computeSamples.at, sql`now() - ${KEEP}`)));
  } catch (err) {
    console.error(`[compute] utilisation sample for ${projectId} failed: ${(err as Error).message}`);
  }
}

/** The project's cluster pools summed from their last good read (no call to a cluster: a sample stays cheap). */
async function clusterTotals(db: Db, projectId: string) {
  const rows = await db.select({ pools: clusters.lastPools }).from(clusters).where(eq(clusters.projectId, projectId));
  const t = { clusterCpus: 0, clusterCpusAllocated: 0, clusterGpus: 0, clusterGpusAllocated: 0 };
  for (const r of rows)
    for (const p of (r.pools as ClusterPool[] | null) ?? []) {
      t.clusterCpus += p.cpus.total;
      t.clusterCpusAllocated += p.cpus.allocated;
      t.clusterGpus += p.gpus.total;
      t.clusterGpusAllocated += p.gpus.allocated;
    }
  return t;
}

/** Samples on read: only when the latest sample is older than SAMPLE_EVERY_MS. */
export async function sampleIfDue(db: Db, projectId: string, summary: PoolSummary): Promise<void> {
  const [last] = await db
    .select({ at: computeSamples.at })
    .from(computeSamples)
    .where(eq(computeSamples.projectId, projectId))
    .orderBy(desc(computeSamples.at))
    .limit(1);
  if (!last || Date.now() - last.at.getTime() >= SAMPLE_EVERY_MS) await recordSample(db, projectId, summary);
}

/** Samples of the range, oldest first, thinned evenly to at most MAX_POINTS (the latest is always kept). */
export async function readSamples(db: Db, projectId: string, range: SampleRange): Promise<ComputeSample[]> {
  const since = new Date(Date.now() - RANGES[range]);
  const rows = await db
    .select()
    .from(computeSamples)
    .where(and(eq(computeSamples.projectId, projectId), gte(computeSamples.at, since)))
    .orderBy(asc(computeSamples.at), asc(computeSamples.id));
  if (rows.length <= MAX_POINTS) return rows;
  const step = rows.length / MAX_POINTS;
  const thinned = Array.from({ length: MAX_POINTS - 1 }, (_, i) => rows[Math.floor(i * step)]!);
  return [...thinned, rows[rows.length - 1]!];
}
