// Diagnostic job: proves a worker (local or remote) is alive and reporting, and exercises retries and cancellation.
import { z } from 'zod';
import { sleep } from '@/server/abortable-sleep';
import { defineJob } from '@/server/jobs/registry';

export const diagnosticInput = z.object({
  steps: z.number().int().min(1).max(1000).default(10),
  stepMs: z.number().int().min(0).max(60_000).default(500),
  /** Fail this many first attempts on purpose, to see retries work. */
  failAttempts: z.number().int().min(0).max(10).default(0),
});

export const diagnosticJob = defineJob({
  type: 'system.diagnostic',
  description: 'Counts through a number of steps, reporting progress and a metric at each one.',
  input: diagnosticInput,
  runsOn: 'anywhere',
  result: z.object({ steps: z.number().int(), workerId: z.string(), attempt: z.number().int() }),
  run: async ({ input, attempt, workerId, signal, progress, metrics }) => {
    if (attempt <= input.failAttempts) throw new Error(`Planned failure on attempt ${attempt}`);
    for (let step = 1; step <= input.steps; step++) {
      await sleep(input.stepMs, signal);
      await metrics([{ name: 'step_time_ms', step, value: input.stepMs }]);
      await progress(step / input.steps, `Step ${step} of ${input.steps}`);
    }
    return { steps: input.steps, workerId, attempt };
  },
});
