// tRPC core: context, error shape (zod issues per field for forms), and procedures by role.
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { Db } from '@/db';
import type { Role } from '@/db/schema';
import type { SessionUser } from '@/server/auth/users';
import { refusal, type Access } from '@/server/auth/roles';
import { DomainError, type DomainErrorCode, type FieldErrors } from '@/server/domain-error';
import { internalMessage, toClientError } from '@/server/http/internal-error';
import { roleIn } from '@/server/projects/membership';

/**
 * Who calls: a signed-in user (session cookie), or a project API key acting for the admin who created it, with an
 * engineer's rights in that one project (`apiKey`), so scripts and the typed client use the same procedures as the UI.
 */
export type Context = { db: Db; user: SessionUser | null; apiKey?: { projectId: string; credentialId: string } };

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  bad_request: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_SUPPORTED',
  conflict: 'CONFLICT',
  lease_lost: 'CONFLICT',
  precondition_failed: 'PRECONDITION_FAILED',
  too_large: 'PAYLOAD_TOO_LARGE',
  rate_limited: 'TOO_MANY_REQUESTS',
  internal: 'INTERNAL_SERVER_ERROR',
  unavailable: 'SERVICE_UNAVAILABLE',
  timeout: 'TIMEOUT',
};

function fieldErrorsOf(cause: unknown): FieldErrors | null {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors as FieldErrors;
  if (cause instanceof DomainError) return cause.fieldErrors;
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
      // An unplanned error never shows its text (it may hold SQL): the base procedure already swapped it for an id.
      message:
        error.code === 'INTERNAL_SERVER_ERROR' && !(error.cause instanceof DomainError) ? internalMessage('unlogged') : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        // Field-level messages, so forms can show each next to its input.
        fieldErrors: fieldErrorsOf(error.cause),
      },
    }),
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure: a DomainError thrown by domain code becomes the tRPC error of its code (with its field errors);
 * anything else unplanned is logged with an id and reaches the client as a sentence with that id.
 */
const baseProcedure = t.procedure.use(async ({ next, path }) => {
  const result = await next();
  if (result.ok || result.error.code !== 'INTERNAL_SERVER_ERROR') return result;
  const err = toClientError(`trpc ${path}`, result.error.cause ?? result.error);
  throw new TRPCError({ code: TRPC_CODE[err.code], message: err.message, cause: err });
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
    const role: Role | null = ctx.apiKey
      ? ctx.apiKey.projectId === projectId
        ? API_KEY_ROLE
        : null
      : await roleIn(ctx.db, ctx.user.id, projectId);
    const refused = refusal(access, role);
    if (refused) throw new TRPCError({ code: 'FORBIDDEN', message: refused });
    return next({ ctx: { ...ctx, projectId, role: role! } });
  });
}

/** What an API key may do in its project: everything an engineer may (never admin: keys cannot mint keys or add members). */
const API_KEY_ROLE: Role = 'engineer';

export const projectInput = z.object({ projectId: z.string().min(1) });
/** Paging fields to add to an input: `projectInput.extend(pageInput)`. */
export const pageInput = { page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) };

export { found } from '@/server/domain-error';

export const memberProcedure = projectProcedure('member');
export const viewerProcedure = projectProcedure('read');
export const annotatorProcedure = projectProcedure('annotate');
export const engineerProcedure = projectProcedure('write');
export const adminProcedure = projectProcedure('admin');
