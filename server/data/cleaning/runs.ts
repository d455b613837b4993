// Starting a cleaning run (a row plus a job) and reading runs back for the report page.
import 'server-only';
import { and, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { cleanRuns, jobs, type CleanRun } from '@/db/schema';
import { sqlState } from '@/db/errors';
import { enqueue } from '@/server/jobs/queue';
import { cleanConfigSchema, type CleanConfig } from './config';
import { paged } from '@/db/paging';
import { DomainError } from '@/server/domain-error';

export const CLEAN_JOB_TYPE = 'data.clean';

/** A run could not start because another one of the same project is still queued or running. */
const cleanRunConflict = (activeRunId: string | null) =>
  new DomainError(
    'conflict',
    `A cleaning run is already ${activeRunId ? `in progress (${activeRunId})` : 'in progress'}; wait for it to finish or cancel it.`,
  );

export type StartCleanRun = { projectId: string; scope: 'raw' | 'all'; config?: Partial<CleanConfig>; createdBy: string | null };

export async function startCleanRun(db: Db, o: StartCleanRun): Promise<CleanRun> {
  const config = cleanConfigSchema.parse(o.config ?? {});
  // A run is active until its job ends: one that went live still indexes its keys for later runs, which the next
  // run would otherwise find missing and index again itself.
  const [active] = await db
    .select({ id: cleanRuns.id })
    .from(cleanRuns)
    .leftJoin(jobs, eq(jobs.id, cleanRuns.jobId))
    .where(and(eq(cleanRuns.projectId, o.projectId), or(inArray(cleanRuns.status, ['queued', 'running']), eq(jobs.status, 'running'))))
    .limit(1);
  if (active) throw cleanRunConflict(active.id);
  return db.transaction(async (tx) => {
    const id = newId('clean');
    try {
      await tx.insert(cleanRuns).values({ id, projectId: o.projectId, scope: o.scope, config, createdBy: o.createdBy });
    } catch (err) {
      // Two starts at once: the partial unique index lets only one be active.
      if (sqlState(err) === '23505') throw cleanRunConflict(null);
      throw err;
    }
    // In a transaction, so a run never exists without its job (enqueue nests as a savepoint).
    const job = await enqueue(tx, {
      projectId: o.projectId,
      type: CLEAN_JOB_TYPE,
      input: { runId: id },
      createdBy: o.createdBy,
    });
    const [run] = await tx.update(cleanRuns).set({ jobId: job.id }).where(eq(cleanRuns.id, id)).returning();
    return run!;
  });
}

export async function listCleanRuns(db: Db, projectId: string, page: number, pageSize: number) {
  const where = eq(cleanRuns.projectId, projectId);
  const listed = await paged(
    { page, pageSize },
    (limit, offset) =>
      db
        .select({
          id: cleanRuns.id,
          jobId: cleanRuns.jobId,
          scope: cleanRuns.scope,
          status: cleanRuns.status,
          total: cleanRuns.total,
          processed: cleanRuns.processed,
          kept: cleanRuns.kept,
          filtered: cleanRuns.filtered,
          redacted: cleanRuns.redacted,
          error: cleanRuns.error,
          createdAt: cleanRuns.createdAt,
          startedAt: cleanRuns.startedAt,
          finishedAt: cleanRuns.finishedAt,
        })
        .from(cleanRuns)
        .where(where)
        .orderBy(desc(cleanRuns.createdAt), desc(cleanRuns.id))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(cleanRuns).where(where),
  );
  return listed;
}

export async function getCleanRun(db: Db, projectId: string, runId: string): Promise<CleanRun | null> {
  const [run] = await db
    .select()
    .from(cleanRuns)
    .where(and(eq(cleanRuns.projectId, projectId), eq(cleanRuns.id, runId)));
  return run ?? null;
}
