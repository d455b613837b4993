// The worker route's request plumbing, so each route file is a few lines: token check, body parsing, error replies.
import 'server-only';
import { z } from 'zod';
import { type Db } from '@/db';
import { getDb } from '@/server/db';
import { bearerFrom } from '@/server/auth/secrets';
import { authenticate, type Authenticated } from '@/server/projects/credentials';
import { DomainError } from '@/server/domain-error';
import { handleRoute } from '@/server/http/route';

export type WorkerRequestContext = { db: Db; auth: Authenticated };

/** Resolves the worker token of a request, or throws the 401 that tells the caller what to send. */
export async function requireWorkerToken(db: Db, headers: Headers): Promise<Authenticated> {
  const secret = bearerFrom(headers);
  const auth = await authenticate(db, 'worker_token', secret);
  if (auth) return auth;
  throw new DomainError(
    'unauthorized',
    secret
      ? 'This worker token is unknown or revoked: create a new worker token in the project settings and set AF_WORKER_TOKEN.'
      : 'Missing worker token: send `Authorization: Bearer af_wrk_…` with a worker token from the project settings.',
  );
}

export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    throw new DomainError('bad_request', 'The request body must be JSON (Content-Type: application/json).');
  }
  return parse(schema, body, 'body');
}

export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return parse(schema, Object.fromEntries(new URL(req.url).searchParams), 'query string');
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // The sentence names full paths (`resources.gpus.0.name`); fieldErrors keeps the shape the tRPC API also returns.
  const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  const { fieldErrors } = z.flattenError(parsed.error) as { fieldErrors: Record<string, string[] | undefined> };
  throw new DomainError('bad_request', `Invalid ${where}: ${problems.join('; ')}.`, { fieldErrors: fieldErrors });
}

/** Runs a worker-route handler with the database and the caller's token; any refusal becomes its JSON error reply. */
export function workerRoute(req: Request, handle: (ctx: WorkerRequestContext) => Promise<Response>): Promise<Response> {
  return handleRoute(`worker ${new URL(req.url).pathname}`, async () => {
    const db = await getDb();
    const auth = await requireWorkerToken(db, req.headers);
    return handle({ db, auth });
  });
}

export type JobParams = { params: Promise<{ jobId: string }> };

/**
 * The handler a worker route exports for a method it does not serve (Next.js would answer an empty 405): a JSON 405
 * in the route's error shape, with `Allow`, saying how to call it.
 */
export function wrongMethod(allowed: 'POST' | 'PUT') {
  return async (req: Request): Promise<Response> => {
    const path = new URL(req.url).pathname;
    const res = await handleRoute(`worker ${path}`, async () => {
      throw new DomainError(
        'method_not_allowed',
        `${req.method} is not served on ${path}: send ${allowed}${allowed === 'POST' ? ' with a JSON body' : ''} (docs/worker-protocol.md).`,
      );
    });
    res.headers.set('Allow', allowed);
    return res;
  };
}
