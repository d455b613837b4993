// Projects, membership and machine credentials (API keys, worker tokens).
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { memberships, projects, users } from '@/db/schema';
import { projectsOf } from '@/server/projects/membership';
import { createCredential, listCredentials, revokeCredential } from '@/server/projects/credentials';
import { adminProcedure, memberProcedure, projectInput, protectedProcedure, router } from '@/server/trpc/init';

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
    revoke: adminProcedure.input(projectInput.extend({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
      if (!(await revokeCredential(ctx.db, ctx.projectId, kind, input.id))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No such active credential in this project.' });
      }
      return { revoked: input.id };
    }),
  });

export const projectRouter = router({
  mine: protectedProcedure.query(({ ctx }) => projectsOf(ctx.db, ctx.user.id)),
  get: memberProcedure.input(projectInput).query(async ({ ctx }) => {
    const [project] = await ctx.db.select().from(projects).where(eq(projects.id, ctx.projectId));
    return { ...project!, role: ctx.role };
  }),
  members: adminProcedure
    .input(projectInput)
    .query(({ ctx }) =>
      ctx.db
        .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.projectId, ctx.projectId))
        .orderBy(users.name),
    ),
  apiKeys: credentialRouter('api_key'),
  workerTokens: credentialRouter('worker_token'),
});
