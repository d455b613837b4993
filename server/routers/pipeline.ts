// Pipeline API: the wizard's runs (zero to a deployed agent): create, list, read (brought up to date with the
// factories), start or reopen a step, and go back to training after a FAIL.
import 'server-only';
import { z } from 'zod';
import { PIPELINE_STEPS } from '@/db/schema';
import { stepInputsSchema } from '@/server/pipeline/inputs';
import { runLineage } from '@/server/pipeline/lineage';
import { backToTraining, createPipelineRun, getPipelineRun, listRuns, startStep } from '@/server/pipeline/runs';
import { engineerProcedure, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';
import '@/server/main/deployer';

const runRef = projectInput.extend({ runId: z.string().min(1) });

export const pipelineRouter = router({
  list: viewerProcedure.input(projectInput.extend(pageInput)).query(({ ctx, input }) => listRuns(ctx.db, ctx.projectId, input)),
  get: viewerProcedure.input(runRef).query(({ ctx, input }) => getPipelineRun(ctx.db, ctx.projectId, input.runId)),
  lineage: viewerProcedure.input(runRef).query(({ ctx, input }) => runLineage(ctx.db, ctx.projectId, input.runId)),
  create: engineerProcedure
    .input(projectInput.extend({ name: z.string().trim().max(80, 'At most 80 characters.').optional() }))
    .mutation(({ ctx, input }) => createPipelineRun(ctx.db, { projectId: ctx.projectId, name: input.name, createdBy: ctx.user.id })),
  startStep: engineerProcedure
    .input(runRef.extend({ step: z.enum(PIPELINE_STEPS), inputs: stepInputsSchema.default({}) }))
    .mutation(({ ctx, input }) =>
      startStep(ctx.db, { projectId: ctx.projectId, runId: input.runId, step: input.step, inputs: input.inputs, by: ctx.user.id }),
    ),
  backToTraining: engineerProcedure
    .input(runRef)
    .mutation(({ ctx, input }) => backToTraining(ctx.db, { projectId: ctx.projectId, runId: input.runId, by: ctx.user.id })),
});
