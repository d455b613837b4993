// The process-wide database handle, configured from the environment and opened once (kept across Next.js dev
// reloads, which would otherwise open PGlite twice).
import 'server-only';
import path from 'node:path';
import { openDb, type DbHandle } from '@/db/client';
import { env } from '@/server/env';

const globalForDb = globalThis as unknown as { afDb?: Promise<DbHandle> };

export function dbConfigFromEnv() {
  return env.DATABASE_URL
    ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
    : ({ kind: 'pglite', dataDir: path.resolve(env.AF_DATA_DIR, 'pglite') } as const);
}

export function getDbHandle(): Promise<DbHandle> {
  globalForDb.afDb ??= openDb(dbConfigFromEnv());
  return globalForDb.afDb;
}

export async function getDb() {
  return (await getDbHandle()).db;
}
