// Server start: migrate, seed a first-time database, and on the embedded default run the worker in this process.
import 'server-only';
import { getDbHandle } from '@/server/db';
import { DEMO_USERS, seedIfEmpty } from './demo-seed';
import { env, workerInProcess } from '@/server/env';
import { startLocalWorker } from './local-worker';

const globalBoot = globalThis as unknown as { afBooted?: Promise<void> };

export function boot(): Promise<void> {
  globalBoot.afBooted ??= (async () => {
    const handle = await getDbHandle();
    const seeded = env.SEED_DEMO !== false && (await seedIfEmpty(handle.db));
    console.log(
      `[agent-factory] database: ${handle.kind === 'pglite' ? `embedded PGlite in ${env.AF_DATA_DIR}/pglite` : 'Postgres (DATABASE_URL)'}${seeded ? ', demo data seeded' : ''}`,
    );
    if (env.SEED_DEMO !== false) {
      console.log('[agent-factory] demo sign-ins (local demo data only):');
      for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(9)} ${u.email} / ${u.password}`);
    }
    if (env.NEXTAUTH_URL) console.log(`[agent-factory] open ${env.NEXTAUTH_URL}`);
    if (workerInProcess()) {
      await startLocalWorker(handle.db, {
        name: 'in-process',
        pollMs: env.WORKER_POLL_MS,
        heartbeatMs: env.WORKER_HEARTBEAT_MS,
        log: (line) => console.log(`[worker] ${line}`),
      });
    } else {
      console.log('[agent-factory] no in-process worker: start workers with `npm run worker`');
    }
  })();
  return globalBoot.afBooted;
}
