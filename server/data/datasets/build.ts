// Building a dataset version: select its events, place each in train or validation (seeded), copy the text it will
// train on (cleaned when cleaning kept the event, raw otherwise), then freeze counts and stats: all of it in SQL,
// so the worker's memory does not grow with the size of the dataset.
import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { datasetExamples, datasets, events, liveVerdicts, type Dataset } from '@/db/schema';
import { alias } from 'drizzle-orm/pg-core';
import { whereDataset } from './filter';
import { computeStats } from './stats';
import { rowsOf } from '../sql-rows';
import { noteBulkWrite } from '../stats-refresh';
import { writeExports, type ExportMode } from './export';
import { DomainError } from '@/server/domain-error';

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

  await progress(0.05, 'Selecting events, placing them in train or validation and copying their text');
  await copyMembers(db, projectId, ds);
  const splits = await db
    .select({ split: datasetExamples.split, n: count() })
    .from(datasetExamples)
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId)))
    .groupBy(datasetExamples.split);
  const trainCount = splits.find((s) => s.split === 'train')?.n ?? 0;
  const validationCount = splits.find((s) => s.split === 'validation')?.n ?? 0;
  if (!trainCount && !validationCount) throw new DomainError('precondition_failed', 'No events match this dataset’s recipe any more.');
  noteBulkWrite(db, 'dataset_examples', trainCount + validationCount);
  await progress(0.8, `Copied ${(trainCount + validationCount).toLocaleString('en-US')} examples; computing statistics`);
  const stats = await computeStats(db, projectId, datasetId);
  const membership = await membershipHashOf(db, projectId, datasetId);
  await progress(0.88, 'Writing JSONL exports');
  const exported = await writeExports(db, { projectId, datasetId, jobId: o.jobId ?? null, mode: o.exports });

  const [ready] = await db
    .update(datasets)
    .set({
      status: 'ready',
      exampleCount: trainCount + validationCount,
      trainCount,
      validationCount,
      membershipHash: membership,
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

/** The member rows re-read for their text, under their own name so the recipe's `events` stays the selection. */
const e = alias(events, 'e');

/**
 * The text an example trains on, and whether it is the cleaned text: cleaned when cleaning kept the event, raw
 * otherwise. The one place the build reads a verdict (`lv`, the member's live verdict, joined in copyMembers); a
 * verdict stores clean text only where it differs from the raw text.
 */
const trainingText = () => {
  const kept = sql`lv.status = 'kept'`;
  return {
    prompt: sql`case when ${kept} then coalesce(lv.clean_prompt, ${e.prompt}) else ${e.prompt} end`,
    response: sql`case when ${kept} then coalesce(lv.clean_response, ${e.response}) else ${e.response} end`,
    cleaned: sql`coalesce(${kept}, false)`,
  };
};

/**
 * Selects, places and copies every member in one INSERT … SELECT, so neither the member ids nor their text travel
 * through this process (holding them cost the worker +635 MB of RSS at 671k examples, +49 MB now: bench/dataset-build.ts),
 * and the selection is one consistent snapshot. The order and split are `assignSplits` (./split.ts) computed in SQL: members sorted by
 * sha256("<seed>:<event id>") then id, both compared bytewise as JavaScript compares the hex keys and ids, the first
 * `validationSize(n, fraction)` of them validation. datasets.test.ts holds the two equal, on ids that sort differently
 * under a language collation and on a validation share of exactly half a row.
 */
async function copyMembers(db: Db, projectId: string, ds: Dataset) {
  const text = trainingText();
  const n = sql`count(*) over ()`;
  // validationSize(): Math.round(n * fraction) for a positive product, written so that halves round up as in JS.
  const x = sql`(${n})::float8 * ${ds.validationFraction}::float8`;
  const validation = sql`(case when ${n} < 2 or ${ds.validationFraction}::float8 <= 0 then 0
    else least(${n} - 1, greatest(1, floor(${x}) + case when ${x} - floor(${x}) >= 0.5 then 1 else 0 end)) end)::bigint`;
  await db.execute(sql`
    insert into dataset_examples (project_id, dataset_id, event_id, split, position, prompt, response, cleaned)
    select ${e.projectId}, ${ds.id}, m.id,
      (case when m.rank < m.k then 'validation' else 'train' end)::dataset_split,
      case when m.rank < m.k then m.rank else m.rank - m.k end,
      ${text.prompt}, ${text.response}, ${text.cleaned}
    from (
      select ${events.id} as id, ${validation} as k,
        row_number() over (order by sha256(convert_to(${`${ds.seed}:`} || ${events.id}, 'UTF8')), ${events.id} collate "C") - 1 as rank
      from ${events}
      where ${whereDataset(projectId, ds.filter)}
    ) m
    join events as e on ${e.id} = m.id and ${e.projectId} = ${projectId}
    left join ${liveVerdicts} as lv on lv.event_id = m.id`);
}

/** `membershipHash` (./split.ts) in SQL: SHA-256 over the `event_id:split` lines sorted bytewise by event id. */
async function membershipHashOf(db: Db, projectId: string, datasetId: string): Promise<string> {
  const [row] = rowsOf<{ hash: string }>(
    await db.execute(sql`
      select encode(sha256(convert_to(
        string_agg(${datasetExamples.eventId} || ':' || ${datasetExamples.split}::text || chr(10), '' order by ${datasetExamples.eventId} collate "C"),
        'UTF8')), 'hex') as hash
      from ${datasetExamples}
      where ${datasetExamples.projectId} = ${projectId} and ${datasetExamples.datasetId} = ${datasetId}`),
  );
  return row!.hash;
}

async function cleanRunsOf(db: Db, projectId: string, datasetId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ run: liveVerdicts.runId })
    .from(datasetExamples)
    .innerJoin(liveVerdicts, eq(liveVerdicts.eventId, datasetExamples.eventId))
    .where(and(eq(datasetExamples.projectId, projectId), eq(datasetExamples.datasetId, datasetId), eq(datasetExamples.cleaned, true)));
  return rows.map((r) => r.run!).sort();
}
