// Headers tRPC adds to a reply: Retry-After while the database is unreachable (503) or a caller is throttled (429),
// so clients and proxies back off instead of hammering.
import type { TRPCError } from '@trpc/server';
import { DomainError } from '@/server/domain-error';
import { DATABASE_UNAVAILABLE_RETRY_SECONDS } from '@/server/http/internal-error';

export function responseMeta({ errors }: { errors: TRPCError[] }): { headers?: Headers } {
  let wait: number | null = null;
  for (const e of errors) {
    if (e.code !== 'SERVICE_UNAVAILABLE' && e.code !== 'TOO_MANY_REQUESTS') continue;
    const seconds =
      e.cause instanceof DomainError && e.cause.retryAfterSeconds !== undefined
        ? e.cause.retryAfterSeconds
        : DATABASE_UNAVAILABLE_RETRY_SECONDS;
    wait = Math.max(wait ?? 0, Math.ceil(seconds));
  }
  return wait === null ? {} : { headers: new Headers({ 'Retry-After': String(Math.max(1, wait)) }) };
}
