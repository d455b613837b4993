// Reading dataset versions: for training (`loadDatasetExamples`), and for the Datasets pages (list, one version, its rows).
import 'server-only';
import { and, asc, count, desc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasetExamples, datasets, jobs, type Dataset, type DatasetSplit } from '@/db/schema';
import { mapPage, paged } from '@/db/paging';
import { DomainError } from '@/server/domain-error';

export type Example = { prompt: string; response: string };

/**
 * The examples of a built version, split and in its seeded order: what the trainer trains and validates on.
 * The text is the snapshot taken at build time (cleaned where cleaning kept the event), so it never drifts.
 */
export async function loadDatasetExamples(
  db: Db,
  projectId: string,
  datasetId: string,
): Promise<{ train: Example[]; validation: Example[] }> {
  const [ds] = await db
    .select({ status: datasets.status })
    .from(datasets)
    .where(and(eq(datasets.projectId, projectId), eq(datasets.id, datasetId)));
  if (!ds) throw new DomainError('not_found', `No dataset ${datasetId} in this project.`);
  if (ds.status !== 'ready')
    throw new DomainError('precondition_failed', `Dataset ${datasetId} is ${ds.status}, not ready: it cannot be trained on.`);
  const rows = await db
    .select({ split: datasetExamples.split, prompt: datasetExamples.prompt, response: datasetExamples.response })
    .from(datasetExamples)
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId)))
    .orderBy(asc(datasetExamples.split), asc(datasetExamples.position));
  const out = { train: [] as Example[], validation: [] as Example[] };
  for (const r of rows) out[r.split].push({ prompt: r.prompt, response: r.response });
  return out;
}

const withJob = {
  dataset: datasets,
  job: { id: jobs.id, status: jobs.status, progress: jobs.progress, message: jobs.message, error: jobs.error },
};

/** A build whose job died for good (e.g. its worker was killed on the last attempt) shows as failed, not building forever. */
function effective<T extends { dataset: Dataset; job: { status: string | null; error: string | null } | null }>(row: T) {
  const jobGaveUp = row.dataset.status === 'building' && (row.job?.status === 'failed' || row.job?.status === 'cancelled');
  return jobGaveUp
    ? {
        ...row,
        dataset: { ...row.dataset, status: 'failed' as const, error: row.dataset.error ?? row.job?.error ?? `Build ${row.job?.status}` },
      }
    : row;
}

export async function listDatasets(db: Db, projectId: string, o: { page: number; pageSize: number }) {
  const where = eq(datasets.projectId, projectId);
  const listed = await paged(
    o,
    (limit, offset) =>
      db
        .select(withJob)
        .from(datasets)
        .leftJoin(jobs, eq(jobs.id, datasets.jobId))
        .where(where)
        .orderBy(desc(datasets.createdAt), desc(datasets.version))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(datasets).where(where),
  );
  return mapPage(listed, effective);
}

export async function getDataset(db: Db, projectId: string, datasetId: string) {
  const [row] = await db
    .select(withJob)
    .from(datasets)
    .leftJoin(jobs, eq(jobs.id, datasets.jobId))
    .where(and(eq(datasets.projectId, projectId), eq(datasets.id, datasetId)));
  return row ? effective(row) : null;
}

export async function listExamples(
  db: Db,
  projectId: string,
  datasetId: string,
  o: { split: DatasetSplit; page: number; pageSize: number },
) {
  // Positions are dense (0..n-1 per split), so a page is an index range, however deep.
  const from = (o.page - 1) * o.pageSize;
  return db
    .select({
      eventId: datasetExamples.eventId,
      position: datasetExamples.position,
      prompt: datasetExamples.prompt,
      response: datasetExamples.response,
      cleaned: datasetExamples.cleaned,
    })
    .from(datasetExamples)
    .where(
      and(
        eq(datasetExamples.projectId, projectId),
        eq(datasetExamples.datasetId, datasetId),
        eq(datasetExamples.split, o.split),
        gte(datasetExamples.position, from),
        lt(datasetExamples.position, from + o.pageSize),
      ),
    )
    .orderBy(asc(datasetExamples.position));
}
