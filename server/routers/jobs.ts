// The job queue as users see it: live list, one job's history and metrics, cancel, restart, and a diagnostic job.
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { desc, eq, isNull, or } from 'drizzle-orm';
import { jobStatusEnum, workers } from '@/db/schema';
import { enqueue, requestCancel, restart } from '@/server/jobs/queue';
import { countByStatus, getJob, listJobs } from '@/server/jobs/read';
import { diagnosticInput, diagnosticJob } from '@/server/system/jobs';
import { engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';

const jobRef = projectInput.extend({ jobId: z.string().min(1) });

export const jobsRouter = router({
  list: viewerProcedure
    .input(
      projectInput.extend({
        status: z.array(z.enum(jobStatusEnum.enumValues)).optional(),
        type: z.string().optional(),
        ...pageInput,
      }),
    )
    .query(({ ctx, input }) => listJobs(ctx.db, ctx.projectId, input)),
  summary: viewerProcedure.input(projectInput).query(({ ctx }) => countByStatus(ctx.db, ctx.projectId)),
  get: viewerProcedure.input(jobRef).query(async ({ ctx, input }) => found(await getJob(ctx.db, ctx.projectId, input.jobId), 'job')),
  workers: viewerProcedure.input(projectInput).query(({ ctx }) =>
    ctx.db
      .select()
      .from(workers)
      .where(or(isNull(workers.projectId), eq(workers.projectId, ctx.projectId)))
      .orderBy(desc(workers.lastSeenAt))
      .limit(50),
  ),
  runDiagnostic: engineerProcedure
    .input(projectInput.extend({ queue: z.string().trim().min(1).max(40).default('default') }).and(diagnosticInput))
    .mutation(({ ctx, input }) => {
      const { projectId, queue, ...rest } = input;
      return enqueue(ctx.db, { projectId, type: diagnosticJob.type, queue, input: rest, createdBy: ctx.user.id });
    }),
  cancel: engineerProcedure.input(jobRef).mutation(async ({ ctx, input }) => {
    const job = await requestCancel(ctx.db, ctx.projectId, input.jobId);
    if (!job) throw new TRPCError({ code: 'CONFLICT', message: 'Only queued or running jobs can be cancelled.' });
    return job;
  }),
  restart: engineerProcedure.input(jobRef).mutation(async ({ ctx, input }) => {
    const job = await restart(ctx.db, ctx.projectId, input.jobId);
    if (!job) throw new TRPCError({ code: 'CONFLICT', message: 'Only failed or cancelled jobs can be restarted.' });
    return job;
  }),
});
