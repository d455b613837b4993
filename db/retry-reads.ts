// A Postgres restart leaves pooled connections dead; the next statement on each then fails although the server is
// back. A read (a lone SELECT outside a transaction) is safe to send again, so it is sent again on a connection error
// — each failure retires one dead connection, so at most once per pooled connection, then once on a fresh one.
// Writes are never retried here (they may have run), and transactions use their own connection.
import type { Sql } from 'postgres';
import { isConnectionError } from './errors';

const READ_ONLY = /^\s*select\b/i;

type Pending = PromiseLike<unknown> & { values: () => PromiseLike<unknown> };

async function retrying(run: () => PromiseLike<unknown>, query: string, attempts: number): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !READ_ONLY.test(query) || !isConnectionError(err)) throw err;
    }
  }
}

/** The client with `unsafe` (what Drizzle's driver calls for every statement) retrying reads on connection errors. */
export function withReadRetry(client: Sql, poolSize: number): Sql {
  const attempts = poolSize + 1;
  const unsafe = client.unsafe.bind(client) as (q: string, p?: unknown[], o?: unknown) => Pending;
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'unsafe') return Reflect.get(target, prop, receiver);
      // postgres-js queries run when awaited, so each attempt builds a fresh one.
      return (query: string, params?: unknown[], options?: unknown) => {
        const make = () => unsafe(query, params, options);
        return {
          values: () => retrying(() => make().values(), query, attempts),
          then: (ok: (v: unknown) => unknown, ko: (e: unknown) => unknown) => retrying(make, query, attempts).then(ok, ko),
        };
      };
    },
  });
}
