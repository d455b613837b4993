// Read models of the queue for pages and the API: a paginated list, one job with its history and metrics.
import 'server-only';
import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { jobEvents, jobMetrics, jobs, workers, type JobStatus } from '@/db/schema';
import { paged } from '@/db/paging';

export type JobListFilter = { status?: JobStatus[]; type?: string; page: number; pageSize: number };

export async function listJobs(db: Db, projectId: string, f: JobListFilter) {
  const where: SQL[] = [eq(jobs.projectId, projectId)];
  if (f.status?.length) where.push(inArray(jobs.status, f.status));
  if (f.type) where.push(eq(jobs.type, f.type));
  const listed = await paged(
    f,
    (limit, offset) =>
      db
        .select()
        .from(jobs)
        .where(and(...where))
        .orderBy(desc(jobs.createdAt), desc(jobs.id))
        .limit(limit)
        .offset(offset),
    db
      .select({ n: count() })
      .from(jobs)
      .where(and(...where)),
  );
  return listed;
}

export async function getJob(db: Db, projectId: string, jobId: string) {
  const [job] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.projectId, projectId)));
  if (!job) return null;
  const [events, metrics] = await Promise.all([
    db.select().from(jobEvents).where(eq(jobEvents.jobId, jobId)).orderBy(asc(jobEvents.id)),
    db
      .select({ name: jobMetrics.name, step: jobMetrics.step, value: jobMetrics.value })
      .from(jobMetrics)
      .where(eq(jobMetrics.jobId, jobId))
      .orderBy(asc(jobMetrics.step), asc(jobMetrics.id)),
  ]);
  return { job: { ...job, input: abridged(job.input) }, events, metrics };
}

/** Arrays kept to their first items for reading: a training job's input carries its whole dataset. */
const SHOWN_ITEMS = 3;
function abridged(value: unknown): unknown {
  if (Array.isArray(value))
    return value.length > SHOWN_ITEMS
      ? [...value.slice(0, SHOWN_ITEMS).map(abridged), `… ${(value.length - SHOWN_ITEMS).toLocaleString('en')} more`]
      : value.map(abridged);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, abridged(v)]));
  return value;
}

export async function countByStatus(db: Db, projectId: string) {
  const rows = await db.select({ status: jobs.status, n: count() }).from(jobs).where(eq(jobs.projectId, projectId)).groupBy(jobs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<JobStatus, number>>;
}

/** A worker counts as online while it has been seen within this many seconds. */
export const WORKER_ONLINE_SECONDS = 60;

/** The workers that serve a project (shared ones and its own), newest first, with whether each is online now. */
export function listWorkers(db: Db, projectId: string) {
  return db
    .select({
      ...getTableColumns(workers),
      online: sql<boolean>`${workers.lastSeenAt} > now() - make_interval(secs => ${WORKER_ONLINE_SECONDS})`,
    })
    .from(workers)
    .where(or(isNull(workers.projectId), eq(workers.projectId, projectId)))
    .orderBy(desc(workers.lastSeenAt))
    .limit(50);
}
