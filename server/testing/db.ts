// Test databases: a fresh in-memory PGlite, or a fresh Postgres database created for the run and dropped after.
import postgres from 'postgres';
import { randomToken } from '@/db/ids';
import { openDb, type DbHandle } from '@/db/client';
import { seedDemo } from '@/server/main/demo-seed';

export async function memoryDb(opts: { seed?: boolean } = {}): Promise<DbHandle> {
  const handle = await openDb({ kind: 'pglite' });
  if (opts.seed) await seedDemo(handle.db);
  return handle;
}

/** Where the test Postgres server is: DATABASE_URL when set, else the local one every dev and CI machine runs. */
export const postgresAdminUrl = () =>
  process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const sql = postgres(postgresAdminUrl(), { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export type ScratchPostgres = DbHandle & { url: string; drop: () => Promise<void> };

/** Creates `af_test_<random>`, migrates it, and returns a handle plus a `drop` that removes it. */
export async function scratchPostgres(opts: { seed?: boolean } = {}): Promise<ScratchPostgres> {
  const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {} });
  const name = `af_test_${randomToken(10)}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  const handle = await openDb({ kind: 'postgres', url: url.toString(), max: 5 });
  if (opts.seed) await seedDemo(handle.db);
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}
