// The Environment factory on a real (embedded) database, through the API: build the seed's scenario, validate it,
// run the baseline as a job, read trajectories, send them to Data (idempotently), and the immutability of a used version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { memoryDb } from '@/server/testing/db';
import { events, jobs, scenarioCases, scenarios } from '@/db/schema';
import { claim } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { createCaller } from '@/server/routers/_app';
import { environmentRunJob } from './run-job';
import { assertScenarioValidated, isScenarioValidated, loadScenario, markScenarioUsed } from './scenarios';
import { DEMO_SCENARIO_ID } from './seed';
import { environmentValidateJob } from './validate-job';
import { runValidation } from './validation';

let h: DbHandle;
const eng = () => createCaller({ db: h.db, user: { id: 'user_engineer', email: 'e@t', name: 'Eli' } }).environment;
const viewer = () => createCaller({ db: h.db, user: { id: 'user_viewer', email: 'v@t', name: 'Max' } }).environment;

async function work(jobId: string) {
  const claimed = await claim(h.db, { workerId: 'test-worker', queues: ['default'] });
  expect(claimed?.id).toBe(jobId);
  await runJobHere(h.db, claimed!, claimed!.type === environmentRunJob.type ? environmentRunJob : environmentValidateJob, 1000);
  const [job] = await h.db.select().from(jobs).where(eq(jobs.id, jobId));
  return job!;
}

beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

describe('the demo scenario', () => {
  it('is seeded validated with 100 cases of the seed form over + − × ÷, and the baseline passes some but not all', async () => {
    const { scenario, cases, tools } = await loadScenario(h.db, P, DEMO_SCENARIO_ID);
    expect(scenario).toMatchObject({ name: 'math', version: 1, type: 'math_calculator', validationStatus: 'passed' });
    expect(cases).toHaveLength(100);
    expect(cases.every((c) => /^What is \d+[-+*/]\d+\?$/.test(c.prompt))).toBe(true);
    for (const op of ['+', '-', '*', '/']) expect(cases.some((c) => c.prompt.includes(op))).toBe(true);
    // Three-digit operands and results below zero, as users ask them: a model that only knows 0..99 cannot pass.
    expect(cases.filter((c) => /\d{3}/.test(c.prompt)).length).toBeGreaterThan(40);
    expect(cases.some((c) => c.expected.startsWith('-'))).toBe(true);
    expect(tools.map((t) => t.name)).toEqual(['calculator']);
    // The baseline calls the calculator for additions only (a quarter of the cases) and gets the rest by luck.
    const rate = scenario.validationReport!.stability.passRates[0]!;
    expect(rate).toBeGreaterThan(0.1);
    expect(rate).toBeLessThan(0.8);
    expect(await isScenarioValidated(h.db, P, DEMO_SCENARIO_ID)).toBe(true);
  });
});

describe("building, validating and running the seed's scenario", () => {
  let scenarioId = '';
  let runId = '';

  it('creates the scenario and pastes the seed examples as they are, reporting bad lines', async () => {
    const created = await eng().scenarios.create({
      projectId: P,
      name: 'seed_math',
      type: 'math_calculator',
      description: 'The seed examples',
    });
    scenarioId = created.id;
    expect(created).toMatchObject({ id: 'scn_seed_math_v1', tools: ['calculator'], validationStatus: 'unvalidated' });
    const pasted = await eng().cases.paste({ projectId: P, scenarioId, text: '3+7? => 10\n20-8? => 12\nnot a case\n3+7? => 10' });
    expect(pasted).toMatchObject({ scenarioId, forkedFrom: null, added: 2 });
    expect(pasted.errors.map((e) => e.line)).toEqual([3, 4]);
    const again = await eng().cases.paste({ projectId: P, scenarioId, text: '3+7? => 10' });
    expect(again).toMatchObject({ added: 0, errors: [{ line: 1, message: 'case #1 already has this prompt' }] });
    await expect(eng().cases.add({ projectId: P, scenarioId, prompt: '3+7?', expected: '10' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('refuses training use before validation, validates as a job, then allows it', async () => {
    await expect(assertScenarioValidated(h.db, P, scenarioId)).rejects.toMatchObject({ name: 'DomainError', code: 'precondition_failed' });
    const job = await eng().validate({ projectId: P, scenarioId, runs: 3, seed: 1 });
    expect((await work(job.id)).status).toBe('succeeded');
    const detail = await viewer().scenarios.get({ projectId: P, scenarioId });
    expect(detail.scenario.validationStatus).toBe('passed');
    expect(detail.scenario.validationReport!.stability).toMatchObject({ runs: 3, passRates: [0.5, 0.5, 0.5], spread: 0 });
    expect(detail.validationJob).toMatchObject({ status: 'succeeded', progress: 1 });
    await expect(assertScenarioValidated(h.db, P, scenarioId)).resolves.toMatchObject({ id: scenarioId });
  });

  it('runs the baseline as a job, one trajectory per case with steps and the scenario version', async () => {
    const run = await eng().runs.start({ projectId: P, scenarioId, policy: 'baseline', stepLimit: 4, seed: 1 });
    runId = run.id;
    const job = await work(run.jobId);
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, result: { passed: 1, total: 2, passRate: 0.5 } });
    const got = await viewer().runs.get({ projectId: P, runId });
    expect(got).toMatchObject({
      run: { passed: 1, completed: 2, caseCount: 2, policyName: 'baseline' },
      status: 'succeeded',
      scenarioVersion: 1,
    });
    const list = await viewer().runs.trajectories({ projectId: P, runId, outcome: 'all' });
    expect(list.rows.map((t) => [t.position, t.passed, t.finalAnswer, t.steps])).toEqual([
      [1, true, '10', 2],
      [2, false, '20', 1],
    ]);
    expect(list.rows[1]!.explanation).toBe('expected 12 (numeric ±0), got 20');
    const one = await viewer().runs.trajectory({ projectId: P, trajectoryId: list.rows[0]!.id });
    expect(one.trajectory.scenarioId).toBe(scenarioId);
    expect(one.trajectory.steps[0]).toMatchObject({
      output: '<call:calculator>3+7</call>',
      call: { tool: 'calculator', args: '3+7' },
      observation: { kind: 'result', text: '10' },
    });
    expect(one).toMatchObject({ prevId: null, nextId: list.rows[1]!.id });
  });

  it('sends passing trajectories to Data once, however often it is asked', async () => {
    expect(await eng().runs.sendToData({ projectId: P, runId })).toEqual({ eligible: 1, sent: 1, alreadySent: 0 });
    expect(await eng().runs.sendToData({ projectId: P, runId })).toEqual({ eligible: 1, sent: 0, alreadySent: 1 });
    const sent = await h.db
      .select()
      .from(events)
      .where(and(eq(events.projectId, P), eq(events.source, 'environment')));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      agentId: 'baseline',
      prompt: '3+7?',
      response: '<call:calculator>3+7</call><result>10</result><answer>10</answer>',
    });
    expect(sent[0]!.clientId).toMatch(new RegExp(`^${runId}:case_`));
    expect(sent[0]!.metadata).toMatchObject({ scenarioId, runId });
    expect((await viewer().runs.get({ projectId: P, runId })).sent).toBe(1);
  });

  it('keeps a used version immutable: an edit makes the next version, validation reset, the old one untouched', async () => {
    const before = await loadScenario(h.db, P, scenarioId);
    expect(before.scenario.usedAt).not.toBeNull();
    const edited = await eng().cases.add({
      projectId: P,
      scenarioId,
      prompt: 'What is 6*7?',
      expected: '42',
      tags: { skill: 'multiplication' },
    });
    expect(edited).toEqual({ scenarioId: 'scn_seed_math_v2', forkedFrom: scenarioId });
    const after = await loadScenario(h.db, P, scenarioId);
    expect(after.cases.map((c) => c.prompt)).toEqual(['3+7?', '20-8?']);
    expect(after.scenario.validationStatus).toBe('passed');
    const v2 = await loadScenario(h.db, P, 'scn_seed_math_v2');
    expect(v2.scenario).toMatchObject({ version: 2, parentId: scenarioId, validationStatus: 'unvalidated', usedAt: null });
    expect(v2.cases.map((c) => [c.position, c.prompt])).toEqual([
      [1, '3+7?'],
      [2, '20-8?'],
      [3, 'What is 6*7?'],
    ]);
    // v2 is unused: further edits land in place, and removing closes the gap in positions.
    const removed = await eng().cases.remove({ projectId: P, scenarioId: 'scn_seed_math_v2', caseIds: [v2.cases[0]!.id] });
    expect(removed).toMatchObject({ scenarioId: 'scn_seed_math_v2', forkedFrom: null, removed: 1 });
    const v2b = await loadScenario(h.db, P, 'scn_seed_math_v2');
    expect(v2b.cases.map((c) => [c.position, c.prompt])).toEqual([
      [1, '20-8?'],
      [2, 'What is 6*7?'],
    ]);
    expect(v2b.scenario.revision).toBe(v2.scenario.revision + 1);
    const list = await viewer().scenarios.list({ projectId: P });
    expect(list.rows.find((r) => r.name === 'seed_math')).toMatchObject({
      id: 'scn_seed_math_v2',
      versions: 2,
      caseCount: 2,
      lastRun: { runId, passed: 1 },
    });
  });

  it('a scenario used by training (markScenarioUsed) is immutable too', async () => {
    await markScenarioUsed(h.db, P, 'scn_seed_math_v2', 'training job job_x');
    const edited = await eng().scenarios.update({ projectId: P, scenarioId: 'scn_seed_math_v2', description: 'changed' });
    expect(edited).toEqual({ scenarioId: 'scn_seed_math_v3', forkedFrom: 'scn_seed_math_v2' });
    const [v2] = await h.db
      .select()
      .from(scenarios)
      .where(and(eq(scenarios.projectId, P), eq(scenarios.id, 'scn_seed_math_v2')));
    expect(v2).toMatchObject({ description: 'The seed examples', usedBy: 'training job job_x' });
  });

  it('drops a validation report when the version is edited while it runs', async () => {
    const id = 'scn_seed_math_v3';
    let edited = false;
    const outcome = await runValidation(h.db, P, id, {
      runs: 1,
      seed: 1,
      onProgress: async () => {
        if (edited) return;
        edited = true;
        await eng().cases.paste({ projectId: P, scenarioId: id, text: 'What is 2+2? => 5' });
      },
    });
    expect(outcome.stored).toBe(false);
    const [v3] = await h.db
      .select()
      .from(scenarios)
      .where(and(eq(scenarios.projectId, P), eq(scenarios.id, id)));
    expect(v3!.validationStatus).toBe('unvalidated');
    // Validated now, the wrong expected answer is caught and named.
    await work((await eng().validate({ projectId: P, scenarioId: id, runs: 1, seed: 1 })).id);
    const detail = await viewer().scenarios.get({ projectId: P, scenarioId: id });
    expect(detail.scenario.validationStatus).toBe('failed');
    expect(detail.scenario.validationReport!.findings.filter((f) => f.severity === 'error')).toEqual([
      {
        check: 'reference',
        severity: 'error',
        message: 'Expected answer 5 disagrees with the calculator: 2+2 = 4.',
        caseId: expect.any(String),
        position: 3,
      },
    ]);
  });

  it('refuses viewers, unknown agents and empty scenarios', async () => {
    await expect(viewer().cases.paste({ projectId: P, scenarioId, text: '1+1? => 2' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      eng().runs.start({ projectId: P, scenarioId, policy: 'model:model_missing', stepLimit: 4, seed: 1 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const empty = await eng().scenarios.create({ projectId: P, name: 'empty_one', type: 'qa_exact' });
    await expect(eng().runs.start({ projectId: P, scenarioId: empty.id, policy: 'baseline', stepLimit: 4, seed: 1 })).rejects.toMatchObject(
      { message: 'This scenario has no test cases to run yet.' },
    );
    await expect(eng().scenarios.create({ projectId: P, name: 'math', type: 'qa_exact' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const cases = await h.db.select().from(scenarioCases).where(eq(scenarioCases.scenarioId, empty.id));
    expect(cases).toHaveLength(0);
  });
});
