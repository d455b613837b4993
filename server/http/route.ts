// Route handlers outside tRPC (public REST, the worker route, uploads and exports) answer refusals the same way:
// a JSON body `{ error, code, fieldErrors? }` with the status of the domain error's code, and Retry-After where it
// applies. One wrapper per route, so no handler translates errors itself.
import { DomainError, type DomainErrorCode, type FieldErrors } from '@/server/domain-error';
import { toClientError } from './internal-error';

export type ErrorBody = { error: string; code: DomainErrorCode; fieldErrors?: FieldErrors };

/** How a family of routes spells an error (the OpenAI-compatible routes use OpenAI's shape). */
export type ErrorRenderer = (err: DomainError) => Response;

export const renderError: ErrorRenderer = (err) => {
  const body: ErrorBody = { error: err.message, code: err.code, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) };
  return Response.json(body, { status: err.status, headers: retryHeaders(err) });
};

export function retryHeaders(err: DomainError): Record<string, string> {
  return err.retryAfterSeconds !== undefined ? { 'Retry-After': String(Math.max(1, Math.ceil(err.retryAfterSeconds))) } : {};
}

/** Runs a route handler; any error becomes the reply `render` spells for it (a 500 carries only an error id). */
export async function handleRoute(where: string, work: () => Promise<Response>, render: ErrorRenderer = renderError): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    return render(toClientError(where, err));
  }
}
