// Projects, membership and machine credentials (API keys, worker tokens).
import { z } from 'zod';
import { getProject, listMembers, projectsOf } from '@/server/projects/membership';
import { addMember, projectAdmins, removeMember, setMemberRole } from '@/server/projects/members';
import { roleEnum } from '@/db/schema';
import { createCredential, listCredentials, revokeCredential } from '@/server/projects/credentials';
import { adminProcedure, found, memberProcedure, projectInput, protectedProcedure, router } from '@/server/trpc/init';

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
});
