// An error nobody planned for: the client gets a sentence and an id, the server log gets the id and everything else
// (SQL, parameters, stack). Nothing from the error itself reaches the client.
import { randomToken } from '@/db/ids';
import { isConnectionError } from '@/db/errors';
import { DomainError } from '@/server/domain-error';

export const newErrorId = () => `err_${randomToken(10)}`;

export function internalMessage(errorId: string): string {
  return `Something went wrong on the server (error ${errorId}). It has been logged; try again, and quote the id if it keeps happening.`;
}

/** Logs an unexpected error under a fresh id and returns the id. */
export function logInternal(where: string, err: unknown): string {
  const id = newErrorId();
  console.error(`[${where}] ${id}:`, err);
  return id;
}

/** The database is down or restarting: answer 503 with a Retry-After instead of a 500. */
export const DATABASE_UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * Turns whatever a handler threw into a DomainError the client may see: domain errors as they are, a lost database as
 * `unavailable`, anything else as `internal` with a logged id.
 */
export function toClientError(where: string, err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  if (isConnectionError(err)) {
    console.error(`[${where}] database unreachable:`, (err as Error)?.message ?? err);
    return new DomainError('unavailable', 'The database is unreachable right now; try again in a few seconds.', {
      retryAfterSeconds: DATABASE_UNAVAILABLE_RETRY_SECONDS,
    });
  }
  return new DomainError('internal', internalMessage(logInternal(where, err)));
}
