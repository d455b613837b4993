// The cleaning run as a job: progress while it pages through events, retried on failure (each attempt starts the
// run over), and the run marked cancelled or failed when it will not finish (its rows removed: none was ever live).
import { z } from 'zod';
import { defineJob, PermanentJobError } from '@/server/jobs/registry';
import { executeCleanRun, markCleanRunEnded } from './execute';
import { CLEAN_JOB_TYPE } from './runs';

export const cleanJob = defineJob({
  type: CLEAN_JOB_TYPE,
  description: "Cleans a project's events: junk filters, PII redaction, exact and near duplicates; writes a report.",
  // pageSize: smaller pages for tests and benchmarks (a cancel that lands mid-run); prepareThreadFrom: the size from
  // which pages are prepared in a thread (tests set 0 to run that path on a small project). The defaults suit production.
  input: z.object({
    runId: z.string().min(1),
    pageSize: z.number().int().min(10).max(10_000).optional(),
    prepareThreadFrom: z.number().int().min(0).optional(),
  }),
  result: z.object({
    runId: z.string(),
    processed: z.number().int(),
    kept: z.number().int(),
    filtered: z.number().int(),
    redacted: z.number().int(),
  }),
  run: async ({ db, job, input, attempt, signal, progress }) => {
    try {
      const run = await executeCleanRun(db, job.projectId, input.runId, {
        progress,
        signal,
        pageSize: input.pageSize,
        prepareThreadFrom: input.prepareThreadFrom,
      });
      return { runId: run.id, processed: run.processed, kept: run.kept, filtered: run.filtered, redacted: run.redacted };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // The worker aborts with 'cancelled' when a user cancels; on a lost lease another worker owns the run now.
      if (signal.aborted) {
        if (signal.reason === 'cancelled') await markCleanRunEnded(db, input.runId, 'cancelled', 'Cancelled');
      } else if (err instanceof PermanentJobError) throw err;
      else await markCleanRunEnded(db, input.runId, attempt >= job.maxAttempts ? 'failed' : 'queued', message);
      throw err;
    }
  },
});
