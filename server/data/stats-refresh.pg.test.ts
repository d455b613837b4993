// Statistics refreshed after bulk writes, on real Postgres (its own scratch database): see ./stats-refresh.cases.ts.
import { afterAll, beforeAll, describe } from 'vitest';
import { postgresAdminUrl, postgresReachable, scratchPostgres, type ScratchPostgres } from '@/server/testing/db';
import { statisticsRefreshCases } from './stats-refresh.cases';

const reachable = await postgresReachable();
if (!reachable) {
  const where = new URL(postgresAdminUrl());
  where.password = '';
  console.warn(`Skipping the statistics refresh test on Postgres: none reachable at ${where} (set TEST_POSTGRES_URL to point at one).`);
}

describe.skipIf(!reachable)('statistics refresh on Postgres', () => {
  let pg: ScratchPostgres;
  beforeAll(async () => {
    pg = await scratchPostgres();
  });
  afterAll(() => pg?.drop());
  statisticsRefreshCases(() => pg.db);
});
