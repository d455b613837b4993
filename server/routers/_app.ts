// The whole tRPC API: one router per area; each factory adds its own here.
import { router, createCallerFactory } from '@/server/trpc/init';
import { computeRouter } from './compute';
import { dataRouter } from './data';
import { environmentRouter } from './environment';
import { jobsRouter } from './jobs';
import { projectRouter } from './project';
import { setupRouter } from './setup';
import { trainingRouter } from './training';
import { evaluationRouter } from './evaluation';
import { pipelineRouter } from './pipeline';
import { runtimeRouter } from './runtime';

export const appRouter = router({
  setup: setupRouter,
  project: projectRouter,
  jobs: jobsRouter,
  data: dataRouter,
  compute: computeRouter,
  environment: environmentRouter,
  training: trainingRouter,
  evaluation: evaluationRouter,
  pipeline: pipelineRouter,
  runtime: runtimeRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
