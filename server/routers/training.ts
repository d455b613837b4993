// Training factory API: start a run (every input checked first), watch runs live, browse the model registry.
import { z } from 'zod';
import { hyperParamsInput } from '@/server/training/hyperparams';
import { getRun, listRuns, trainingOptions } from '@/server/training/read';
import { getModel, listModels, modelCurves } from '@/server/training/registry';
import { startTraining } from '@/server/training/start';
import '@/server/training/model-policy';
import { engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';

export const trainingRouter = router({
  options: viewerProcedure.input(projectInput).query(({ ctx }) => trainingOptions(ctx.db, ctx.projectId)),
  start: engineerProcedure
    .input(
      projectInput.extend({
        name: z.string().trim().min(1, 'Name the run, e.g. "math-agent".').max(60, 'Keep the name under 60 characters.'),
        datasetId: z.string().min(1, 'Pick a dataset version.'),
        scenarioId: z.string().min(1, 'Pick a validated scenario.'),
        // Left out: the run requests its own allocation and waits until it is granted.
        allocationId: z
          .string()
          .optional()
          .transform((v) => v || null),
        base: z.string().min(1),
        /** Set when an evaluation's failed cases sent the model back here (the form's pre-fill carries it). */
        sentBackBy: z.string().min(1).max(100).optional(),
        // Hyper-parameters sit flat in the input so each validation message lands beside its own field.
        ...hyperParamsInput.shape,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { projectId: _project, name, datasetId, scenarioId, allocationId, base, sentBackBy, ...hyperParams } = input;
      return startTraining(ctx.db, {
        projectId: ctx.projectId,
        name,
        datasetId,
        scenarioId,
        allocationId,
        base,
        hyperParams,
        createdBy: ctx.user.id,
        sentBackBy,
      });
    }),
  runs: viewerProcedure
    .input(projectInput.extend(pageInput))
    .query(({ ctx, input }) => listRuns(ctx.db, ctx.projectId, input.page, input.pageSize)),
  run: viewerProcedure
    .input(projectInput.extend({ runId: z.string().min(1) }))
    .query(async ({ ctx, input }) => found(await getRun(ctx.db, ctx.projectId, input.runId), 'training run')),
  models: viewerProcedure.input(projectInput.extend(pageInput)).query(({ ctx, input }) => listModels(ctx.db, ctx.projectId, input)),
  model: viewerProcedure
    .input(projectInput.extend({ modelId: z.string().min(1) }))
    .query(async ({ ctx, input }) => found(await getModel(ctx.db, ctx.projectId, input.modelId), 'model')),
  curves: viewerProcedure
    .input(projectInput.extend({ modelIds: z.array(z.string().min(1)).min(1).max(4) }))
    .query(({ ctx, input }) => modelCurves(ctx.db, ctx.projectId, input.modelIds)),
});
