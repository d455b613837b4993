// Server start: migrate, seed the embedded demo (or, on a real install, make sure the first admin can be created),
// on the embedded default run the worker in this process, and warm the Runtime's sandbox pools.
import 'server-only';
import type { Db } from '@/db';
import { getDbHandle } from '@/server/db';
import { demoSeeding, env, workerInProcess } from '@/server/env';
import { createFirstAdmin, hasUsers, issueSetupToken } from '@/server/setup/first-admin';
import { DEMO_USERS, seedIfEmpty } from './demo-seed';
import { runtimeHost } from '@/server/runtime/pools';
import { flushOnSigterm } from '@/server/runtime/shutdown';
import { startLocalWorker } from './local-worker';

const globalBoot = globalThis as unknown as { afBooted?: Promise<void> };
const log = (line: string) => console.log(`[agent-factory] ${line}`);

export function boot(): Promise<void> {
  globalBoot.afBooted ??= (async () => {
    const handle = await getDbHandle();
    const demo = demoSeeding();
    const seeded = demo && (await seedIfEmpty(handle.db));
    log(
      `database: ${handle.kind === 'pglite' ? `embedded PGlite in ${env.AF_DATA_DIR}/pglite` : 'Postgres (DATABASE_URL)'}${seeded ? ', demo data seeded' : ''}`,
    );
    if (demo) {
      log('demo sign-ins (local demo data only):');
      for (const u of DEMO_USERS) console.log(`    ${u.role.padEnd(9)} ${u.email} / ${u.password}`);
    } else {
      await ensureFirstAdmin(handle.db);
    }
    if (env.NEXTAUTH_URL) log(`open ${env.NEXTAUTH_URL}`);
    if (workerInProcess()) {
      await startLocalWorker(handle.db, {
        name: 'in-process',
        pollMs: env.WORKER_POLL_MS,
        heartbeatMs: env.WORKER_HEARTBEAT_MS,
        log: (line) => console.log(`[worker] ${line}`),
      });
    } else {
      log('no in-process worker: start workers with `npm run worker`');
    }
    // The web process owns the serving pools: warm every live deployment's now (in the background), and write the
    // served exchanges still queued before a graceful shutdown ends the process.
    runtimeHost(handle.db);
    flushOnSigterm();
  })();
  return globalBoot.afBooted;
}

/** A real install with no users: the first admin from AF_ADMIN_EMAIL / AF_ADMIN_PASSWORD, else a one-time setup link. */
async function ensureFirstAdmin(db: Db): Promise<void> {
  if (await hasUsers(db)) return;
  if (env.AF_ADMIN_EMAIL && env.AF_ADMIN_PASSWORD) {
    await createFirstAdmin(
      db,
      {
        email: env.AF_ADMIN_EMAIL,
        name: env.AF_ADMIN_NAME ?? env.AF_ADMIN_EMAIL,
        password: env.AF_ADMIN_PASSWORD,
        projectName: 'My first project',
      },
      null,
    );
    log(`created the first admin ${env.AF_ADMIN_EMAIL} (from AF_ADMIN_EMAIL); sign in with AF_ADMIN_PASSWORD`);
    return;
  }
  const token = await issueSetupToken(db);
  const base = env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  log('no users yet. Create the first admin with this one-time link (valid 24 h, until used, or until the next start):');
  console.log(`    ${base}/setup?token=${token}`);
}
