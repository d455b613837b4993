// Environment factory API: scenarios and their versions, test cases, validation, runs and trajectories, tools, agents.
import 'server-only';
import { z } from 'zod';
import { scenarioTypeEnum } from '@/db/schema';
import { caseFields, refineCase, toNewCase } from '@/server/environment/case-input';
import { addCase, generateCases, listCases, pasteCases, removeCases, updateCase } from '@/server/environment/cases';
import { generateRecipeSchema } from '@/server/environment/generate';
import { scenarioNameSchema } from '@/server/environment/naming';
import { listPolicies } from '@/server/environment/policies';
import { getScenarioDetail, listScenarios } from '@/server/environment/read';
import { getRun, getTrajectory, listRuns, listTrajectories, runSettingsSchema, startRun } from '@/server/environment/runs';
import { createScenario, updateScenario, type Edited } from '@/server/environment/scenarios';
import { sendRunToData } from '@/server/environment/send-to-data';
import { startValidation, validationSettingsSchema } from '@/server/environment/validation';
import { builtinTools } from '@/server/tools/builtin';
import { engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';

/** What an edit answers: the version it landed in, and the one it forked from when the edited one was in use. */
const forkReply = (e: Edited<unknown>) => ({ scenarioId: e.scenario.id, forkedFrom: e.forkedFrom });

const scenarioRef = projectInput.extend({ scenarioId: z.string().min(1) });
const runRef = projectInput.extend({ runId: z.string().min(1) });

const scenariosRouter = router({
  list: viewerProcedure.input(projectInput.extend(pageInput)).query(({ ctx, input }) => listScenarios(ctx.db, ctx.projectId, input)),
  get: viewerProcedure
    .input(scenarioRef)
    .query(async ({ ctx, input }) => found(await getScenarioDetail(ctx.db, ctx.projectId, input.scenarioId), 'scenario')),
  create: engineerProcedure
    .input(
      projectInput.extend({
        name: scenarioNameSchema,
        type: z.enum(scenarioTypeEnum.enumValues, 'Pick a type.'),
        description: z.string().trim().max(1000, 'At most 1,000 characters.').default(''),
        tools: z.array(z.string().min(1)).max(20).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createScenario(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  update: engineerProcedure
    .input(
      scenarioRef.extend({
        description: z.string().trim().max(1000, 'At most 1,000 characters.').optional(),
        tools: z.array(z.string().min(1)).max(20).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => forkReply(await updateScenario(ctx.db, ctx.projectId, input.scenarioId, ctx.user.id, input))),
});

const casesRouter = router({
  list: viewerProcedure
    .input(scenarioRef.extend({ ...pageInput, search: z.string().trim().max(200).optional() }))
    .query(({ ctx, input }) => listCases(ctx.db, ctx.projectId, input.scenarioId, input)),
  add: engineerProcedure
    .input(scenarioRef.extend(caseFields).superRefine(refineCase))
    .mutation(async ({ ctx, input }) =>
      forkReply(await addCase(ctx.db, { projectId: ctx.projectId, scenarioId: input.scenarioId, by: ctx.user.id }, toNewCase(input))),
    ),
  update: engineerProcedure
    .input(scenarioRef.extend({ caseId: z.string().min(1), ...caseFields }).superRefine(refineCase))
    .mutation(async ({ ctx, input }) =>
      forkReply(
        await updateCase(
          ctx.db,
          { projectId: ctx.projectId, scenarioId: input.scenarioId, by: ctx.user.id },
          input.caseId,
          toNewCase(input),
        ),
      ),
    ),
  remove: engineerProcedure
    .input(scenarioRef.extend({ caseIds: z.array(z.string().min(1)).min(1, 'Pick cases to remove.').max(1000) }))
    .mutation(async ({ ctx, input }) => {
      const edited = await removeCases(ctx.db, { projectId: ctx.projectId, scenarioId: input.scenarioId, by: ctx.user.id }, input.caseIds);
      return { ...forkReply(edited), removed: edited.result };
    }),
  paste: engineerProcedure
    .input(scenarioRef.extend({ text: z.string().max(500_000, 'At most 500 kB at once.') }))
    .mutation(({ ctx, input }) =>
      pasteCases(ctx.db, { projectId: ctx.projectId, scenarioId: input.scenarioId, by: ctx.user.id }, input.text),
    ),
  generate: engineerProcedure
    .input(scenarioRef.extend({ recipe: generateRecipeSchema }))
    .mutation(({ ctx, input }) =>
      generateCases(ctx.db, { projectId: ctx.projectId, scenarioId: input.scenarioId, by: ctx.user.id }, input.recipe),
    ),
});

const runsRouter = router({
  list: viewerProcedure
    .input(projectInput.extend({ ...pageInput, scenarioId: z.string().min(1).optional() }))
    .query(({ ctx, input }) => listRuns(ctx.db, ctx.projectId, input)),
  get: viewerProcedure.input(runRef).query(async ({ ctx, input }) => found(await getRun(ctx.db, ctx.projectId, input.runId), 'run')),
  start: engineerProcedure
    .input(scenarioRef.extend(runSettingsSchema.shape))
    .mutation(({ ctx, input }) => startRun(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  trajectories: viewerProcedure
    .input(runRef.extend({ ...pageInput, outcome: z.enum(['all', 'passed', 'failed']).default('all') }))
    .query(({ ctx, input }) => listTrajectories(ctx.db, ctx.projectId, input.runId, input)),
  trajectory: viewerProcedure
    .input(projectInput.extend({ trajectoryId: z.string().min(1) }))
    .query(async ({ ctx, input }) => found(await getTrajectory(ctx.db, ctx.projectId, input.trajectoryId), 'trajectory')),
  sendToData: engineerProcedure
    .input(runRef)
    .mutation(async ({ ctx, input }) => found(await sendRunToData(ctx.db, ctx.projectId, input.runId), 'run')),
});

export const environmentRouter = router({
  scenarios: scenariosRouter,
  cases: casesRouter,
  runs: runsRouter,
  validate: engineerProcedure
    .input(scenarioRef.extend(validationSettingsSchema.shape))
    .mutation(({ ctx, input }) => startValidation(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  tools: viewerProcedure.input(projectInput).query(() => builtinTools.list()),
  policies: viewerProcedure.input(projectInput).query(({ ctx }) => listPolicies(ctx.db, ctx.projectId)),
});
