// Cleaning API: start a run, follow runs and read their reports, review redactions, and the pipeline's measured quality.
import { z } from 'zod';
import { cleanConfigSchema } from '@/server/data/cleaning/config';
import { cleaningQuality } from '@/server/data/cleaning/quality';
import { listRedactions, reviewRedaction } from '@/server/data/cleaning/review';
import { getCleanRun, listCleanRuns, startCleanRun } from '@/server/data/cleaning/runs';
import { PII_TYPES } from '@/common/pii-types';
import { engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';

const runRef = projectInput.extend({ runId: z.string().min(1) });
const span = z.object({ type: z.enum(PII_TYPES), start: z.number().int().min(0), end: z.number().int().min(1) });

export const cleaningRouter = router({
  runs: viewerProcedure
    .input(projectInput.extend(pageInput))
    .query(({ ctx, input }) => listCleanRuns(ctx.db, ctx.projectId, input.page, input.pageSize)),
  run: viewerProcedure
    .input(runRef)
    .query(async ({ ctx, input }) => found(await getCleanRun(ctx.db, ctx.projectId, input.runId), 'cleaning run')),
  // Each redaction carries the raw text it replaced: never for viewers.
  redactions: engineerProcedure
    .input(runRef.extend({ review: z.enum(['pending', 'reviewed', 'all']).default('all'), ...pageInput }))
    .query(({ ctx, input }) => listRedactions(ctx.db, ctx.projectId, input.runId, input)),
  quality: viewerProcedure.input(projectInput).query(({ ctx }) => cleaningQuality(ctx.db, ctx.projectId)),
  start: engineerProcedure
    .input(projectInput.extend({ scope: z.enum(['raw', 'all']).default('raw'), config: cleanConfigSchema.partial().optional() }))
    .mutation(({ ctx, input }) =>
      startCleanRun(ctx.db, { projectId: ctx.projectId, scope: input.scope, config: input.config, createdBy: ctx.user.id }),
    ),
  review: engineerProcedure
    .input(
      runRef.extend({
        eventId: z.string().min(1),
        field: z.enum(['prompt', 'response']),
        verdict: z.enum(['approved', 'corrected']),
        entities: z.array(span).max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) => reviewRedaction(ctx.db, { ...input, projectId: ctx.projectId, userId: ctx.user.id })),
});
