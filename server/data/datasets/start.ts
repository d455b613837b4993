// Creating a version from the UI or API: claim the version, then hand the build to a job (big datasets take a while).
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasets } from '@/db/schema';
import { enqueue } from '@/server/jobs/queue';
import { createDatasetVersion, type NewDataset } from './create';
import { buildDatasetJob } from './job';

export async function startDatasetBuild(db: Db, o: NewDataset) {
  const dataset = await createDatasetVersion(db, o);
  const job = await enqueue(db, {
    projectId: o.projectId,
    type: buildDatasetJob.type,
    input: { datasetId: dataset.id },
    createdBy: o.createdBy,
  });
  await db
    .update(datasets)
    .set({ jobId: job.id })
    .where(and(eq(datasets.projectId, o.projectId), eq(datasets.id, dataset.id)));
  return { dataset: { ...dataset, jobId: job.id }, job };
}
