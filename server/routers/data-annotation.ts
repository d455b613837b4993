// Annotation API: the annotator's rating screen (scoped to their own assignments) and the engineers' queue management.
import 'server-only';
import { z } from 'zod';
import { eventSourceEnum } from '@/db/schema';
import {
  adminProcedure,
  annotatorProcedure,
  engineerProcedure,
  pageInput,
  projectInput,
  router,
  viewerProcedure,
} from '@/server/trpc/init';
import { assign, listRaters, unassign } from '@/server/data/annotation/assign';
import { addItems, MAX_ADD } from '@/server/data/annotation/items';
import { judgeEndpointSettings, removeJudgeEndpoint, saveJudgeEndpoint, setJudgeModel } from '@/server/data/annotation/judge-endpoint';
import { judgeInput } from '@/server/data/annotation/judge-job';
import { startJudgeRun } from '@/server/data/annotation/judge-run';
import { createQueue, deleteQueue, listQueues, updateQueue } from '@/server/data/annotation/queues';
import { comment, itemForRater, myItems, myQueues, rate, skip } from '@/server/data/annotation/rater';
import { latestJudgeJob, queueItems, queueReport } from '@/server/data/annotation/report';

const queueRef = projectInput.extend({ queueId: z.string().min(1) });
const assignmentRef = projectInput.extend({ assignmentId: z.string().min(1) });

const queueSettings = z.object({
  name: z.string().trim().min(1, 'Give the queue a name, such as "Math answers, week 12".').max(80, 'Keep the name under 80 characters.'),
  instructions: z.string().trim().max(4000, 'Keep the instructions under 4,000 characters.').default(''),
  overlap: z.number().int().min(1, 'At least one rater per item.').max(10, 'At most 10 raters per item.').default(1),
  blind: z.boolean().default(true),
  scalePoints: z.number().int().min(2, 'A scale needs at least 2 points.').max(9, 'Number keys allow at most 9 points.').default(5),
});

const itemFilter = z.object({
  agentId: z.string().trim().max(200).optional(),
  source: z.enum(eventSourceEnum.enumValues).optional(),
  cleanedOnly: z.boolean().optional(),
  notYetRated: z.boolean().optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});

const addItemsRequest = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('filter'),
    filter: itemFilter.default({}),
    limit: z.number().int().min(1).max(MAX_ADD, `At most ${MAX_ADD} items at a time.`).default(100),
  }),
  z.object({
    mode: z.literal('sample'),
    filter: itemFilter.default({}),
    n: z.number().int().min(1, 'Sample at least one item.').max(MAX_ADD, `At most ${MAX_ADD} items at a time.`),
    seed: z.number().int().min(0).default(0),
  }),
  z.object({ mode: z.literal('ids'), eventIds: z.array(z.string().min(1)).min(1, 'List at least one event id.').max(MAX_ADD) }),
]);

const judgeEndpointInput = z.object({
  baseUrl: z
    .string()
    .trim()
    .url("Enter the endpoint's base URL, such as https://api.openai.com/v1.")
    .refine((u) => /^https?:\/\//.test(u), 'Use an http:// or https:// URL.'),
  model: z.string().trim().min(1, 'Name the model, such as gpt-4o-mini.').max(200),
  /** Leave out to keep the saved key (only while the URL is unchanged); an empty string removes it. */
  apiKey: z.string().trim().max(500).optional(),
});

export const annotationRouter = router({
  // The rating screen: any role that may annotate, always limited to the caller's own assignments.
  myQueues: annotatorProcedure.input(projectInput).query(({ ctx }) => myQueues(ctx.db, ctx.projectId, ctx.user.id)),
  myItems: annotatorProcedure.input(queueRef).query(({ ctx, input }) => myItems(ctx.db, ctx.projectId, ctx.user.id, input.queueId)),
  item: annotatorProcedure
    .input(assignmentRef)
    .query(({ ctx, input }) => itemForRater(ctx.db, ctx.projectId, ctx.user.id, input.assignmentId)),
  rate: annotatorProcedure
    .input(assignmentRef.extend({ value: z.number().min(0).max(1), durationMs: z.number().int().min(0).optional() }))
    .mutation(({ ctx, input }) => rate(ctx.db, { ...input, userId: ctx.user.id, projectId: ctx.projectId })),
  skip: annotatorProcedure
    .input(assignmentRef)
    .mutation(({ ctx, input }) => skip(ctx.db, { ...input, userId: ctx.user.id, projectId: ctx.projectId })),
  comment: annotatorProcedure
    .input(assignmentRef.extend({ comment: z.string().max(2000, 'Keep comments under 2,000 characters.') }))
    .mutation(({ ctx, input }) => comment(ctx.db, { ...input, userId: ctx.user.id, projectId: ctx.projectId })),

  // Engineers' view: reading is open to viewers, changing to engineers and admins.
  queues: viewerProcedure
    .input(projectInput.extend(pageInput))
    .query(({ ctx, input }) => listQueues(ctx.db, ctx.projectId, input.page, input.pageSize)),
  report: viewerProcedure.input(queueRef).query(({ ctx, input }) => queueReport(ctx.db, ctx.projectId, input.queueId)),
  items: viewerProcedure
    .input(queueRef.extend(pageInput))
    .query(({ ctx, input }) => queueItems(ctx.db, ctx.projectId, input.queueId, input.page, input.pageSize, ctx.user.id)),
  judgeJob: viewerProcedure.input(queueRef).query(({ ctx, input }) => latestJudgeJob(ctx.db, ctx.projectId, input.queueId)),
  raters: engineerProcedure.input(projectInput).query(({ ctx }) => listRaters(ctx.db, ctx.projectId)),
  createQueue: engineerProcedure.input(projectInput.extend(queueSettings.shape)).mutation(({ ctx, input }) => {
    const { projectId, ...settings } = input;
    return createQueue(ctx.db, projectId, settings, ctx.user.id);
  }),
  updateQueue: engineerProcedure.input(queueRef.extend(queueSettings.partial().shape)).mutation(({ ctx, input }) => {
    const { projectId, queueId, ...settings } = input;
    return updateQueue(ctx.db, projectId, queueId, settings);
  }),
  deleteQueue: engineerProcedure.input(queueRef).mutation(({ ctx, input }) => deleteQueue(ctx.db, ctx.projectId, input.queueId)),
  addItems: engineerProcedure
    .input(queueRef.and(addItemsRequest))
    .mutation(({ ctx, input }) => addItems(ctx.db, ctx.projectId, input.queueId, input)),
  assign: engineerProcedure
    .input(
      queueRef.extend({
        strategy: z.enum(['round_robin', 'everyone']).default('round_robin'),
        userIds: z.array(z.string().min(1)).max(100).optional(),
      }),
    )
    .mutation(({ ctx, input }) => assign(ctx.db, ctx.projectId, input.queueId, input, ctx.user.id)),
  unassign: engineerProcedure
    .input(queueRef.extend({ userId: z.string().min(1) }))
    .mutation(({ ctx, input }) => unassign(ctx.db, ctx.projectId, input.queueId, input.userId)),

  // The judge: its endpoint (the key never comes back out) and runs.
  judgeSettings: engineerProcedure.input(projectInput).query(({ ctx }) => judgeEndpointSettings(ctx.db, ctx.projectId)),
  // Where the judge sends requests, and the key it sends, is an admin's decision: engineers only pick the model.
  saveJudgeSettings: adminProcedure
    .input(projectInput.extend(judgeEndpointInput.shape))
    .mutation(({ ctx, input }) => saveJudgeEndpoint(ctx.db, ctx.projectId, input, ctx.user.id)),
  setJudgeModel: engineerProcedure
    .input(projectInput.extend({ model: judgeEndpointInput.shape.model }))
    .mutation(({ ctx, input }) => setJudgeModel(ctx.db, ctx.projectId, input.model, ctx.user.id)),
  removeJudgeSettings: adminProcedure.input(projectInput).mutation(({ ctx }) => removeJudgeEndpoint(ctx.db, ctx.projectId)),
  runJudge: engineerProcedure.input(projectInput.extend(judgeInput.shape)).mutation(({ ctx, input }) => {
    const { projectId, ...rest } = input;
    return startJudgeRun(ctx.db, projectId, rest, ctx.user.id);
  }),
});
