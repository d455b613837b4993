// Projects, membership and machine credentials (API keys, worker tokens).
import { z } from 'zod';
import { getProject, listMembers, projectsOf } from '@/server/projects/membership';
import { addMember, projectAdmins, removeMember, setMemberRole } from '@/server/projects/members';
import { roleEnum } from '@/db/schema';
import { createCredential, listCredentials, revokeCredential } from '@/server/projects/credentials';
import { listModelEndpoints, removeModelEndpoint, saveModelEndpoint } from '@/server/llm/model-endpoints';
import { adminProcedure, found, memberProcedure, projectInput, protectedProcedure, router, viewerProcedure } from '@/server/trpc/init';

const credentialName = z
  .string()
  .trim()
  .min(1, 'Give it a name, such as "ingestion from prod".')
  .max(60, 'Keep the name under 60 characters.');

const credentialRouter = (kind: 'api_key' | 'worker_token') =>
  router({
    list: adminProcedure.input(projectInput).query(({ ctx }) => listCredentials(ctx.db, ctx.projectId, kind)),
    create: adminProcedure
      .input(projectInput.extend({ name: credentialName }))
      .mutation(({ ctx, input }) => createCredential(ctx.db, { projectId: ctx.projectId, kind, name: input.name, createdBy: ctx.user.id })),
    revoke: adminProcedure
      .input(projectInput.extend({ id: z.string().min(1) }))
      .mutation(({ ctx, input }) => revokeCredential(ctx.db, ctx.projectId, kind, input.id)),
  });

const modelEndpointInput = projectInput.extend({
  id: z.string().min(1).optional(),
  name: z.string().trim().min(1, 'Name it, such as "hosted baseline".').max(60, 'Keep the name under 60 characters.'),
  baseUrl: z
    .string()
    .trim()
    .url("Enter the endpoint's base URL, such as https://api.openai.com/v1.")
    .refine((u) => /^https?:\/\//.test(u), 'Use an http:// or https:// URL.'),
  model: z.string().trim().min(1, 'Name the model, such as gpt-4o-mini.').max(200),
  /** Leave out to keep the saved key (only while the URL is unchanged); an empty string removes it. */
  apiKey: z.string().trim().max(500).optional(),
});

// External OpenAI-compatible models: everyone who reads the project sees them (never their keys); only admins say where
// requests go and with which key.
const modelEndpointsRouter = router({
  list: viewerProcedure.input(projectInput).query(({ ctx }) => listModelEndpoints(ctx.db, ctx.projectId)),
  save: adminProcedure
    .input(modelEndpointInput)
    .mutation(({ ctx, input: { projectId: _p, ...input } }) => saveModelEndpoint(ctx.db, ctx.projectId, input, ctx.user.id)),
  remove: adminProcedure
    .input(projectInput.extend({ id: z.string().min(1) }))
    .mutation(({ ctx, input }) => removeModelEndpoint(ctx.db, ctx.projectId, input.id)),
});

export const projectRouter = router({
  mine: protectedProcedure.query(({ ctx }) => projectsOf(ctx.db, ctx.user.id)),
  get: memberProcedure
    .input(projectInput)
    .query(async ({ ctx }) => ({ ...found(await getProject(ctx.db, ctx.projectId), 'project'), role: ctx.role })),
  members: adminProcedure.input(projectInput).query(({ ctx }) => listMembers(ctx.db, ctx.projectId)),
  admins: memberProcedure.input(projectInput).query(({ ctx }) => projectAdmins(ctx.db, ctx.projectId)),
  addMember: adminProcedure
    .input(
      projectInput.extend({
        email: z.string().trim().email('Enter an email address.'),
        name: z.string().trim().max(100).optional(),
        role: z.enum(roleEnum.enumValues, 'Pick a role.'),
      }),
    )
    .mutation(({ ctx, input }) => addMember(ctx.db, ctx.projectId, input)),
  setMemberRole: adminProcedure
    .input(projectInput.extend({ userId: z.string().min(1), role: z.enum(roleEnum.enumValues) }))
    .mutation(({ ctx, input }) => setMemberRole(ctx.db, ctx.projectId, input.userId, input.role)),
  removeMember: adminProcedure
    .input(projectInput.extend({ userId: z.string().min(1) }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.projectId, input.userId)),
  apiKeys: credentialRouter('api_key'),
  workerTokens: credentialRouter('worker_token'),
  modelEndpoints: modelEndpointsRouter,
});
