// The gate on stored runs, with real registered models: a model runs batched through the engine; deployment is
// refused without a PASS on the current policy (no evaluation, FAIL, a verdict from an older policy) and allowed after
// a re-score under the new one; no regression against the deployed model; and FAIL goes back to training as a new
// dataset version holding the failed cases with their correct trajectories, recorded in the next run's lineage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-gate-'));
process.env.AF_DATA_DIR = dataDir;

const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { createCaller } = await import('@/server/routers/_app');
const schema = await import('@/db/schema');
const { claim } = await import('@/server/jobs/queue');
const { runJobHere } = await import('@/server/main/local-worker');
const { buildDatasetJob } = await import('@/server/data/datasets/job');
const { requestAllocation } = await import('@/server/compute/allocations');
const { registerModel } = await import('@/server/training/registry');
const { registerTinyModel, runEvaluationJob, startFakeAgent } = await import('./testing');
const { assertDeployable, regressionCheck } = await import('./gate');
const { registerDeployedModelSource } = await import('./deployed');

type Handle = Awaited<ReturnType<typeof memoryDb>>;
let h: Handle;
const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } });
let tasksetId = '';
let modelId = '';

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  const text = ['What is 1+2? => 3', 'What is 2+2? => 4', 'What is 3+5? => 8', 'What is 4+4? => 8'].join('\n');
  tasksetId = (await as('user_engineer').evaluation.tasksets.fromPaste({ projectId: P, name: 'sums', tools: ['calculator'], text })).taskset
    .id;
  modelId = await registerTinyModel(h.db, P);
});
afterAll(async () => {
  registerDeployedModelSource(async () => null);
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function evaluate(subject: string, adversarialCount = 4) {
  const started = await as('user_engineer').evaluation.runs.start({ projectId: P, tasksetId, subject, adversarialCount });
  const job = await runEvaluationJob(h.db, started.jobId);
  expect([job.status, job.error]).toEqual(['succeeded', null]);
  return (await as('user_viewer').evaluation.runs.get({ projectId: P, runId: started.runId })).run;
}

const refusal = async (id: string) => {
  const err = await assertDeployable(h.db, P, id).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'precondition_failed' });
  return (err as Error).message;
};

let failedRunId = '';

describe('a registered model as the subject', () => {
  it('runs batched through the engine and gets a verdict', async () => {
    const run = await evaluate(`model:${modelId}`);
    failedRunId = run.id;
    expect(run).toMatchObject({ modelId, subjectKind: 'model', caseCount: 4, completed: 4, verdict: 'fail' });
    expect(run.scores!.latency.mode).toBe('batched');
    const cases = await as('user_viewer').evaluation.runs.cases({ projectId: P, runId: run.id, pageSize: 100 });
    expect(cases.total).toBe(8);
    for (const c of cases.rows) expect(c.steps).toBeGreaterThan(0);
  });
});

describe('the deployment gate', () => {
  it('refuses a model that has no evaluation yet', async () => {
    const fresh = await registerTinyModel(h.db, P, { name: 'fresh' });
    expect(await refusal(fresh)).toBe(`${fresh} has no evaluation yet: evaluate it on a taskset first.`);
    await expect(assertDeployable(h.db, P, 'model_nope')).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('not a model of this project'),
    });
    await expect(as('user_viewer').evaluation.gate.status({ projectId: P, modelId: 'model_nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a model whose latest evaluation FAILed, with every reason in one sentence', async () => {
    expect(await refusal(modelId)).toMatch(
      /^FAIL on the current policy: accuracy 0% \(95% CI 0%–\d+(\.\d)?%, 0\/4\) < 80%(; safety: .*)?\.$/,
    );
    const status = await as('user_viewer').evaluation.gate.status({ projectId: P, modelId });
    expect(status).toMatchObject({ deployable: false, verdict: 'fail', evaluationRunId: failedRunId, currentPolicyVersion: 0 });
  });

  it('invalidates verdicts when the policy changes, and passes after a re-score under the new policy', async () => {
    const saved = await as('user_engineer').evaluation.policy.save({
      projectId: P,
      rules: { minAccuracy: 0, requireSafety: false, tagMinimums: {}, maxP95LatencyMs: null, minJudgeScore: null, noRegression: false },
      note: 'smoke gate',
    });
    expect(saved.version).toBe(1);
    expect(await refusal(modelId)).toMatch(
      new RegExp(`latest evaluation ${failedRunId} was judged under policy v0, and the policy is now v1: re-score it`),
    );
    await expect(as('user_viewer').evaluation.policy.save({ projectId: P, rules: saved.rules })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const re = await as('user_engineer').evaluation.runs.rescore({ projectId: P, runId: failedRunId });
    await runEvaluationJob(h.db, re.jobId);
    expect(await assertDeployable(h.db, P, modelId)).toEqual({ evaluationRunId: re.runId, verdict: 'pass' });
    expect(await as('user_viewer').evaluation.gate.status({ projectId: P, modelId })).toMatchObject({ deployable: true, reasons: [] });

    const stricter = await as('user_engineer').evaluation.policy.save({ projectId: P, rules: { ...saved.rules, minAccuracy: 0.9 } });
    expect(stricter.version).toBe(2);
    await expect(assertDeployable(h.db, P, modelId)).rejects.toMatchObject({ message: expect.stringContaining('policy is now v2') });
  });
});

describe('no regression', () => {
  it('fails the cases the deployed model passed that the candidate now fails', async () => {
    const agent = await startFakeAgent({ wrong: new Set(), mode: 'careful', useTools: false });
    try {
      const endpoint = await as('user_admin').project.modelEndpoints.save({
        projectId: P,
        name: 'stand-in',
        baseUrl: agent.baseUrl,
        model: 'm',
      });
      const deployed = await evaluate(`endpoint:${endpoint.id}`, 0); // passes all four
      const candidate = await evaluate(`model:${modelId}`, 0); // passes none
      // The stand-in's run plays the deployed model's: the rule compares runs of models on the same taskset version.
      const deployedModel = await registerTinyModel(h.db, P, { name: 'deployed' });
      await h.db.update(schema.evaluationRuns).set({ modelId: deployedModel }).where(eq(schema.evaluationRuns.id, deployed.id));
      registerDeployedModelSource(async () => deployedModel);
      const check = await regressionCheck(h.db, candidate);
      expect(check).toMatchObject({ status: 'compared', modelId: deployedModel, baselineRunId: deployed.id });
      expect(check.status === 'compared' && check.broken.map((b) => b.position)).toEqual([1, 2, 3, 4]);

      await as('user_engineer').evaluation.policy.save({
        projectId: P,
        rules: { minAccuracy: 0, requireSafety: false, tagMinimums: {}, maxP95LatencyMs: null, minJudgeScore: null, noRegression: true },
      });
      const re = await as('user_engineer').evaluation.runs.rescore({ projectId: P, runId: candidate.id });
      await runEvaluationJob(h.db, re.jobId);
      const judged = (await as('user_viewer').evaluation.runs.get({ projectId: P, runId: re.runId })).run;
      expect(judged.gate!.reasons).toEqual([`regression: 4 cases the deployed ${deployedModel} passed now fail (#1, #2, #3, #4)`]);
      const other = await registerTinyModel(h.db, P, { name: 'never-run' });
      registerDeployedModelSource(async () => other);
      expect(await regressionCheck(h.db, candidate)).toEqual({ status: 'no_baseline', modelId: other, tasksetId });
    } finally {
      registerDeployedModelSource(async () => null);
      await agent.close();
    }
  });
});

describe('back to training', () => {
  it('turns the failed cases into a new version of the model’s dataset, and the next training run records the loop', async () => {
    const sent = await as('user_engineer').evaluation.runs.backToTraining({ projectId: P, runId: failedRunId });
    expect(sent).toMatchObject({
      datasetId: 'ds_math_v2',
      training: { datasetId: 'ds_math_v2', scenarioId: 'scn_math_v1', sentBackBy: failedRunId, name: 'tiny-math' },
    });
    const failed = await h.db
      .select()
      .from(schema.evaluationCases)
      .where(and(eq(schema.evaluationCases.runId, failedRunId), eq(schema.evaluationCases.passed, false)));
    expect(sent.examples).toBe(failed.length);

    const claimed = await claim(h.db, { workerId: 'w', queues: ['default'], types: [buildDatasetJob.type] });
    await runJobHere(h.db, claimed!, buildDatasetJob, 1000);
    const [v1, v2] = await Promise.all(
      ['ds_math_v1', 'ds_math_v2'].map(
        async (id) =>
          (
            await h.db
              .select()
              .from(schema.datasets)
              .where(and(eq(schema.datasets.projectId, P), eq(schema.datasets.id, id)))
          )[0]!,
      ),
    );
    expect(v2).toMatchObject({ status: 'ready', exampleCount: v1!.exampleCount + failed.length, name: 'math', version: 2 });
    const events = await h.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.projectId, P), eq(schema.events.source, 'evaluation')));
    const byPrompt = new Map(events.map((e) => [e.prompt, e.response]));
    expect(byPrompt.get('What is 3+5?')).toBe('<call:calculator>3+5</call><result>8</result><answer>8</answer>');
    const inV2 = await h.db
      .select({ eventId: schema.datasetExamples.eventId })
      .from(schema.datasetExamples)
      .where(
        and(
          eq(schema.datasetExamples.datasetId, 'ds_math_v2'),
          inArray(
            schema.datasetExamples.eventId,
            events.map((e) => e.id),
          ),
        ),
      );
    expect(inV2).toHaveLength(failed.length);
    // An adversarial failure is taught its genuine question, or a refusal.
    for (const c of failed.filter((f) => f.kind === 'adversarial')) expect(byPrompt.get(c.prompt)).toMatch(/<answer>/);

    // The same button twice stores the examples once.
    const again = await as('user_engineer').evaluation.runs.backToTraining({ projectId: P, runId: failedRunId });
    expect(again.datasetId).toBe('ds_math_v3');
    expect((await h.db.select().from(schema.events).where(eq(schema.events.source, 'evaluation'))).length).toBe(events.length);

    const alloc = await requestAllocation(h.db, {
      projectId: P,
      poolType: 'training',
      resourceType: 'cpu',
      count: 1,
      memoryMb: 256,
      purpose: 'test',
    });
    if (alloc.outcome !== 'granted') throw new Error('no allocation');
    const started = await as('user_engineer').training.start({
      projectId: P,
      name: sent.training.name,
      datasetId: sent.datasetId,
      scenarioId: sent.training.scenarioId,
      allocationId: alloc.allocation.id,
      base: sent.training.base,
      sentBackBy: sent.training.sentBackBy,
      modelSize: 'tiny',
      epochs: 1,
    });
    const [run] = await h.db.select().from(schema.trainingRuns).where(eq(schema.trainingRuns.id, started.runId));
    expect(run!.sentBackBy).toBe(failedRunId);
    const model = await registerModel(h.db, {
      run: run!,
      architecture: {},
      metrics: { steps: 0, trainLoss: null, valLoss: null, valAccuracy: null, tokensPerSec: null, wallSeconds: 0 },
      sha256: 'a'.repeat(64),
      sizeBytes: 1,
    });
    expect(model.sentBackBy).toBe(failedRunId);
    await expect(
      as('user_engineer').training.start({
        projectId: P,
        name: 'x',
        datasetId: sent.datasetId,
        scenarioId: 'scn_math_v1',
        allocationId: alloc.allocation.id,
        base: sent.training.base,
        sentBackBy: 'eval_nope',
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('No evaluation eval_nope') });
  });

  it('is refused for a run that passed', async () => {
    const passing = (await h.db.select().from(schema.evaluationRuns).where(eq(schema.evaluationRuns.verdict, 'pass')))[0]!;
    await expect(as('user_engineer').evaluation.runs.backToTraining({ projectId: P, runId: passing.id })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });
});
