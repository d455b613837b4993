// First-run setup of a real install: checking the one-time link and creating the first admin with it.
import { z } from 'zod';
import { createFirstAdmin, MIN_PASSWORD_CHARS } from '@/server/setup/first-admin';
import { publicProcedure, router } from '@/server/trpc/init';

export const setupRouter = router({
  createFirstAdmin: publicProcedure
    .input(
      z.object({
        token: z.string().min(1, 'Open the setup link printed in the server log.'),
        email: z.string().trim().toLowerCase().email('Enter an email address.'),
        name: z.string().trim().min(1, 'Enter your name.').max(100),
        password: z.string().min(MIN_PASSWORD_CHARS, `Use at least ${MIN_PASSWORD_CHARS} characters.`).max(200),
        projectName: z.string().trim().min(1, 'Name your first project.').max(80),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { token, ...admin } = input;
      return createFirstAdmin(ctx.db, admin, token);
    }),
});
