// The timings every worker process shares (the in-process one, `npm run worker`, `npm run worker:remote`): one set of
// defaults, read from the same variable names by each; README.md and docs/worker-protocol.md list these values
// (server/worker-route/job-types-doc.test.ts checks both).
export const WORKER_TIMING_DEFAULTS = {
  /** Pause between claims while the worker's queues are empty. */
  WORKER_POLL_MS: 500,
  /** Heartbeat period of a running job, capped at a third of its lease. */
  WORKER_HEARTBEAT_MS: 2_000,
} as const;

/** The README / protocol-doc table row of one timing variable, so both documents say the same. */
export const workerTimingRow = (name: keyof typeof WORKER_TIMING_DEFAULTS) =>
  `| \`${name}\` | \`${WORKER_TIMING_DEFAULTS[name]}\` | ${
    name === 'WORKER_POLL_MS'
      ? 'every worker process (in-process, `npm run worker`, `npm run worker:remote`): pause between claims while its queues are empty'
      : 'every worker process (in-process, `npm run worker`, `npm run worker:remote`): heartbeat period of a running job, capped at a third of its lease'
  } |`;
