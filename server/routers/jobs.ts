// The job queue as users see it: live list, one job's history and metrics, cancel, restart, and a diagnostic job.
import 'server-only';
import { z } from 'zod';
import { jobStatusEnum } from '@/db/schema';
import { enqueue } from '@/server/jobs/queue';
import { countByStatus, getJob, listJobs, listWorkers } from '@/server/jobs/read';
import { cancelJob, restartJob } from '@/server/jobs/user-actions';
import { findJobDefinition } from '@/server/main/jobs';
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
  workers: viewerProcedure.input(projectInput).query(({ ctx }) => listWorkers(ctx.db, ctx.projectId)),
  runDiagnostic: engineerProcedure
    .input(projectInput.extend({ queue: z.string().trim().min(1).max(40).default('default') }).and(diagnosticInput))
    .mutation(({ ctx, input }) => {
      const { projectId, queue, ...rest } = input;
      return enqueue(ctx.db, { projectId, type: diagnosticJob.type, queue, input: rest, createdBy: ctx.user.id });
    }),
  cancel: engineerProcedure.input(jobRef).mutation(({ ctx, input }) => cancelJob(ctx.db, ctx.projectId, input.jobId)),
  restart: engineerProcedure.input(jobRef).mutation(({ ctx, input }) => restartJob(ctx.db, ctx.projectId, input.jobId, findJobDefinition)),
});
