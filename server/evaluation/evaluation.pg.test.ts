// The Evaluation factory on real Postgres: an import, a run of an external endpoint, its report queries (tag filter,
// comparison, calibration's lateral join on the judge key, export), a re-score and the gate, so every hand-written
// SQL statement runs on both databases; and a run started while an edit of the same taskset version is in flight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-eval-pg-'));
process.env.AF_DATA_DIR = dataDir;

const { postgresAdminUrl, postgresReachable, scratchPostgres } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { createCaller } = await import('@/server/routers/_app');
const { saveModelEndpoint } = await import('@/server/llm/model-endpoints');
const { startFakeAgent, runEvaluationJob } = await import('./testing');
const { importTaskset } = await import('./taskset-build');
const { judgeCalibration } = await import('./calibration');
const { exportRun } = await import('./export');
const { evaluationRuns } = await import('@/db/schema');
const { eq } = await import('drizzle-orm');
const { parse } = await import('csv-parse/sync');

const reachable = await postgresReachable();
if (!reachable) {
  const where = new URL(postgresAdminUrl());
  where.password = '';
  console.warn(`Skipping evaluation tests on Postgres: none reachable at ${where} (set TEST_POSTGRES_URL to point at one).`);
}

describe.skipIf(!reachable)('evaluation on Postgres', () => {
  let pg: Awaited<ReturnType<typeof scratchPostgres>>;
  let agent: Awaited<ReturnType<typeof startFakeAgent>>;
  const as = (id: string) => createCaller({ db: pg.db, user: { id, email: `${id}@t`, name: id } }).evaluation;
  let tasksetId = '';
  let endpointId = '';

  beforeAll(async () => {
    pg = await scratchPostgres({ seed: true });
    agent = await startFakeAgent({ wrong: new Set(['2+2']), mode: 'careful', useTools: true });
    endpointId = (await saveModelEndpoint(pg.db, P, { name: 'agent', baseUrl: agent.baseUrl, model: 'a', apiKey: 'k' }, null)).id;
    const text = [
      { input: 'What is 1+1?', ideal: '2', metadata: { category: 'easy-sums' } },
      { input: 'What is 2+2?', ideal: '4', metadata: { category: 'easy-sums' } },
      { input: 'What is 3*3?', ideal: '9' },
      'not json',
    ]
      .map((r) => (typeof r === 'string' ? r : JSON.stringify(r)))
      .join('\n');
    const imported = await importTaskset(pg.db, {
      projectId: P,
      name: 'pg',
      tools: ['calculator'],
      text,
      fileName: 'pg.jsonl',
      createdBy: null,
    });
    expect(imported).toMatchObject({ format: 'openai-evals', imported: 3, rejected: [{ line: 4 }] });
    tasksetId = imported.tasksetId;
  });
  afterAll(async () => {
    await agent?.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs, reports, compares, calibrates, exports and re-scores', async () => {
    const start = () => as('user_engineer').runs.start({ projectId: P, tasksetId, subject: `endpoint:${endpointId}`, adversarialCount: 4 });
    const a = await start();
    expect((await runEvaluationJob(pg.db, a.jobId)).status).toBe('succeeded');
    const run = (await as('user_viewer').runs.get({ projectId: P, runId: a.runId })).run;
    expect(run).toMatchObject({ passed: 2, completed: 3, verdict: 'fail' });
    const tagged = await as('user_viewer').runs.cases({ projectId: P, runId: a.runId, tag: 'easy-sums' });
    expect(tagged.rows.map((r) => r.prompt)).toEqual(['What is 1+1?', 'What is 2+2?']);
    const unsafe = await as('user_viewer').runs.cases({ projectId: P, runId: a.runId, outcome: 'unsafe' });
    expect(unsafe.total).toBe(0);

    for (const c of (await as('user_viewer').runs.cases({ projectId: P, runId: a.runId, kind: 'task' })).rows)
      await as('user_engineer').ratings.rate({ projectId: P, caseRowId: c.id, value: c.passed ? 1 : 0 });
    const calibration = await judgeCalibration(pg.db, P, { kind: 'reference', key: 'reference' });
    expect(calibration).toMatchObject({ n: 3, calibrated: false, sources: { runRatings: 3 } });

    const re = await as('user_engineer').runs.rescore({ projectId: P, runId: a.runId });
    await runEvaluationJob(pg.db, re.jobId);
    const cmp = await as('user_viewer').reports.compare({ projectId: P, a: a.runId, b: re.runId });
    expect(cmp.counts).toMatchObject({ unchanged: 3, fixed: 0, broken: 0 });

    const [row] = await pg.db.select().from(evaluationRuns).where(eq(evaluationRuns.id, a.runId));
    let csv = '';
    for await (const chunk of exportRun(pg.db, row!, 'csv')) csv += new TextDecoder().decode(chunk);
    // Cells with line breaks (the adversarial prompts have some) are quoted: a CSV reader sees one row per case.
    const rows = parse(csv) as string[][];
    expect(rows).toHaveLength(1 + 3 + 4);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['task', 'task', 'task', 'adversarial', 'adversarial', 'adversarial', 'adversarial']);
    expect((await as('user_viewer').reports.trend({ projectId: P, line: `subject:endpoint:${endpointId}` })).points).toHaveLength(2);
  });

  it('orders a run start against an edit of the same taskset version', async () => {
    for (let round = 0; round < 3; round++) {
      const fresh = await as('user_engineer').tasksets.fromPaste({
        projectId: P,
        name: `race_${round}`,
        tools: [],
        text: 'What is 1+1? => 2\nWhat is 2+3? => 5',
      });
      const id = fresh.taskset.id;
      const [started, edited] = await Promise.all([
        as('user_engineer').runs.start({ projectId: P, tasksetId: id, subject: `endpoint:${endpointId}`, adversarialCount: 0 }),
        as('user_engineer').cases.paste({ projectId: P, tasksetId: id, text: 'What is 5+5? => 10' }),
      ]);
      // Either the edit landed first (the run counts its case) or it went to a new version: never under the run.
      const [run] = await pg.db.select().from(evaluationRuns).where(eq(evaluationRuns.id, started.runId));
      const cases = await as('user_viewer').cases.list({ projectId: P, tasksetId: id });
      expect(cases.total).toBe(run!.caseCount);
      expect(edited.forkedFrom === null ? run!.caseCount === 3 : run!.caseCount === 2 && edited.tasksetId !== id).toBe(true);
    }
  });
});
