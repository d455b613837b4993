// Statistics refreshed after bulk writes, on the embedded default (PGlite): see ./stats-refresh.cases.ts.
import { afterAll, beforeAll, describe } from 'vitest';
import type { DbHandle } from '@/db';
import { memoryDb } from '@/server/testing/db';
import { statisticsRefreshCases } from './stats-refresh.cases';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb();
});
afterAll(() => h.close());

describe('statistics refresh on PGlite', () => statisticsRefreshCases(() => h.db));
