// Data › Datasets: versions, one version with stats and lineage, its examples, and building a new version (a job).
import 'server-only';
import { z } from 'zod';
import { datasetSplitEnum } from '@/db/schema';
import { datasetFilterSchema } from '@/server/data/datasets/filter';
import { datasetNameSchema } from '@/server/data/datasets/naming';
import { getDataset, listDatasets, listExamples } from '@/server/data/datasets/read';
import { startDatasetBuild } from '@/server/data/datasets/start';
import { engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';
import { seedField } from '@/common/seed-field';

const datasetRef = projectInput.extend({ datasetId: z.string().min(1) });

export const dataDatasetsRouter = router({
  list: viewerProcedure.input(projectInput.extend(pageInput)).query(({ ctx, input }) => listDatasets(ctx.db, ctx.projectId, input)),
  get: viewerProcedure
    .input(datasetRef)
    .query(async ({ ctx, input }) => found(await getDataset(ctx.db, ctx.projectId, input.datasetId), 'dataset')),
  examples: viewerProcedure
    .input(datasetRef.extend({ split: z.enum(datasetSplitEnum.enumValues).default('train'), ...pageInput }))
    .query(({ ctx, input }) => listExamples(ctx.db, ctx.projectId, input.datasetId, input)),
  create: engineerProcedure
    .input(
      projectInput.extend({
        name: datasetNameSchema,
        description: z.string().trim().max(500).optional(),
        filter: datasetFilterSchema,
        seed: seedField().default(42),
        validationFraction: z.number().min(0, 'Between 0 and 0.5.').max(0.5, 'Between 0 and 0.5.').default(0.1),
      }),
    )
    .mutation(({ ctx, input }) => startDatasetBuild(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
});
