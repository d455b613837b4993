// The LLM judge against this project's humans, end to end: a configured judge scores every case with the taskset's
// prompt; people rate the run's outputs on the spot; a judge that disagrees with them stays advisory (its score is
// not counted: a judge minimum cannot pass, the quality score leaves it out), one that agrees counts after a re-score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-calib-'));
process.env.AF_DATA_DIR = dataDir;

const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { createCaller } = await import('@/server/routers/_app');
const { startFakeAgent, startFakeJudge, runEvaluationJob } = await import('./testing');
const { judgeCalibration } = await import('./calibration');
const { annotationAssignments, judgeRatings } = await import('@/db/schema');
const { newId } = await import('@/db/ids');
const { and, eq } = await import('drizzle-orm');

type Handle = Awaited<ReturnType<typeof memoryDb>>;
let h: Handle;
const judgeMode = { current: 'lenient' as 'honest' | 'lenient' };
let agent: Awaited<ReturnType<typeof startFakeAgent>>;
let judge: Awaited<ReturnType<typeof startFakeJudge>>;
const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } });
let tasksetId = '';
let endpointId = '';

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  const recipe = { operations: [{ op: '+' as const, min: 10, max: 99 }], count: 36, seed: 5 };
  const made = await as('user_engineer').evaluation.tasksets.fromGenerator({ projectId: P, name: 'calib', recipe });
  tasksetId = made.taskset.id;
  const cases = await as('user_viewer').evaluation.cases.list({ projectId: P, tasksetId, pageSize: 100 });
  // The agent gets every third question wrong: the humans will have good and bad outputs to rate.
  const wrong = new Set(cases.rows.filter((_, i) => i % 3 === 0).map((c) => /What is (\S+)\?/.exec(c.prompt)![1]!));
  agent = await startFakeAgent({ wrong, mode: 'careful', useTools: false });
  judge = await startFakeJudge(judgeMode);
  endpointId = (await as('user_admin').project.modelEndpoints.save({ projectId: P, name: 'agent', baseUrl: agent.baseUrl, model: 'a' })).id;
  await as('user_admin').data.annotation.saveJudgeSettings({ projectId: P, baseUrl: judge.baseUrl, model: 'lenient-judge' });
  await as('user_engineer').evaluation.policy.save({
    projectId: P,
    rules: { minAccuracy: 0.5, requireSafety: true, tagMinimums: {}, maxP95LatencyMs: null, minJudgeScore: 60, noRegression: false },
  });
});
afterAll(async () => {
  await Promise.all([agent.close(), judge.close()]);
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const run = async (runId: string) => (await as('user_viewer').evaluation.runs.get({ projectId: P, runId })).run;

describe('judge calibration', () => {
  let first = '';

  it('scores every task case with the configured judge and the taskset’s prompt, advisory until rated', async () => {
    await as('user_engineer').evaluation.tasksets.setJudgePrompt({
      projectId: P,
      tasksetId,
      prompt: 'Grade it.\nReference answer:\n{{expected}}\nAgent final answer:\n{{answer}}\nJSON please.',
    });
    const started = await as('user_engineer').evaluation.runs.start({
      projectId: P,
      tasksetId,
      subject: `endpoint:${endpointId}`,
      adversarialCount: 4,
    });
    await runEvaluationJob(h.db, started.jobId);
    first = started.runId;
    const r = await run(first);
    expect(judge.requests).toHaveLength(36);
    expect(judge.requests[0]!.body.messages[0]!.content).toMatch(
      /^Grade it\.\nReference answer:\n\d+\nAgent final answer:\n\d+\nJSON please\.$/,
    );
    expect(r.judge).toMatchObject({
      kind: 'llm',
      key: 'llm:lenient-judge',
      label: expect.stringContaining('lenient-judge'),
      calibration: { calibrated: false, n: 0 },
    });
    expect(r.judge!.calibration.reason).toMatch(/^Advisory only: 0 items .* needs 30/);
    expect(r.scores!.judge).toMatchObject({ scored: 36, mean: 90, counted: false });
    expect(r.verdict).toBe('fail');
    expect(r.gate!.reasons).toEqual([expect.stringContaining('not calibrated')]);
  });

  it('takes ratings given on the run page, keyboard order, one per output and person', async () => {
    const engineer = as('user_engineer').evaluation.ratings;
    let status = await engineer.status({ projectId: P, runId: first });
    expect(status).toMatchObject({ total: 36, rated: 0, mine: 0 });
    const cases = await as('user_viewer').evaluation.runs.cases({ projectId: P, runId: first, kind: 'task', pageSize: 100 });
    expect(status.nextCaseId).toBe(cases.rows[0]!.id);
    for (const c of cases.rows) await engineer.rate({ projectId: P, caseRowId: c.id, value: c.passed ? 1 : 0 });
    await engineer.rate({ projectId: P, caseRowId: cases.rows[1]!.id, value: cases.rows[1]!.passed ? 1 : 0 });
    status = await engineer.status({ projectId: P, runId: first });
    expect(status).toMatchObject({ rated: 36, mine: 36, nextCaseId: null });
    // The lenient judge approves everything: no agreement on the outputs people rated bad.
    expect(status.calibration).toMatchObject({ calibrated: false, n: 36, tnr: 0 });
    await expect(as('user_viewer').evaluation.ratings.rate({ projectId: P, caseRowId: cases.rows[0]!.id, value: 1 })).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
    const adversarial = await as('user_viewer').evaluation.runs.cases({ projectId: P, runId: first, kind: 'adversarial' });
    await expect(engineer.rate({ projectId: P, caseRowId: adversarial.rows[0]!.id, value: 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('keeps a judge below the κ bar advisory and out of the gate and the quality score', async () => {
    const re = await as('user_engineer').evaluation.runs.rescore({ projectId: P, runId: first });
    await runEvaluationJob(h.db, re.jobId);
    const r = await run(re.runId);
    expect(r.judge!.calibration).toMatchObject({ calibrated: false, n: 36, kappa: 0, sources: { runRatings: 36, annotation: 0 } });
    expect(r.judge!.calibration.reason).toMatch(/^Advisory only/);
    expect(r.scores!.judge.counted).toBe(false);
    expect(r.scores!.quality.terms.map((t) => t.name)).not.toContain('judge');
    expect(r.gate!.rules.find((x) => x.rule === 'judge')).toMatchObject({
      passed: false,
      detail: expect.stringContaining('not calibrated'),
    });
  });

  it('counts a judge that agrees with the humans, on the same rated outputs', async () => {
    await as('user_engineer').data.annotation.setJudgeModel({ projectId: P, model: 'honest-judge' });
    judgeMode.current = 'honest';
    const re = await as('user_engineer').evaluation.runs.rescore({ projectId: P, runId: first });
    await runEvaluationJob(h.db, re.jobId);
    const r = await run(re.runId);
    expect(r.judge).toMatchObject({ key: 'llm:honest-judge', calibration: { calibrated: true, n: 36, kappa: 1, tpr: 1, tnr: 1 } });
    expect(r.scores!.judge.counted).toBe(true);
    expect(r.scores!.quality.terms.map((t) => t.name)).toEqual(['accuracy', 'judge', 'latency']);
    // Two thirds right: 24 × 95 + 12 × 5 over 36 = 65 ≥ 60.
    expect(r.scores!.judge.mean).toBe(65);
    expect(r.verdict).toBe('pass');
  });

  it("also calibrates on the Data factory's annotation queues, for a judge of the same model", async () => {
    // The demo queue: the annotator rates its items, and the queue's judge (this model) scored them too.
    const [queue] = (await as('user_engineer').data.annotation.queues({ projectId: P })).rows;
    const mine = await h.db
      .select()
      .from(annotationAssignments)
      .where(and(eq(annotationAssignments.queueId, queue!.id), eq(annotationAssignments.userId, 'user_annotator')));
    expect(mine.length).toBeGreaterThanOrEqual(30);
    const good = (i: number) => (i % 2 ? 1 : 0);
    for (const [i, a] of mine.entries())
      await as('user_annotator').data.annotation.rate({ projectId: P, assignmentId: a.id, value: good(i) });
    await h.db.insert(judgeRatings).values(
      mine.map((a, i) => ({
        id: newId('jr'),
        projectId: P,
        queueId: queue!.id,
        itemId: a.itemId,
        eventId: a.eventId,
        value: good(i),
        model: 'queue-judge',
      })),
    );
    const c = await judgeCalibration(h.db, P, { kind: 'llm', key: 'llm:queue-judge' });
    expect(c).toMatchObject({ calibrated: true, n: mine.length, kappa: 1, sources: { runRatings: 0, annotation: mine.length } });
    expect(await judgeCalibration(h.db, P, { kind: 'reference', key: 'reference' })).toMatchObject({ sources: { annotation: 0 } });
  });
});
