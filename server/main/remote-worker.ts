// `npm run worker:remote`: a worker on another machine (a GPU box) that reaches the factory over HTTP only, with a
// worker token; it never opens the database. Config: AF_URL, AF_WORKER_TOKEN, WORKER_QUEUES (default gpu), WORKER_NAME,
// WORKER_JOB_TYPES (default: every type that runs without the database and can be served here), WORKER_POLL_MS,
// WORKER_HEARTBEAT_MS, WORKER_ALLOCATION (or `--allocation <id>`: claim only the job bound to that allocation),
// WORKER_EXIT_ON_SIGTERM (set by a cluster job's script: the scheduler is taking the node back, so quit at once).
// Trainer adapters are configured here too, never on the factory: FINETUNE_API_URL, FINETUNE_API_KEY, FINETUNE_POLL_MS,
// FINETUNE_MODEL_MAP, FINETUNE_EVAL_CASES (server/training/remote/openai-fine-tuning.ts). Without any, this worker
// does not announce `training.remote`, so hosted-base runs wait (with a visible reason) for a worker that can.
import os from 'node:os';
import { z } from 'zod';
import { localResources } from '@/server/compute/local-resources';
import { WORKER_TIMING_DEFAULTS } from '@/common/worker-timing';
import { findJobDefinition, remoteJobDefinitions } from './jobs';
import { runsAnywhere } from '@/server/jobs/registry';
import { WorkerClient } from '@/server/remote-worker/client';
import { startRemoteWorker } from '@/server/remote-worker/runner';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

const tokenHint = 'set AF_WORKER_TOKEN to a worker token (af_wrk_…) created in the project settings';

// Not server/env.ts: that one describes the server (database, data dir); this process knows only a URL and a token.
const config = z.object({
  AF_URL: z.url({ error: 'set AF_URL to the factory base URL, e.g. http://localhost:3000' }),
  AF_WORKER_TOKEN: z.string({ error: tokenHint }).startsWith('af_wrk_', { error: tokenHint }),
  WORKER_QUEUES: list('gpu'),
  WORKER_NAME: z.string().min(1).default(`${os.hostname()}:${process.pid}`),
  WORKER_JOB_TYPES: list(
    remoteJobDefinitions()
      .map((d) => d.type)
      .join(','),
  ),
  // The same names and defaults as every other worker process (common/worker-timing.ts).
  WORKER_POLL_MS: z.coerce.number().int().min(10).default(WORKER_TIMING_DEFAULTS.WORKER_POLL_MS),
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(10).default(WORKER_TIMING_DEFAULTS.WORKER_HEARTBEAT_MS),
  /** Set (or `--allocation <id>`) on a node a scheduler started for one allocation: claim only the job bound to it. */
  WORKER_ALLOCATION: z.string().startsWith('alloc_', { error: 'WORKER_ALLOCATION must be an allocation id (alloc_…)' }).optional(),
  WORKER_EXIT_ON_SIGTERM: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

/** `--allocation <id>` (or `--allocation=<id>`) on the command line wins over WORKER_ALLOCATION. */
function allocationArg(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--allocation' || a.startsWith('--allocation='));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice('--allocation='.length) : argv[i + 1];
}

function loadConfig() {
  const fromArg = allocationArg(process.argv.slice(2));
  const parsed = config.safeParse(fromArg ? { ...process.env, WORKER_ALLOCATION: fromArg } : process.env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  console.error(`Invalid environment for the remote worker:\n${lines.join('\n')}`);
  process.exit(2);
}

async function main() {
  const c = loadConfig();
  const unknown = c.WORKER_JOB_TYPES.filter((t) => !findJobDefinition(t));
  if (unknown.length) throw new Error(`WORKER_JOB_TYPES names types this worker has no handler for: ${unknown.join(', ')}`);
  for (const type of c.WORKER_JOB_TYPES) {
    if (!runsAnywhere(findJobDefinition(type)!))
      throw new Error(`WORKER_JOB_TYPES names ${type}, which needs the database: only a local worker (npm run worker) runs it.`);
    const why = findJobDefinition(type)!.unavailableHere?.();
    if (why) throw new Error(`WORKER_JOB_TYPES names ${type}, but ${why}`);
  }
  const worker = await startRemoteWorker(new WorkerClient({ url: c.AF_URL, token: c.AF_WORKER_TOKEN }), {
    name: c.WORKER_NAME,
    queues: c.WORKER_QUEUES,
    jobTypes: c.WORKER_JOB_TYPES,
    find: findJobDefinition,
    resources: await localResources(),
    pollMs: c.WORKER_POLL_MS,
    heartbeatMs: c.WORKER_HEARTBEAT_MS,
    allocationId: c.WORKER_ALLOCATION,
  });
  console.log(
    `remote worker ${worker.workerId()} ready, polling ${c.AF_URL}${c.WORKER_ALLOCATION ? ` for the job of ${c.WORKER_ALLOCATION}` : ''}`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    // A second signal means "now": the server hands the unfinished job to another worker once its lease lapses. On a
    // cluster node the first SIGTERM already does (Slurm kills the job after its KillWait anyway).
    if (stopping || (signal === 'SIGTERM' && c.WORKER_EXIT_ON_SIGTERM)) {
      console.log(`remote worker: ${signal}, quitting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`remote worker: ${signal}, finishing the current job (signal again to quit now)`);
    await worker.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await worker.done;
}

main().catch((err) => {
  console.error(`remote worker: ${(err as Error).message}`);
  process.exit(1);
});
