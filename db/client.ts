// The one way to reach the database: PGlite on disk by default, Postgres when DATABASE_URL is set.
import 'server-only';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { withReadRetry } from './retry-reads';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** What a `db.transaction` callback receives. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  close: () => Promise<void>;
};

export type DbConfig = { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string; max?: number };

const migrationsFolder = path.join(process.cwd(), 'drizzle');

export async function openDb(config: DbConfig): Promise<DbHandle> {
  if (config.kind === 'postgres') {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // Idle connections are closed after a minute, so few are left to go stale across a server restart; reads that
    // still meet a dead one are sent again (./retry-reads.ts).
    const max = config.max ?? 10;
    const client = postgres(config.url, { max, idle_timeout: 60, onnotice: () => {} });
    const db = drizzle(withReadRetry(client, max), { schema, casing: 'snake_case' });
    // Server and `npm run worker` processes may start together: one migrates, the others wait on the lock.
    const lockConn = await client.reserve();
    try {
      await lockConn`select pg_advisory_lock(727001)`;
      // The events explorer's trigram indexes need pg_trgm (a trusted contrib extension since Postgres 13).
      await lockConn`create extension if not exists pg_trgm`;
      await migrate(db, { migrationsFolder });
    } finally {
      await lockConn`select pg_advisory_unlock(727001)`;
      lockConn.release();
    }
    return { db: db as unknown as Db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = new PGlite({ dataDir: config.dataDir, extensions: { pg_trgm } });
  const db = drizzle(client, { schema, casing: 'snake_case' });
  await client.exec('create extension if not exists pg_trgm');
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
}
