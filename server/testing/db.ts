// Test databases: a fresh in-memory PGlite, or a fresh Postgres database created for the run and dropped after.
import { openDb, type DbHandle } from '@/db/client';
import { seedDemo } from '@/server/main/demo-seed';
import { createScratchDatabase } from './postgres';

export { postgresAdminUrl, postgresReachable } from './postgres';

export async function memoryDb(opts: { seed?: boolean } = {}): Promise<DbHandle> {
  const handle = await openDb({ kind: 'pglite' });
  if (opts.seed) await seedDemo(handle.db);
  return handle;
}

export type ScratchPostgres = DbHandle & { url: string; drop: () => Promise<void> };

/** Creates `af_test_<random>`, migrates it, and returns a handle plus a `drop` that removes it. */
export async function scratchPostgres(opts: { seed?: boolean } = {}): Promise<ScratchPostgres> {
  const scratch = await createScratchDatabase();
  const handle = await openDb({ kind: 'postgres', url: scratch.url, max: 5 });
  if (opts.seed) await seedDemo(handle.db);
  return {
    ...handle,
    url: scratch.url,
    drop: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}
