// `npm run worker`: a worker process against the configured database (Postgres; PGlite is single-process, see README).
// Queues come from WORKER_QUEUES (comma-separated, default "default").
import { getDbHandle } from '@/db';
import { env } from '@/server/env';
import { jobDefinitions } from '@/server/jobs/handlers';
import { startWorker } from '@/server/jobs/worker';
import { configuredAdapters } from '@/server/training/remote/adapters';
import { TRAINING_REMOTE_JOB } from '@/server/training/remote/input';

async function main() {
  const handle = await getDbHandle();
  const queues = (process.env.WORKER_QUEUES ?? 'default').split(',').map((q) => q.trim()).filter(Boolean);
  const worker = await startWorker(handle.db, {
    name: process.env.WORKER_NAME,
    queues,
    // Like a remote worker, it takes hosted-base training only with a trainer adapter configured here (FINETUNE_API_URL).
    definitions: jobDefinitions.filter((d) => d.type !== TRAINING_REMOTE_JOB || configuredAdapters().size > 0),
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
