// Dataset versions on a real (embedded) database: built from a filter or ids, deterministic split, immutable versions,
// cleaned text preferred, built as a job with its exports stored, and the JSONL export valid line by line.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';

// Exports written by the job go to a scratch artefact store, not the developer's .data/.
vi.hoisted(() => {
  process.env.AF_DATA_DIR = `${process.env.TMPDIR ?? '/tmp'}/af-datasets-test-${process.pid}-${Date.now()}`;
});

import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { datasetExamples, datasets, events, liveVerdicts, type CleanStatus } from '@/db/schema';
import type { DbHandle } from '@/db';
import { openArtifact } from '@/server/artifacts/store';
import { claim } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { buildDatasetJob } from './job';
import { buildDataset } from './build';
import { assignSplits, membershipHash } from './split';
import { lengthHistogram, ratingHistogram } from './stats';
import { whereDataset } from './filter';
import { annotationAssignments, annotationItems, annotationQueues, eventRatings } from '@/db/schema';
import { createDatasetVersion } from './create';
import { DomainError } from '@/server/domain-error';
import { exportBytes, exportLines } from './export';
import { getDataset, loadDatasetExamples } from './read';
import { startDatasetBuild } from './start';
import { setVerdict } from '@/server/testing/verdicts';
import { verdictColumns } from '@/server/data/cleaning/verdicts';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(async () => {
  await h.close();
  await rm(process.env.AF_DATA_DIR!, { recursive: true, force: true });
});

const P = DEMO_PROJECT_ID;
const mathFilter = { agentId: 'math-agent', source: 'seed' as const };
const build = async (name: string, filter: object, seed = 42, validationFraction = 0.1) => {
  const ds = await createDatasetVersion(h.db, { projectId: P, name, filter, seed, validationFraction, createdBy: null });
  return buildDataset(h.db, P, ds.id, { exports: 'hash' });
};
const members = (id: string) =>
  h.db
    .select({ eventId: datasetExamples.eventId, split: datasetExamples.split, position: datasetExamples.position })
    .from(datasetExamples)
    .where(and(eq(datasetExamples.projectId, P), eq(datasetExamples.datasetId, id)))
    .orderBy(datasetExamples.split, datasetExamples.position);

async function text(chunks: AsyncIterable<Uint8Array>) {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

describe('datasets', () => {
  it('the demo seed built ds_math_v1 from the arithmetic events, with a 90/10 split and stats', async () => {
    const found = await getDataset(h.db, P, 'ds_math_v1');
    expect(found?.dataset).toMatchObject({
      status: 'ready',
      name: 'math',
      version: 1,
      type: 'sft',
      exampleCount: 3600,
      trainCount: 3240,
      validationCount: 360,
    });
    const stats = found!.dataset.stats!;
    expect(stats.promptLength.reduce((n, b) => n + b.count, 0)).toBe(3600);
    expect(stats.bySource).toEqual({ seed: 3600 });
    const { train, validation } = await loadDatasetExamples(h.db, P, 'ds_math_v1');
    expect([train.length, validation.length]).toEqual([3240, 360]);
    expect(train[0]!.response).toMatch(
      /^<call:calculator>-?[\d.]+[-+*/][\d.]+<\/call><result>-?[\d.]+<\/result><answer>-?[\d.]+<\/answer>$/,
    );
  });

  it('building the same recipe again gives v2 with the same rows in the same splits and order; v1 is untouched', async () => {
    const v2 = await build('math', mathFilter);
    expect(v2.id).toBe('ds_math_v2');
    const v1 = (await getDataset(h.db, P, 'ds_math_v1'))!.dataset;
    expect(v2.membershipHash).toBe(v1.membershipHash);
    expect(v2.trainExportSha256).toBe(v1.trainExportSha256);
    expect(await members('ds_math_v2')).toEqual(await members('ds_math_v1'));
    // Another seed shuffles differently.
    const other = await build('math-seed7', mathFilter, 7);
    expect(other.membershipHash).not.toBe(v1.membershipHash);
    expect(other.validationCount).toBe(360);
  });

  it('takes the cleaned text when cleaning kept an event, never filtered events, and freezes its snapshot', async () => {
    const [first, second] = await h.db
      .select()
      .from(events)
      .where(and(eq(events.projectId, P), eq(events.agentId, 'support-bot')))
      .limit(2);
    await setVerdict(h.db, P, first!.id, {
      status: 'kept',
      cleanPrompt: 'My account email is [EMAIL].',
      cleanResponse: 'Sent to [EMAIL].',
      runId: 'clean_run_1',
    });
    await setVerdict(h.db, P, second!.id, { status: 'filtered', filterReason: 'exact_duplicate', runId: 'clean_run_1' });
    const ds = await build('support', { agentId: 'support-bot' });
    const rows = await h.db
      .select()
      .from(datasetExamples)
      .where(and(eq(datasetExamples.datasetId, ds.id), eq(datasetExamples.projectId, P)));
    expect(rows.find((r) => r.eventId === second!.id)).toBeUndefined();
    expect(rows.find((r) => r.eventId === first!.id)).toMatchObject({
      prompt: 'My account email is [EMAIL].',
      response: 'Sent to [EMAIL].',
      cleaned: true,
    });
    expect(ds.cleanRunIds).toEqual(['clean_run_1']);
    expect(ds.stats?.cleaned).toBe(1);

    const cleanedOnly = await build('support-clean', { agentId: 'support-bot', cleanedOnly: true });
    expect(cleanedOnly.exampleCount).toBe(1);
    expect(cleanedOnly.validationCount).toBe(0);

    // Cleaning again later changes the event, not the version built before.
    await setVerdict(h.db, P, first!.id, { status: 'kept', cleanPrompt: 'changed later', runId: 'clean_run_1' });
    const again = await h.db
      .select()
      .from(datasetExamples)
      .where(and(eq(datasetExamples.datasetId, ds.id), eq(datasetExamples.eventId, first!.id)));
    expect(again[0]!.prompt).toBe('My account email is [EMAIL].');
  });

  it('builds from explicit event ids, and refuses unknown ids or an empty filter beside the right field', async () => {
    const picked = (await h.db.select({ id: events.id }).from(events).where(eq(events.agentId, 'math-agent')).limit(5)).map((r) => r.id);
    const ds = await build('picked', { eventIds: [...picked, picked[0]!] });
    expect([ds.exampleCount, ds.trainCount, ds.validationCount]).toEqual([5, 4, 1]);
    expect(ds.filter).toEqual({ eventIds: picked });

    const unknown = createDatasetVersion(h.db, {
      projectId: P,
      name: 'bad',
      filter: { eventIds: [picked[0]!, 'evt_nope'] },
      seed: 1,
      validationFraction: 0.1,
      createdBy: null,
    });
    await expect(unknown).rejects.toThrow(DomainError);
    await expect(unknown).rejects.toMatchObject({ code: 'bad_request', field: 'eventIds' });
    await expect(unknown).rejects.toMatchObject({ field: 'eventIds', message: expect.stringContaining('evt_nope') });
    const empty = createDatasetVersion(h.db, {
      projectId: P,
      name: 'bad',
      filter: { agentId: 'nobody' },
      seed: 1,
      validationFraction: 0.1,
      createdBy: null,
    });
    await expect(empty).rejects.toMatchObject({ field: 'filter' });
    expect(await getDataset(h.db, P, 'ds_bad_v1')).toBeNull();
  });

  it('builds as a job with progress, stores the exports by content hash, and they validate line by line', async () => {
    const { dataset, job } = await startDatasetBuild(h.db, {
      projectId: P,
      name: 'math-job',
      filter: { ...mathFilter, from: '2000-01-01' },
      seed: 42,
      validationFraction: 0.2,
      createdBy: 'user_engineer',
    });
    expect(dataset.status).toBe('building');
    const claimed = await claim(h.db, { workerId: 'w-test', queues: ['default'], types: [buildDatasetJob.type] });
    expect(claimed?.id).toBe(job.id);
    await runJobHere(h.db, claimed!, buildDatasetJob, 1000, () => {});
    const built = (await getDataset(h.db, P, dataset.id))!;
    expect(built.job).toMatchObject({ status: 'succeeded', progress: 1 });
    expect(built.dataset).toMatchObject({ status: 'ready', exampleCount: 3600, trainCount: 2880, validationCount: 720 });

    for (const split of ['train', 'validation'] as const) {
      const downloaded = await text(exportBytes(exportLines(h.db, P, dataset.id, split)));
      const stored = await openArtifact(split === 'train' ? built.dataset.trainExportSha256! : built.dataset.validationExportSha256!);
      expect(stored).not.toBeNull();
      expect(await text(stored!.stream)).toBe(downloaded);

      const lines = downloaded.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.length).toBe(split === 'train' ? 2880 : 720);
      const examples = (await loadDatasetExamples(h.db, P, dataset.id))[split];
      lines.forEach((line, i) => {
        const obj = JSON.parse(line) as { messages: { role: string; content: string }[] };
        expect(Object.keys(obj)).toEqual(['messages']);
        expect(obj.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
        expect(obj.messages.every((m) => typeof m.content === 'string' && m.content.length > 0)).toBe(true);
        expect(obj.messages[0]!.content).toBe(examples[i]!.prompt);
        expect(obj.messages[1]!.content).toBe(examples[i]!.response);
      });
    }
  });

  it('the build places, hashes and counts in SQL exactly as the reference functions do over the same events', async () => {
    // Ids that sort differently under a language collation than bytewise (as JavaScript compares them), and a
    // 10-member version whose validation share is exactly half a row (2.5: JavaScript rounds up, to 3).
    const odd = ['evt_B', 'evt_a', 'evt-c', 'EVT_d', 'evt_Ä', 'evt_a1', 'evt__', 'evt_10', 'evt_9', 'evt_Z'];
    await h.db.insert(events).values(
      odd.map((id, i) => ({
        id,
        projectId: P,
        agentId: 'odd-ids',
        source: 'api' as const,
        prompt: 'x'.repeat(1 + i * 7),
        response: 'y',
      })),
    );
    // Mean ratings on bar edges (0.6 / 0.2 is 2.9999999999999996 in floating point) and at the top (1.0).
    const rated = (await h.db.select({ id: events.id }).from(events).where(eq(events.projectId, P)).limit(6)).map((r) => r.id);
    const values = [0, 0.2, 0.6, 0.6, 0.99, 1];
    await h.db.insert(annotationQueues).values({ id: 'q_stats', projectId: P, name: 'stats' });
    await h.db
      .insert(annotationItems)
      .values(rated.map((eventId, i) => ({ id: `qi_stats_${i}`, projectId: P, queueId: 'q_stats', eventId, position: i })));
    await h.db.insert(annotationAssignments).values(
      rated.map((eventId, i) => ({
        id: `as_stats_${i}`,
        projectId: P,
        queueId: 'q_stats',
        itemId: `qi_stats_${i}`,
        eventId,
        userId: 'user_engineer',
        status: 'rated' as const,
        value: values[i]!,
      })),
    );
    const small = await build('odd', { agentId: 'odd-ids' }, 3, 0.25);
    expect([small.trainCount, small.validationCount]).toEqual([7, 3]);

    for (const ds of [small, await build('everything', {}, 11, 0.15)]) {
      const ids = (await h.db.select({ id: events.id }).from(events).where(whereDataset(P, ds.filter))).map((r) => r.id);
      const placed = assignSplits(ids, ds.seed, ds.validationFraction);
      const byOrder = (a: { split: string; position: number }, b: { split: string; position: number }) =>
        a.split.localeCompare(b.split) || a.position - b.position;
      expect(await members(ds.id)).toEqual(placed.sort(byOrder));
      expect(ds.membershipHash).toBe(membershipHash(placed));

      // The statistics as the build computed them before (every example's row read back and counted here).
      const rows = await h.db
        .select({
          prompt: datasetExamples.prompt,
          response: datasetExamples.response,
          cleaned: datasetExamples.cleaned,
          source: events.source,
          cleanStatus: sql<CleanStatus | null>`case when ${events.id} is null then null else ${verdictColumns.cleanStatus} end`,
          rating: eventRatings.meanRating,
        })
        .from(datasetExamples)
        .leftJoin(events, eq(events.id, datasetExamples.eventId))
        .leftJoin(liveVerdicts, eq(liveVerdicts.eventId, datasetExamples.eventId))
        .leftJoin(eventRatings, eq(eventRatings.eventId, datasetExamples.eventId))
        .where(and(eq(datasetExamples.projectId, P), eq(datasetExamples.datasetId, ds.id)));
      const tally = <K extends string>(keys: (K | null)[]) =>
        keys.reduce<Partial<Record<K, number>>>((m, k) => (k ? { ...m, [k]: (m[k] ?? 0) + 1 } : m), {});
      const ratings = rows.filter((r) => r.rating !== null).map((r) => Number(r.rating));
      expect(ds.stats).toEqual({
        promptLength: lengthHistogram(rows.map((r) => [...r.prompt].length)),
        responseLength: lengthHistogram(rows.map((r) => [...r.response].length)),
        rating: ratingHistogram(ratings),
        rated: ratings.length,
        cleaned: rows.filter((r) => r.cleaned).length,
        bySource: tally(rows.map((r) => r.source)),
        byCleanStatus: tally(rows.map((r) => r.cleanStatus)),
      });
      if (ds.id !== small.id) expect(ds.stats!.rated).toBe(6);
    }
  });

  it('a version is never rebuilt: building a ready one changes nothing, a failed one refuses', async () => {
    const before = await members('ds_math_v1');
    const again = await buildDataset(h.db, P, 'ds_math_v1', { exports: 'hash' });
    expect(again.status).toBe('ready');
    expect(await members('ds_math_v1')).toEqual(before);
    await h.db.update(datasets).set({ status: 'failed' }).where(eq(datasets.id, 'ds_picked_v1'));
    await expect(buildDataset(h.db, P, 'ds_picked_v1', { exports: 'hash' })).rejects.toThrow(/build a new version/);
    await expect(loadDatasetExamples(h.db, P, 'ds_picked_v1')).rejects.toThrow(/failed, not ready/);
  });
});
