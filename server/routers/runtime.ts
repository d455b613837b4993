// Runtime factory API: deployments (list, detail with live pool metrics, deploy behind the gate, stop, rollback,
// promote a canary), the models the deploy form may offer, templates, and the playground's chat.
import 'server-only';
import { z } from 'zod';
import { deployModel, promoteDeployment, rollbackDeployment, stopDeployment } from '@/server/runtime/deploy';
import { deployableModels, deploymentDetail, deploymentsOverview } from '@/server/runtime/overview';
import { runtimeHost } from '@/server/runtime/pools';
import { playgroundChat } from '@/server/runtime/serve';
import { templateConfigInput } from '@/server/runtime/template-input';
import { listTemplates, saveTemplate } from '@/server/runtime/templates';
import { engineerProcedure, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';

const deploymentRef = projectInput.extend({ deploymentId: z.string().min(1) });

const deploymentsRouter = router({
  list: viewerProcedure
    .input(projectInput.extend(pageInput))
    .query(({ ctx, input }) => deploymentsOverview(ctx.db, runtimeHost(ctx.db), ctx.projectId, input)),
  get: viewerProcedure
    .input(deploymentRef)
    .query(({ ctx, input }) => deploymentDetail(ctx.db, runtimeHost(ctx.db), ctx.projectId, input.deploymentId)),
  deployable: viewerProcedure.input(projectInput).query(({ ctx }) => deployableModels(ctx.db, ctx.projectId)),
  deploy: engineerProcedure
    .input(
      projectInput.extend({
        modelId: z.string().min(1, 'Pick a model.'),
        templateId: z.string().min(1).optional(),
        name: z.string().trim().min(1).max(63).optional(),
        canaryPercent: z.number().int().min(1).max(99).optional(),
      }),
    )
    .mutation(({ ctx, input }) => deployModel(ctx.db, { ...input, projectId: ctx.projectId, actorId: ctx.user.id })),
  stop: engineerProcedure.input(deploymentRef).mutation(({ ctx, input }) => stopDeployment(ctx.db, ctx.projectId, input.deploymentId)),
  rollback: engineerProcedure
    .input(projectInput.extend({ name: z.string().min(1) }))
    .mutation(({ ctx, input }) => rollbackDeployment(ctx.db, ctx.projectId, input.name)),
  promote: engineerProcedure
    .input(deploymentRef)
    .mutation(({ ctx, input }) => promoteDeployment(ctx.db, ctx.projectId, input.deploymentId)),
});

const templatesRouter = router({
  list: viewerProcedure.input(projectInput).query(({ ctx }) => listTemplates(ctx.db, ctx.projectId)),
  save: engineerProcedure
    .input(
      projectInput.extend({
        templateId: z.string().min(1).optional(),
        name: z
          .string()
          .trim()
          .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'Lower-case letters, digits and -, at most 41.'),
        description: z.string().trim().max(500).default(''),
        config: templateConfigInput,
      }),
    )
    .mutation(({ ctx, input }) => saveTemplate(ctx.db, ctx.projectId, input)),
});

export const runtimeRouter = router({
  deployments: deploymentsRouter,
  templates: templatesRouter,
  // Engineers only: a playground exchange is real traffic, logged into Data like any other.
  chat: engineerProcedure
    .input(projectInput.extend({ name: z.string().min(1), prompt: z.string().trim().min(1, 'Ask something.').max(4000) }))
    .mutation(({ ctx, input }) => playgroundChat(ctx.db, runtimeHost(ctx.db), ctx.projectId, input.name, input.prompt)),
});
