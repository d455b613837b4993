// What a database error means, whether the driver threw it directly or Drizzle wrapped it (as its `cause`).

function* chain(err: unknown): Generator<{ code?: unknown; errno?: unknown; cause?: unknown; message?: unknown }> {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as typeof e) yield e;
}

/** The SQLSTATE of a database error. */
export function sqlState(err: unknown): string | undefined {
  for (const e of chain(err)) if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return undefined;
}

// postgres-js and Node's socket errors when the server is down, restarting or dropped the connection.
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * The database could not be reached or dropped the connection: class 08 (connection exception), 57P01–57P03
 * (the server is shutting down or starting up), or a socket error. Nothing was refused: the same statement may work later.
 */
export function isConnectionError(err: unknown): boolean {
  for (const e of chain(err)) {
    if (typeof e.code !== 'string') continue;
    if (CONNECTION_CODES.has(e.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(e.code) || ['57P01', '57P02', '57P03'].includes(e.code)) return true;
  }
  return false;
}
