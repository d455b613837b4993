// Compute factory API: the pool and its utilisation, allocations and the queue; request, release, restart.
import 'server-only';
import { z } from 'zod';
import { allocationStatusEnum, poolTypeEnum, resourceTypeEnum } from '@/db/schema';
import { releaseForUser, restartAllocation } from '@/server/compute/allocations';
import { WORKER_FRESH_SECONDS } from '@/server/compute/pool';
import { allocationDetail, listAllocations } from '@/server/compute/read';
import { RANGES, readSamples, sampleIfDue, type SampleRange } from '@/server/compute/samples';
import { poolSummary } from '@/server/compute/summary';
import { listQueue } from '@/server/compute/waits';
import { requestOnPool } from '@/server/compute/backends';
import { clusterPools } from '@/server/compute/slurm/allocations';
import { listClusters, removeCluster, saveCluster, testConnection } from '@/server/compute/slurm/clusters';
import { adminProcedure, engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';
import { clusterCredentialEnum } from '@/db/schema';

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
  /** A cluster pool: the allocation becomes a Slurm job on `partition` (its default when empty). */
  clusterId: z.string().trim().max(100).optional(),
  partition: z.string().trim().max(100).optional(),
  cpus: z.number('Enter a number').int('Whole cores only').min(1, 'Ask for at least 1').max(4096).optional(),
  timeLimitMinutes: z
    .number('Enter a number')
    .int('Whole minutes only')
    .min(1, 'At least 1 minute')
    .max(525_600, 'At most a year')
    .optional(),
});

const clusterInput = projectInput.extend({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1, 'Name it, such as "gpu-cluster".').max(60, 'Keep the name under 60 characters.'),
  url: z
    .string()
    .trim()
    .url("Enter slurmrestd's URL, such as http://slurm-head:6820.")
    .refine((u) => /^https?:\/\//.test(u), 'Use an http:// or https:// URL.'),
  userName: z.string().trim().min(1, 'The cluster user jobs run as.').max(100),
  credentialKind: z.enum(clusterCredentialEnum.enumValues),
  /** Leave out to keep the saved one (only while the URL is unchanged); an empty string removes it. */
  credential: z.string().trim().max(4000).optional(),
  defaultPartition: z.string().trim().max(100).default(''),
  workDir: z.string().trim().max(500).default(''),
  /** Where the cluster's nodes reach the app, for the worker a training allocation runs; empty: allocations only hold. */
  appUrl: z
    .string()
    .trim()
    .max(500)
    .refine((u) => u === '' || /^https?:\/\/[^\s]+$/.test(u), 'Use an http:// or https:// URL the nodes can reach, or leave it empty.')
    .default(''),
  appDir: z
    .string()
    .trim()
    .max(500)
    .refine((d) => d === '' || d.startsWith('/'), "An absolute path: the app's checkout on the nodes.")
    .default(''),
});

// Clusters: where a project's cluster pools are. Who may point the app at a scheduler, with which credential, is an
// admin's decision; everyone who reads the project sees the clusters (never their credentials) and their pools.
const clustersRouter = router({
  list: viewerProcedure.input(projectInput).query(({ ctx }) => listClusters(ctx.db, ctx.projectId)),
  pools: viewerProcedure.input(projectInput).query(({ ctx }) => clusterPools(ctx.db, ctx.projectId)),
  save: adminProcedure
    .input(clusterInput)
    .mutation(({ ctx, input: { projectId: _p, ...input } }) => saveCluster(ctx.db, ctx.projectId, input, ctx.user.id)),
  remove: adminProcedure
    .input(projectInput.extend({ id: z.string().min(1) }))
    .mutation(({ ctx, input }) => removeCluster(ctx.db, ctx.projectId, input.id)),
  test: adminProcedure
    .input(projectInput.extend({ id: z.string().min(1) }))
    .mutation(({ ctx, input }) => testConnection(ctx.db, ctx.projectId, input.id)),
});

export const computeRouter = router({
  clusters: clustersRouter,
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
    return requestOnPool(ctx.db, { projectId, ...rest, requestedBy: ctx.user.id });
  }),
  release: engineerProcedure
    .input(allocRef)
    .mutation(({ ctx, input }) => releaseForUser(ctx.db, ctx.projectId, input.allocationId, ctx.user.name)),
  restart: engineerProcedure
    .input(allocRef)
    .mutation(({ ctx, input }) => restartAllocation(ctx.db, ctx.projectId, input.allocationId, ctx.user.id)),
});
