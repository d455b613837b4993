// Data › Datasets: versions, one version with stats and lineage, its examples, and building a new version (a job).
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { datasetSplitEnum } from '@/db/schema';
import { datasetFilterSchema } from '@/server/data/datasets/filter';
import { datasetNameSchema } from '@/server/data/datasets/naming';
import { getDataset, listDatasets, listExamples } from '@/server/data/datasets/read';
import { startDatasetBuild } from '@/server/data/datasets/start';
import { engineerProcedure, projectInput, router, viewerProcedure } from '@/server/trpc/init';

const datasetRef = projectInput.extend({ datasetId: z.string().min(1) });
const page = { page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) };

export const dataDatasetsRouter = router({
  list: viewerProcedure.input(projectInput.extend(page)).query(({ ctx, input }) => listDatasets(ctx.db, ctx.projectId, input)),
  get: viewerProcedure.input(datasetRef).query(async ({ ctx, input }) => {
    const found = await getDataset(ctx.db, ctx.projectId, input.datasetId);
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such dataset in this project.' });
    return found;
  }),
  examples: viewerProcedure
    .input(datasetRef.extend({ split: z.enum(datasetSplitEnum.enumValues).default('train'), ...page }))
    .query(({ ctx, input }) => listExamples(ctx.db, ctx.projectId, input.datasetId, input)),
  create: engineerProcedure
    .input(
      projectInput.extend({
        name: datasetNameSchema,
        description: z.string().trim().max(500).optional(),
        filter: datasetFilterSchema,
        seed: z.number().int('The seed is a whole number.').min(0).max(2 ** 31 - 1).default(42),
        validationFraction: z.number().min(0, 'Between 0 and 0.5.').max(0.5, 'Between 0 and 0.5.').default(0.1),
      }),
    )
    .mutation(({ ctx, input }) => startDatasetBuild(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
});
