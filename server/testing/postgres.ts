// The test Postgres server, and scratch databases on it: nothing here imports the app, so a test can create a
// database and point DATABASE_URL at it before the app's configuration is first read.
import postgres from 'postgres';
import { randomToken } from '@/db/ids';

/** Where the test Postgres server is: TEST_POSTGRES_URL or DATABASE_URL when set, else the local one every dev and CI machine runs. */
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

/** Creates an empty `af_test_<random>` database; `drop` removes it (closing whatever still uses it). */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {} });
  const name = `af_test_${randomToken(10)}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}
