// Evaluating an external OpenAI-compatible endpoint end to end on a real (embedded) database, through the API: the run
// job records every case (trajectory, answer, verdict with the matcher's explanation, latency, judge score, safety)
// and the verdict; a re-score reuses the stored outputs without calling the endpoint; two runs compare case by case;
// the report exports as CSV and JSON; the public API starts and reads runs with a project key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-eval-'));
process.env.AF_DATA_DIR = dataDir;

const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { createCaller } = await import('@/server/routers/_app');
const { evaluationCases, evaluationRuns } = await import('@/db/schema');
const { createCredential } = await import('@/server/projects/credentials');
const { startFakeAgent, runEvaluationJob } = await import('./testing');
const { exportRun } = await import('./export');
const { handleEvaluationGet, handleEvaluationsPost } = await import('./http');

type Handle = Awaited<ReturnType<typeof memoryDb>>;
let h: Handle;
let agent: Awaited<ReturnType<typeof startFakeAgent>>;
const script = { wrong: new Set(['3+4']), mode: 'careful' as 'careful' | 'leaky', useTools: true };
const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } }).evaluation;
let endpointId = '';
let tasksetId = '';

const PASTE = [
  { prompt: 'What is 1+2?', expected: '3', tags: { skill: 'addition', difficulty: 'easy' } },
  { prompt: 'What is 3+4?', expected: '7', tags: { skill: 'addition', difficulty: 'easy' } },
  { prompt: 'What is 6*7?', expected: '42', tags: { skill: 'multiplication', difficulty: 'medium' } },
  { prompt: 'What is 9-5?', expected: '4', tags: { skill: 'subtraction', difficulty: 'easy' } },
  { prompt: 'What is 12*12?', expected: '144', tags: { skill: 'multiplication', difficulty: 'hard' } },
]
  .map((c) => JSON.stringify(c))
  .join('\n');

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  agent = await startFakeAgent(script);
  const saved = await createCaller({ db: h.db, user: { id: 'user_admin', email: 'a@t', name: 'a' } }).project.modelEndpoints.save({
    projectId: P,
    name: 'hosted',
    baseUrl: agent.baseUrl,
    model: 'fake-agent',
    apiKey: 'sk-agent',
  });
  endpointId = saved.id;
  const created = await as('user_engineer').tasksets.fromPaste({ projectId: P, name: 'small', tools: ['calculator'], text: PASTE });
  tasksetId = created.taskset.id;
});
afterAll(async () => {
  await agent.close();
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function evaluate(adversarialCount = 8) {
  const started = await as('user_engineer').runs.start({ projectId: P, tasksetId, subject: `endpoint:${endpointId}`, adversarialCount });
  const job = await runEvaluationJob(h.db, started.jobId);
  expect([job.status, job.error]).toEqual(['succeeded', null]);
  return (await as('user_viewer').runs.get({ projectId: P, runId: started.runId })).run;
}

describe('an evaluation run of an external endpoint', () => {
  let runId = '';

  it('records every case with its trajectory, verdict, latency, judge score and safety, and the verdict', async () => {
    const requestsBefore = agent.requests.length;
    const run = await evaluate();
    runId = run.id;
    expect(run).toMatchObject({
      subject: `endpoint:${endpointId}`,
      subjectKind: 'endpoint',
      caseCount: 5,
      completed: 5,
      passed: 4,
      verdict: 'pass',
    });
    // The endpoint got the protocol, the key, and the calculator's results back as user turns.
    const first = agent.requests[requestsBefore]!;
    expect(first.headers.authorization).toBe('Bearer sk-agent');
    expect(first.body.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('<call:calculator>') });
    const cases = await as('user_viewer').runs.cases({ projectId: P, runId, kind: 'task' });
    expect(cases.rows.map((c) => [c.prompt, c.finalAnswer, c.passed])).toEqual([
      ['What is 1+2?', '3', true],
      ['What is 3+4?', '8', false],
      ['What is 6*7?', '42', true],
      ['What is 9-5?', '4', true],
      ['What is 12*12?', '144', true],
    ]);
    expect(cases.rows[1]!.explanation).toBe('expected 7 (numeric ±0), got 8');
    const detail = await as('user_viewer').runs.case({ projectId: P, caseRowId: cases.rows[0]!.id });
    expect(detail.case.steps.map((s) => s.call?.args ?? s.answer)).toEqual(['1+2', '3']);
    expect(detail.case.steps[0]!.observation).toEqual({ kind: 'result', text: '3' });
    expect(detail.case.latencyMs).toBeGreaterThan(0);
    // No judge endpoint configured: the reference judge scored, and says so.
    expect(run.judge).toMatchObject({ kind: 'reference', key: 'reference', calibration: { calibrated: false } });
    // 8 for 7 is 14% off: no partial credit (it takes 10% or less).
    expect(cases.rows.map((c) => c.judgeScore)).toEqual([100, 0, 100, 100, 100]);
    const s = run.scores!;
    expect(s.accuracy).toMatchObject({ passed: 4, total: 5, rate: 0.8 });
    expect(s.accuracy.lo).toBeLessThan(0.4);
    expect(s.byTag.find((t) => t.tag === 'addition')).toMatchObject({ passed: 1, total: 2 });
    expect(s.byDifficulty.map((d) => d.difficulty)).toEqual(['easy', 'medium', 'hard']);
    expect(s.latency.mode).toBe('per-request');
    expect(s.latency.p95).toBeGreaterThan(0);
    expect(s.safety).toMatchObject({ passed: true, failures: 0, adversarial: { total: 8, passed: 8 } });
    expect(s.quality.formula).toMatch(/^Q = 100 × safety × \(0.6·accuracy \+ 0.15·latency\)/);
    expect(run.gate!.rules.map((r) => [r.rule, r.passed])).toEqual([
      ['accuracy', true],
      ['safety', true],
    ]);
  });

  it('lists each safety failure with its output when the agent leaks what it was given', async () => {
    script.mode = 'leaky';
    const run = await evaluate(8);
    script.mode = 'careful';
    expect(run.verdict).toBe('fail');
    expect(run.scores!.safety.passed).toBe(false);
    expect(run.gate!.reasons).toContainEqual(expect.stringMatching(/^safety: \d+ failures/));
    const unsafe = await as('user_viewer').runs.cases({ projectId: P, runId: run.id, outcome: 'unsafe' });
    const checks = new Set(unsafe.rows.flatMap((r) => r.safety.findings.map((f) => f.check)));
    expect(checks).toEqual(new Set(['canary', 'pii']));
    const canary = unsafe.rows.find((r) => r.safety.findings.some((f) => f.check === 'canary'))!;
    expect(canary.finalAnswer).toContain(canary.attack!.canary);
  });

  it('re-scores the stored outputs as a new run that points at them, without calling the endpoint', async () => {
    const before = agent.requests.length;
    const re = await as('user_engineer').runs.rescore({ projectId: P, runId });
    await runEvaluationJob(h.db, re.jobId);
    expect(agent.requests.length).toBe(before);
    const run = (await as('user_viewer').runs.get({ projectId: P, runId: re.runId })).run;
    expect(run).toMatchObject({ rescoreOf: runId, verdict: 'pass', passed: 4 });
    const [orig, again] = await Promise.all(
      [runId, re.runId].map((id) =>
        h.db
          .select({ caseId: evaluationCases.caseId, outputId: evaluationCases.outputId, finalAnswer: evaluationCases.finalAnswer })
          .from(evaluationCases)
          .where(eq(evaluationCases.runId, id))
          .orderBy(evaluationCases.position),
      ),
    );
    expect(again).toEqual(orig);
    expect(run.scores!.latency.mode).toBe('per-request');
  });

  it('compares two runs case by case: fixed, broken, unchanged, with score deltas and gate changes', async () => {
    script.wrong = new Set(['6*7']);
    const b = await evaluate(0);
    const cmp = await as('user_viewer').reports.compare({ projectId: P, a: runId, b: b.id });
    expect(cmp.counts).toMatchObject({ fixed: 1, broken: 1, unchanged: 3, only_a: 0, only_b: 0 });
    expect(cmp.cases.rows.slice(0, 2).map((r) => [r.prompt, r.change, r.aAnswer, r.bAnswer])).toEqual([
      ['What is 3+4?', 'fixed', '8', '7'],
      ['What is 6*7?', 'broken', '42', '43'],
    ]);
    expect(cmp.deltas.accuracy).toBe(0);
    const broken = await as('user_viewer').reports.compare({ projectId: P, a: runId, b: b.id, change: 'broken' });
    expect(broken.cases.rows.map((r) => r.prompt)).toEqual(['What is 6*7?']);
    expect(broken.cases.total).toBe(1);
    script.wrong = new Set(['3+4', '6*7']);
    const c = await evaluate(0);
    const worse = await as('user_viewer').reports.compare({ projectId: P, a: runId, b: c.id });
    expect(worse.gate).toMatchObject({
      verdictA: 'pass',
      verdictB: 'fail',
      resolved: [],
      introduced: [expect.stringMatching(/^accuracy 60%/)],
    });
    expect(worse.gate.changedRules.map((r) => r.rule)).toEqual(['accuracy']);
  });

  it('exports the report as CSV and JSON, streamed', async () => {
    const [run] = await h.db
      .select()
      .from(evaluationRuns)
      .where(and(eq(evaluationRuns.projectId, P), eq(evaluationRuns.id, runId)));
    const text = async (chunks: AsyncIterable<Uint8Array>) => {
      let s = '';
      for await (const c of chunks) s += new TextDecoder().decode(c);
      return s;
    };
    const csv = (await text(exportRun(h.db, run!, 'csv'))).trim().split('\n');
    expect(csv[0]).toBe(
      'position,kind,case_id,prompt,expected,final_answer,passed,explanation,latency_ms,judge_score,judge_reason,safe,safety_findings,tags,difficulty,attack,trajectory',
    );
    expect(csv[2]).toMatch(/^2,task,tcase_\w+,What is 3\+4\?,7,8,false,"expected 7 \(numeric ±0\), got 8",/);
    const json = JSON.parse(await text(exportRun(h.db, run!, 'json')));
    expect(json.run).toMatchObject({ id: runId, verdict: 'pass', scores: { accuracy: { passed: 4 } } });
    expect(json.cases).toHaveLength(13);
    expect(json.cases[0]).toMatchObject({ prompt: 'What is 1+2?', passed: true });
    expect(json.cases[0]).not.toHaveProperty('projectId');
  });
});

describe('taskset versions', () => {
  it('are immutable once evaluated: an edit lands in the next version, a copy with the change', async () => {
    const edited = await as('user_engineer').cases.paste({ projectId: P, tasksetId, text: 'What is 8+8? => 16\nWhat is 1+2? => 3' });
    expect(edited).toMatchObject({
      forkedFrom: tasksetId,
      tasksetId: 'taskset_small_v2',
      added: 1,
      errors: [{ line: 2, message: 'case #1 already has this prompt' }],
    });
    const list = (id: string) => as('user_viewer').cases.list({ projectId: P, tasksetId: id });
    const [v1, v2] = await Promise.all([list(tasksetId), list('taskset_small_v2')]);
    expect(v1.total).toBe(5);
    expect(v2.rows.map((c) => c.prompt)).toEqual([...v1.rows.map((c) => c.prompt), 'What is 8+8?']);
    const v1Ids = new Set(v1.rows.map((c) => c.id));
    expect(v2.rows.filter((c) => v1Ids.has(c.id))).toEqual([]);
    const detail = await as('user_viewer').tasksets.get({ projectId: P, tasksetId: 'taskset_small_v2' });
    expect(detail.taskset).toMatchObject({ parentId: tasksetId, usedAt: null, tools: ['calculator'] });
    await expect(as('user_viewer').cases.paste({ projectId: P, tasksetId, text: 'x => 1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the public API', () => {
  it('starts a run with a project key and reads its status, scores and verdict', async () => {
    const key = await createCredential(h.db, { projectId: P, kind: 'api_key', name: 'ci', createdBy: null });
    const headers = { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' };
    const post = await handleEvaluationsPost(
      h.db,
      new Request('http://x/api/v1/evaluations', {
        method: 'POST',
        headers,
        body: JSON.stringify({ taskset_id: tasksetId, endpoint: endpointId, adversarial_count: 0 }),
      }),
    );
    expect(post.status).toBe(202);
    const started = (await post.json()) as { id: string; job_id: string; status: string };
    expect(started.status).toBe('queued');
    const get = () => handleEvaluationGet(h.db, new Request(`http://x/api/v1/evaluations/${started.id}`, { headers }), started.id);
    expect(await (await get()).json()).toMatchObject({ id: started.id, status: 'queued', verdict: null });
    await runEvaluationJob(h.db, started.job_id);
    const done = (await (await get()).json()) as Record<string, unknown>;
    expect(done).toMatchObject({
      status: 'succeeded',
      verdict: 'fail',
      reasons: [expect.stringMatching(/^accuracy 60%/)],
      policy_version: 0,
      verdict_stale: false,
    });
    expect((done.scores as { accuracy: { total: number } }).accuracy.total).toBe(5);
    const refused = await handleEvaluationsPost(
      h.db,
      new Request('http://x/api/v1/evaluations', { method: 'POST', headers, body: '{"taskset_id": "taskset_nope_v1", "model": "m"}' }),
    );
    expect(refused.status).toBe(400);
    const anonymous = await handleEvaluationGet(h.db, new Request(`http://x/api/v1/evaluations/${started.id}`), started.id);
    expect(anonymous.status).toBe(401);
  });
});
