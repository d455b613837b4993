// Compute factory API: the pool and its utilisation, allocations and the queue; request, release, restart.
import 'server-only';
import { z } from 'zod';
import { allocationStatusEnum, poolTypeEnum, resourceTypeEnum } from '@/db/schema';
import { releaseForUser, requestAllocation, restartAllocation } from '@/server/compute/allocations';
import { WORKER_FRESH_SECONDS } from '@/server/compute/pool';
import { allocationDetail, listAllocations } from '@/server/compute/read';
import { RANGES, readSamples, sampleIfDue, type SampleRange } from '@/server/compute/samples';
import { poolSummary } from '@/server/compute/summary';
import { listQueue } from '@/server/compute/waits';
import { engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';

const allocRef = projectInput.extend({ allocationId: z.string().min(1) });

export const allocationRequestInput = projectInput.extend({
  poolType: z.enum(poolTypeEnum.enumValues).default('training'),
  resourceType: z.enum(resourceTypeEnum.enumValues).default('cpu'),
  count: z.number('Enter a number').int('Whole cores or GPUs only').min(1, 'Ask for at least 1').max(1024, 'At most 1024'),
  memoryMb: z
    .number('Enter a number')
    .int('Whole megabytes only')
    .min(0, 'Cannot be negative')
    .max(16 * 1024 * 1024, 'At most 16 TB'),
  priority: z
    .number('Enter a number')
    .int('Whole numbers only')
    .min(-100, 'Between -100 and 100')
    .max(100, 'Between -100 and 100')
    .default(0),
  purpose: z.string().trim().max(200, 'At most 200 characters').default(''),
  jobId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || null),
});

export const computeRouter = router({
  overview: viewerProcedure.input(projectInput).query(async ({ ctx }) => {
    const summary = await poolSummary(ctx.db, ctx.projectId);
    await sampleIfDue(ctx.db, ctx.projectId, summary);
    return { ...summary, freshSeconds: WORKER_FRESH_SECONDS };
  }),
  list: viewerProcedure
    .input(projectInput.extend({ status: z.array(z.enum(allocationStatusEnum.enumValues)).optional(), ...pageInput }))
    .query(({ ctx, input }) => listAllocations(ctx.db, ctx.projectId, input)),
  queue: viewerProcedure.input(projectInput.extend(pageInput)).query(({ ctx, input }) => listQueue(ctx.db, ctx.projectId, input)),
  get: viewerProcedure
    .input(allocRef)
    .query(async ({ ctx, input }) => found(await allocationDetail(ctx.db, ctx.projectId, input.allocationId), 'allocation')),
  utilisation: viewerProcedure
    .input(projectInput.extend({ range: z.enum(Object.keys(RANGES) as [SampleRange, ...SampleRange[]]).default('1h') }))
    .query(({ ctx, input }) => readSamples(ctx.db, ctx.projectId, input.range)),
  request: engineerProcedure.input(allocationRequestInput).mutation(({ ctx, input }) => {
    const { projectId, ...rest } = input;
    return requestAllocation(ctx.db, { projectId, ...rest, requestedBy: ctx.user.id });
  }),
  release: engineerProcedure
    .input(allocRef)
    .mutation(({ ctx, input }) => releaseForUser(ctx.db, ctx.projectId, input.allocationId, ctx.user.name)),
  restart: engineerProcedure
    .input(allocRef)
    .mutation(({ ctx, input }) => restartAllocation(ctx.db, ctx.projectId, input.allocationId, ctx.user.id)),
});
