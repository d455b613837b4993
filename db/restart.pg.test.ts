// A Postgres restart, as a client lives it: reads on pooled connections the server dropped are sent again and
// succeed (while it cannot be reached at all, requests answer 503: server/trpc/errors.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openDb, type DbHandle } from './client';
import { postgresAdminUrl, postgresReachable, createScratchDatabase } from '@/server/testing/postgres';
import { projects } from './schema';

const reachable = await postgresReachable();
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let h: DbHandle;

describe.skipIf(!reachable)('across a Postgres restart', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    h = await openDb({ kind: 'postgres', url: scratch.url, max: 3 });
  });
  afterAll(async () => {
    await h?.close();
    await scratch?.drop();
  });

  it('sends a read again when the server terminated the pooled connections under it', async () => {
    await Promise.all([1, 2, 3].map(() => h.db.select().from(projects))); // fill the pool
    const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {} });
    const dbName = new URL(scratch.url).pathname.slice(1);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
    await admin.end();
    for (let i = 0; i < 3; i++) expect(await h.db.select().from(projects)).toEqual([]);
    expect(await h.db.execute(sql`select 1 as one`)).toBeTruthy();
  });
});
