// Cleaning at scale on real Postgres (a scratch database, dropped after): see scale-suite.ts. The connection pool
// lets a page's write overlap the next page's probe here, which PGlite's single connection never does.
import { describe } from 'vitest';
import { postgresReachable, scratchPostgres } from '@/server/testing/db';
import { cleaningAtScale } from './scale-suite';

const reachable = await postgresReachable();
if (!reachable) console.warn('Skipping cleaning-at-scale tests on Postgres: none reachable (set TEST_POSTGRES_URL).');

describe.skipIf(!reachable)('on Postgres', () => cleaningAtScale('Postgres', () => scratchPostgres(), 5000));
