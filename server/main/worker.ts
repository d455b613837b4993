// `npm run worker`: a worker process against the configured database (Postgres; PGlite is single-process, see README).
// Queues come from WORKER_QUEUES (comma-separated, default "default").
import 'server-only';
import { getDbHandle } from '@/server/db';
import { env } from '@/server/env';
import { startLocalWorker } from './local-worker';

async function main() {
  const handle = await getDbHandle();
  const queues = (process.env.WORKER_QUEUES ?? 'default')
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean);
  const worker = await startLocalWorker(handle.db, {
    name: process.env.WORKER_NAME,
    queues,
    pollMs: env.WORKER_POLL_MS,
    heartbeatMs: env.WORKER_HEARTBEAT_MS,
  });
  console.log(`worker ${worker.id} ready (${handle.kind})`);
  const shutdown = async (signal: string) => {
    console.log(`worker ${worker.id}: ${signal}, finishing the current job`);
    await worker.stop();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
