// The dataset build as a job: progress while it copies, retried on failure, and the version marked failed when it gives up.
import { z } from 'zod';
import { defineJob, PermanentJobError } from '@/server/jobs/registry';
import { buildDataset, markFailed } from './build';
import { DomainError } from '@/server/domain-error';

export const buildDatasetJob = defineJob({
  type: 'data.buildDataset',
  description: 'Builds a dataset version: selects its events, splits them, snapshots their text, computes stats and writes JSONL exports.',
  input: z.object({ datasetId: z.string().min(1) }),
  result: z.object({ datasetId: z.string(), examples: z.number().int(), train: z.number().int(), validation: z.number().int() }),
  run: async ({ db, job, input, attempt, signal, progress }) => {
    try {
      const ds = await buildDataset(db, job.projectId, input.datasetId, { exports: 'store', jobId: job.id, progress });
      return { datasetId: ds.id, examples: ds.exampleCount, train: ds.trainCount, validation: ds.validationCount };
    } catch (err) {
      const permanent = err instanceof DomainError && err.permanent;
      if (permanent || signal.aborted || attempt >= job.maxAttempts) {
        await markFailed(db, job.projectId, input.datasetId, signal.aborted ? 'Build cancelled' : (err as Error).message);
      }
      throw permanent ? new PermanentJobError((err as Error).message) : err;
    }
  },
});
