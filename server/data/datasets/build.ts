// Building a dataset version: select its events, place each in train or validation (seeded), copy the text it will
// train on (cleaned when cleaning kept the event, raw otherwise) inside the database, then freeze counts and stats.
import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasetExamples, datasets, events, liveVerdicts, type Dataset } from '@/db/schema';
import { whereDataset } from './filter';
import { assignSplits, membershipHash, type Placed } from './split';
import { computeStats } from './stats';
import { writeExports, type ExportMode } from './export';
import { DomainError } from '@/server/domain-error';

/** Examples copied per statement: 3 parameters each, far below the bind limit, and a progress tick per chunk. */
const COPY_CHUNK = 2_000;

export type BuildOptions = {
  /** `store` writes the JSONL exports to the artefact store; `hash` only fingerprints them (the demo seed). */
  exports: ExportMode;
  jobId?: string | null;
  progress?: (fraction: number, message: string) => Promise<void>;
};

export async function buildDataset(db: Db, projectId: string, datasetId: string, o: BuildOptions): Promise<Dataset> {
  const progress = o.progress ?? (async () => {});
  const ds = await datasetRow(db, projectId, datasetId);
  if (!ds) throw new DomainError('not_found', `No dataset ${datasetId} in this project.`);
  if (ds.status === 'ready') return ds;
  if (ds.status === 'failed') throw new DomainError('precondition_failed', `${datasetId} failed to build; build a new version instead.`);
  // A retried attempt starts over: whatever an earlier attempt copied is removed first.
  await db.delete(datasetExamples).where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId)));

  const members = await db.select({ id: events.id }).from(events).where(whereDataset(projectId, ds.filter)).orderBy(events.id);
  if (!members.length) throw new DomainError('precondition_failed', 'No events match this dataset’s recipe any more.');
  const placed = assignSplits(
    members.map((m) => m.id),
    ds.seed,
    ds.validationFraction,
  );
  await progress(0.05, `Selected ${placed.length.toLocaleString('en-US')} events`);

  for (let i = 0; i < placed.length; i += COPY_CHUNK) {
    await copyExamples(db, projectId, datasetId, placed.slice(i, i + COPY_CHUNK));
    const done = Math.min(placed.length, i + COPY_CHUNK);
    await progress(
      0.05 + 0.75 * (done / placed.length),
      `Copied ${done.toLocaleString('en-US')} of ${placed.length.toLocaleString('en-US')} examples`,
    );
  }

  const splits = await db
    .select({ split: datasetExamples.split, n: count() })
    .from(datasetExamples)
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId)))
    .groupBy(datasetExamples.split);
  const trainCount = splits.find((s) => s.split === 'train')?.n ?? 0;
  const validationCount = splits.find((s) => s.split === 'validation')?.n ?? 0;
  await progress(0.82, 'Computing statistics');
  const stats = await computeStats(db, projectId, datasetId);
  await progress(0.88, 'Writing JSONL exports');
  const exported = await writeExports(db, { projectId, datasetId, jobId: o.jobId ?? null, mode: o.exports });

  const [ready] = await db
    .update(datasets)
    .set({
      status: 'ready',
      exampleCount: trainCount + validationCount,
      trainCount,
      validationCount,
      membershipHash: membershipHash(placed),
      cleanRunIds: await cleanRunsOf(db, projectId, datasetId),
      stats,
      trainExportSha256: exported.train,
      validationExportSha256: exported.validation,
      builtAt: new Date(),
      jobId: o.jobId ?? ds.jobId,
    })
    .where(and(eq(datasets.projectId, projectId), eq(datasets.id, datasetId), eq(datasets.status, 'building')))
    .returning();
  if (!ready) throw new DomainError('conflict', `${datasetId} changed state while it was being built.`);
  return ready;
}

export async function markFailed(db: Db, projectId: string, datasetId: string, error: string) {
  await db
    .update(datasets)
    .set({ status: 'failed', error })
    .where(and(eq(datasets.projectId, projectId), eq(datasets.id, datasetId), eq(datasets.status, 'building')));
}

const datasetRow = async (db: Db, projectId: string, id: string) =>
  (
    await db
      .select()
      .from(datasets)
      .where(and(eq(datasets.projectId, projectId), eq(datasets.id, id)))
  )[0];

/** Copies text server-side (INSERT … SELECT), so a big dataset's text never travels through this process. */
async function copyExamples(db: Db, projectId: string, datasetId: string, chunk: Placed[]) {
  const values = sql.join(
    chunk.map((p) => sql`(${p.eventId}, ${p.split}, ${p.position}::int)`),
    sql`, `,
  );
  const kept = sql`lv.status = 'kept'`;
  await db.execute(sql`
    insert into dataset_examples (project_id, dataset_id, event_id, split, position, prompt, response, cleaned)
    select e.project_id, ${datasetId}, e.id, v.split::dataset_split, v.position,
      case when ${kept} then coalesce(lv.clean_prompt, e.prompt) else e.prompt end,
      case when ${kept} then coalesce(lv.clean_response, e.response) else e.response end,
      coalesce(${kept}, false)
    from (values ${values}) as v(event_id, split, position)
    join events e on e.id = v.event_id and e.project_id = ${projectId}
    left join live_verdicts lv on lv.event_id = e.id`);
}

async function cleanRunsOf(db: Db, projectId: string, datasetId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ run: liveVerdicts.runId })
    .from(datasetExamples)
    .innerJoin(liveVerdicts, eq(liveVerdicts.eventId, datasetExamples.eventId))
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId), eq(datasetExamples.cleaned, true)));
  return rows.map((r) => r.run!).sort();
}
