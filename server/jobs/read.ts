// Read models of the queue for pages and the API: a paginated list, one job with its history and metrics.
import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { jobEvents, jobMetrics, jobs, type JobStatus } from '@/db/schema';

export type JobListFilter = { status?: JobStatus[]; type?: string; page: number; pageSize: number };

export async function listJobs(db: Db, projectId: string, f: JobListFilter) {
  const where: SQL[] = [eq(jobs.projectId, projectId)];
  if (f.status?.length) where.push(inArray(jobs.status, f.status));
  if (f.type) where.push(eq(jobs.type, f.type));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(jobs)
      .where(and(...where))
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(jobs)
      .where(and(...where)),
  ]);
  return { rows, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
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
  return { job, events, metrics };
}

export async function countByStatus(db: Db, projectId: string) {
  const rows = await db.select({ status: jobs.status, n: count() }).from(jobs).where(eq(jobs.projectId, projectId)).groupBy(jobs.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<JobStatus, number>>;
}
