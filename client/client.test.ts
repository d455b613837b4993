// The typed client against the app's real route handlers over HTTP, with a project API key and a real worker loop
// running the jobs: the seed's flow (allocate, collect, clean, dataset, scenario, validate, train, evaluate, back to
// training), refusals arriving as FactoryClientError with the server's code, and a deploy the gate refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dataDir = await mkdtemp(path.join(tmpdir(), 'af-client-'));
process.env.AF_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { getDbHandle } = await import('@/server/db');
const { seedDemo, DEMO_PROJECT_ID } = await import('@/server/main/demo-seed');
const { createCredential } = await import('@/server/projects/credentials');
const { startLocalWorker } = await import('@/server/main/local-worker');
const { startApiServer } = await import('./testing');
const { connect, FactoryClientError } = await import('@/client');

type Server = Awaited<ReturnType<typeof startApiServer>>;
let server: Server;
let stopWorker: () => Promise<void>;
let key = '';

beforeAll(async () => {
  const h = await getDbHandle();
  await seedDemo(h.db);
  key = (await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'api_key', name: 'client test', createdBy: 'user_admin' }))
    .secret;
  server = await startApiServer();
  const worker = await startLocalWorker(h.db, { name: 'client-test', pollMs: 50, heartbeatMs: 500 });
  stopWorker = worker.stop;
  // Seeding and loading every route module takes a while on a busy machine.
}, 240_000);

afterAll(async () => {
  await stopWorker?.();
  await server?.close();
  await (await getDbHandle()).close();
  (globalThis as { afDb?: unknown }).afDb = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe('the typed client', () => {
  it('runs the seed flow over HTTP with a project API key', async () => {
    const af = await connect({ baseUrl: server.url, apiKey: key, pollMs: 100 });
    expect(af.projectId).toBe(DEMO_PROJECT_ID);

    const { allocationId } = await af.allocate();
    expect(allocationId).toMatch(/^alloc_/);

    const items = [1, 2, 3].map((n) => ({
      id: `client-test-${n}`,
      agentId: 'client-agent',
      prompt: `What is ${n}+${n}?`,
      response: `<call:calculator>${n}+${n}</call><result>${2 * n}</result><answer>${2 * n}</answer>`,
    }));
    expect(await af.collect(items)).toMatchObject({ received: 3, stored: 3, rejected: 0 });
    expect(await af.collect(items)).toMatchObject({ received: 3, stored: 0, duplicates: 3 });

    const cleaned = await af.clean();
    expect(cleaned.cleanRunId).toMatch(/^clean_/);
    expect(cleaned.kept).toBeGreaterThan(0);

    const ds = await af.createDataset({ name: 'client', agentId: 'math-agent' });
    expect(ds.datasetId).toBe('ds_client_v1');
    expect(ds.trainCount).toBeGreaterThan(1000);

    const scenario = await af.createScenario({
      name: 'client_math',
      recipe: { operations: [{ op: '+', min: 0, max: 50 }], count: 10, seed: 3, template: 'What is {expr}?', allowNegative: false },
    });
    expect(scenario.cases).toBe(10);
    expect(await af.validate(scenario.scenarioId)).toMatchObject({ status: 'passed' });

    const model = await af.train({
      name: 'client-agent',
      datasetId: ds.datasetId,
      scenarioId: scenario.scenarioId,
      allocationId,
      modelSize: 'tiny',
      epochs: 1,
      maxSeconds: 5,
    });
    expect(model.modelId).toMatch(/^model_/);

    const verdict = await af.evaluate({ modelId: model.modelId, tasksetId: 'taskset_math_v1', adversarialCount: 0 });
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reasons.join(' ')).toMatch(/accuracy/i);

    const back = await af.backToTraining(verdict.evaluationRunId);
    expect(back.datasetId).toBe('ds_client_v2');
    expect(back.examples).toBeGreaterThan(0);

    // Runtime deploys only what passed its gate.
    await expect(af.deploy({ modelId: model.modelId })).rejects.toMatchObject({ code: 'precondition_failed' });
  }, 240_000);

  it('reports refusals with the server code and its words, and a wrong key as unauthorised', async () => {
    const af = await connect({ baseUrl: server.url, apiKey: key });
    await expect(af.createScenario({ name: 'Not A Name' })).rejects.toMatchObject({
      code: 'bad_request',
      message: /^name: Lower-case letters/,
    });
    const refused = await af.createScenario({ name: 'client_math' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FactoryClientError);
    expect(refused).toMatchObject({ message: /exists already/ });
    await expect(connect({ baseUrl: server.url, apiKey: 'af_live_nope' })).rejects.toMatchObject({ code: 'unauthorized' });
  });
});
