// tRPC core: context, error shape (zod issues per field for forms), and procedures by role.
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { Db } from '@/db';
import type { Role } from '@/db/schema';
import type { SessionUser } from '@/server/auth/users';
import { refusal, type Access } from '@/server/auth/roles';
import { FieldInputError } from '@/server/field-input-error';
import { roleIn } from '@/server/projects/membership';

export type Context = { db: Db; user: SessionUser | null };

/** Rethrows a domain error about one field as a BAD_REQUEST the forms can place next to that field. */
export function badField(field: string, message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message, cause: new FieldInputError(field, message) });
}

function fieldErrorsOf(cause: unknown): Record<string, string[] | undefined> | null {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors as Record<string, string[] | undefined>;
  if (cause instanceof FieldInputError) return { [cause.field]: [cause.message] };
  return null;
}

/** What a procedure needs: `public`, any `signed-in` user, or an access level in the project named by its input. */
export type Meta = { access: 'public' | 'signed-in' | Access };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      data: {
        ...shape.data,
        // Field-level messages, so forms can show each next to its input.
        fieldErrors: fieldErrorsOf(error.cause),
      },
    }),
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure: a FieldInputError thrown by domain code reaches the client as a BAD_REQUEST about its field. */
const baseProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && result.error.cause instanceof FieldInputError) {
    throw badField(result.error.cause.field, result.error.cause.message);
  }
  return result;
});

export const publicProcedure = baseProcedure.meta({ access: 'public' });

export const protectedProcedure = baseProcedure.meta({ access: 'signed-in' }).use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A procedure scoped to the project its input names, open to the roles `access` allows.
 * Authorization runs on the raw input before validation, so a refused caller learns nothing about the input's shape.
 */
function projectProcedure(access: Access) {
  return protectedProcedure.meta({ access }).use(async ({ ctx, getRawInput, next }) => {
    const raw = await getRawInput();
    const projectId = raw && typeof raw === 'object' ? (raw as { projectId?: unknown }).projectId : undefined;
    if (typeof projectId !== 'string' || !projectId) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'projectId is required.' });
    }
    const role: Role | null = await roleIn(ctx.db, ctx.user.id, projectId);
    const refused = refusal(access, role);
    if (refused) throw new TRPCError({ code: 'FORBIDDEN', message: refused });
    return next({ ctx: { ...ctx, projectId, role: role! } });
  });
}

export const projectInput = z.object({ projectId: z.string().min(1) });
/** Paging fields to add to an input: `projectInput.extend(pageInput)`. */
export const pageInput = { page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) };

/** A lookup that found nothing, as NOT_FOUND. */
export function found<T>(value: T | null, what: string): T {
  if (value === null) throw new TRPCError({ code: 'NOT_FOUND', message: `No such ${what} in this project.` });
  return value;
}

export const memberProcedure = projectProcedure('member');
export const viewerProcedure = projectProcedure('read');
export const annotatorProcedure = projectProcedure('annotate');
export const engineerProcedure = projectProcedure('write');
export const adminProcedure = projectProcedure('admin');
