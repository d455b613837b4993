// Evaluation factory API: tasksets and their cases, runs and their reports (cases, comparison, trend), on-the-spot
// ratings that calibrate the judge, the gate policy, and the gate's status for a model.
import 'server-only';
import { z } from 'zod';
import { caseFields, refineCase, toNewCase } from '@/server/environment/case-input';
import { generateRecipeSchema } from '@/server/environment/generate';
import { sendBackToTraining } from '@/server/evaluation/back-to-training';
import { CHANGES, compareRuns } from '@/server/evaluation/compare';
import { gateStatus } from '@/server/evaluation/gate';
import { IMPORT_FORMATS } from '@/server/evaluation/import';
import { gateRulesSchema, policyOverview, savePolicy } from '@/server/evaluation/policy';
import { ratingStatus, rateOutput } from '@/server/evaluation/ratings';
import { getEvaluationRun, getRunCase, listEvaluationRuns, listRunCases } from '@/server/evaluation/run-read';
import { evalSettingsSchema, startEvaluation, startRescore } from '@/server/evaluation/runs';
import { listSubjects } from '@/server/evaluation/subjects/registry';
import { importTaskset, tasksetFromGenerator, tasksetFromPaste, tasksetFromScenario } from '@/server/evaluation/taskset-build';
import {
  addTasksetCases,
  generateTasksetCases,
  listTasksetCases,
  pasteTasksetCases,
  removeTasksetCases,
} from '@/server/evaluation/taskset-cases';
import { DIFFICULTIES, fromScenarioCase, tagSchema, tasksetNameSchema } from '@/server/evaluation/taskset-input';
import { getTasksetDetail, listTasksets, tasksetOptions } from '@/server/evaluation/taskset-read';
import { setJudgePrompt, updateTasksetSettings } from '@/server/evaluation/tasksets';
import { trend, trendLines } from '@/server/evaluation/trend';
import { engineerProcedure, found, pageInput, projectInput, router, viewerProcedure } from '@/server/trpc/init';
import '@/server/main/subjects';

const tasksetRef = projectInput.extend({ tasksetId: z.string().min(1) });
const runRef = projectInput.extend({ runId: z.string().min(1) });
const by = (ctx: { projectId: string; user: { id: string } }, tasksetId: string) => ({
  projectId: ctx.projectId,
  tasksetId,
  by: ctx.user.id,
});

const newTasksetFields = {
  name: tasksetNameSchema,
  difficulty: z.enum(DIFFICULTIES).default('medium'),
  tags: z.array(tagSchema).max(20).default([]),
  description: z.string().trim().max(1000, 'At most 1,000 characters.').default(''),
};
const tools = z.array(z.string().min(1)).max(20);

const tasksetsRouter = router({
  list: viewerProcedure.input(projectInput.extend(pageInput)).query(({ ctx, input }) => listTasksets(ctx.db, ctx.projectId, input)),
  options: viewerProcedure.input(projectInput).query(({ ctx }) => tasksetOptions(ctx.db, ctx.projectId)),
  get: viewerProcedure
    .input(tasksetRef)
    .query(async ({ ctx, input }) => found(await getTasksetDetail(ctx.db, ctx.projectId, input.tasksetId), 'taskset')),
  fromScenario: engineerProcedure
    .input(projectInput.extend({ ...newTasksetFields, scenarioId: z.string().min(1, 'Pick a scenario.') }))
    .mutation(({ ctx, input }) => tasksetFromScenario(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  fromPaste: engineerProcedure
    .input(projectInput.extend({ ...newTasksetFields, tools: tools.default([]), text: z.string().max(2_000_000, 'At most 2 MB at once.') }))
    .mutation(({ ctx, input }) => tasksetFromPaste(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  fromGenerator: engineerProcedure
    .input(projectInput.extend({ ...newTasksetFields, recipe: generateRecipeSchema }))
    .mutation(({ ctx, input }) => tasksetFromGenerator(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  import: engineerProcedure
    .input(
      projectInput.extend({
        ...newTasksetFields,
        tools: tools.default([]),
        format: z.enum(IMPORT_FORMATS).optional(),
        fileName: z.string().trim().max(200).nullable().default(null),
        // Bigger files: `npm run factory -- eval import` reads them from disk.
        text: z.string().min(1, 'The file is empty.').max(20_000_000, 'At most 20 MB here; use the CLI for bigger files.'),
      }),
    )
    .mutation(({ ctx, input }) => importTaskset(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  update: engineerProcedure
    .input(
      tasksetRef.extend({
        description: z.string().trim().max(1000).optional(),
        difficulty: z.enum(DIFFICULTIES).optional(),
        tags: z.array(tagSchema).max(20).optional(),
        tools: tools.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const e = await updateTasksetSettings(ctx.db, ctx.projectId, input.tasksetId, ctx.user.id, input);
      return { tasksetId: e.taskset.id, forkedFrom: e.forkedFrom };
    }),
  setJudgePrompt: engineerProcedure
    .input(
      tasksetRef.extend({
        prompt: z.string().trim().max(20_000, 'At most 20,000 characters.').nullable(),
      }),
    )
    .mutation(({ ctx, input }) => setJudgePrompt(ctx.db, ctx.projectId, input.tasksetId, input.prompt || null)),
});

const tasksetCasesRouter = router({
  list: viewerProcedure
    .input(tasksetRef.extend({ ...pageInput, search: z.string().trim().max(200).optional() }))
    .query(({ ctx, input }) => listTasksetCases(ctx.db, ctx.projectId, input.tasksetId, input)),
  add: engineerProcedure
    .input(tasksetRef.extend(caseFields).superRefine(refineCase))
    .mutation(({ ctx, input }) =>
      addTasksetCases(ctx.db, by(ctx, input.tasksetId), [{ line: 1, value: fromScenarioCase(toNewCase(input)) }]),
    ),
  paste: engineerProcedure
    .input(tasksetRef.extend({ text: z.string().max(500_000, 'At most 500 kB at once.') }))
    .mutation(({ ctx, input }) => pasteTasksetCases(ctx.db, by(ctx, input.tasksetId), input.text)),
  generate: engineerProcedure
    .input(tasksetRef.extend({ recipe: generateRecipeSchema }))
    .mutation(({ ctx, input }) => generateTasksetCases(ctx.db, by(ctx, input.tasksetId), input.recipe)),
  remove: engineerProcedure
    .input(tasksetRef.extend({ caseIds: z.array(z.string().min(1)).min(1, 'Pick cases to remove.').max(1000) }))
    .mutation(({ ctx, input }) => removeTasksetCases(ctx.db, by(ctx, input.tasksetId), input.caseIds)),
});

const runsRouter = router({
  list: viewerProcedure
    .input(projectInput.extend({ ...pageInput, tasksetId: z.string().min(1).optional(), modelId: z.string().min(1).optional() }))
    .query(({ ctx, input }) => listEvaluationRuns(ctx.db, ctx.projectId, input)),
  get: viewerProcedure
    .input(runRef)
    .query(async ({ ctx, input }) => found(await getEvaluationRun(ctx.db, ctx.projectId, input.runId), 'evaluation')),
  cases: viewerProcedure
    .input(
      runRef.extend({
        ...pageInput,
        outcome: z.enum(['all', 'failed', 'passed', 'unsafe']).default('all'),
        kind: z.enum(['task', 'adversarial', 'all']).default('all'),
        tag: z.string().trim().max(40).optional(),
        search: z.string().trim().max(200).optional(),
      }),
    )
    .query(({ ctx, input }) => listRunCases(ctx.db, ctx.projectId, input.runId, input)),
  case: viewerProcedure
    .input(projectInput.extend({ caseRowId: z.string().min(1) }))
    .query(async ({ ctx, input }) => found(await getRunCase(ctx.db, ctx.projectId, input.caseRowId, ctx.user.id), 'evaluated case')),
  subjects: viewerProcedure.input(projectInput).query(({ ctx }) => listSubjects(ctx.db, ctx.projectId)),
  start: engineerProcedure
    .input(
      projectInput.extend({
        tasksetId: z.string().min(1, 'Pick a taskset.'),
        subject: z.string().min(1, 'Pick what to evaluate.').max(200),
        ...evalSettingsSchema.shape,
      }),
    )
    .mutation(({ ctx, input }) => startEvaluation(ctx.db, { ...input, projectId: ctx.projectId, createdBy: ctx.user.id })),
  rescore: engineerProcedure
    .input(runRef)
    .mutation(({ ctx, input }) => startRescore(ctx.db, { projectId: ctx.projectId, runId: input.runId, createdBy: ctx.user.id })),
  backToTraining: engineerProcedure
    .input(runRef)
    .mutation(({ ctx, input }) => sendBackToTraining(ctx.db, ctx.projectId, input.runId, ctx.user.id)),
});

const reportsRouter = router({
  compare: viewerProcedure
    .input(
      projectInput.extend({ a: z.string().min(1), b: z.string().min(1), change: z.enum([...CHANGES, 'all']).default('all'), ...pageInput }),
    )
    .query(({ ctx, input }) => compareRuns(ctx.db, ctx.projectId, input.a, input.b, input)),
  lines: viewerProcedure.input(projectInput).query(({ ctx }) => trendLines(ctx.db, ctx.projectId)),
  trend: viewerProcedure
    .input(projectInput.extend({ line: z.string().min(1), tasksetName: z.string().trim().max(40).optional() }))
    .query(({ ctx, input }) => trend(ctx.db, ctx.projectId, input)),
});

// Rating outputs is work on the factory (it changes what the gate counts), so it takes write access like the rest.
const ratingsRouter = router({
  status: engineerProcedure.input(runRef).query(({ ctx, input }) => ratingStatus(ctx.db, ctx.projectId, input.runId, ctx.user.id)),
  rate: engineerProcedure
    .input(projectInput.extend({ caseRowId: z.string().min(1), value: z.number().min(0).max(1) }))
    .mutation(({ ctx, input }) =>
      rateOutput(ctx.db, { projectId: ctx.projectId, caseRowId: input.caseRowId, userId: ctx.user.id, value: input.value }),
    ),
});

const policyRouter = router({
  get: viewerProcedure.input(projectInput).query(({ ctx }) => policyOverview(ctx.db, ctx.projectId)),
  save: engineerProcedure
    .input(projectInput.extend({ rules: gateRulesSchema, note: z.string().trim().max(300).default('') }))
    .mutation(({ ctx, input }) => savePolicy(ctx.db, ctx.projectId, input.rules, input.note, ctx.user.id)),
});

export const evaluationRouter = router({
  tasksets: tasksetsRouter,
  cases: tasksetCasesRouter,
  runs: runsRouter,
  reports: reportsRouter,
  ratings: ratingsRouter,
  policy: policyRouter,
  gate: router({
    status: viewerProcedure
      .input(projectInput.extend({ modelId: z.string().min(1) }))
      .query(({ ctx, input }) => gateStatus(ctx.db, ctx.projectId, input.modelId)),
  }),
});
