// Hosted bases end to end: a run on `gpt-3.5-turbo` is queued as `training.remote` on the gpu queue and says why it
// waits; a remote worker process without a fine-tuning API leaves it alone; one with FINETUNE_API_URL (pointed at a
// fake of the external API started here) claims it over HTTP, uploads the dataset as chat JSONL, follows the
// fine-tune, reports its losses, uploads the model's description, and the factory registers the model with lineage.
import { TSX, tsxArgs } from '@/server/testing/tsx';
import { DomainError } from '@/server/domain-error';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import type { RouteServer } from '@/server/worker-route/testing';
import type { FakeFineTuningServer } from './testing';

const dataDir = await mkdtemp(path.join(tmpdir(), 'af-remote-training-'));
// Set before anything imports server/env.ts, so getDb() (the worker route's database) is a PGlite of our own.
process.env.AF_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
delete process.env.FINETUNE_API_URL;

const { getDbHandle } = await import('@/server/db');
const { seedDemo, DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const schema = await import('@/db/schema');
const { createCredential } = await import('@/server/projects/credentials');
const { requestAllocation, getAllocation } = await import('@/server/compute/allocations');
const { requestCancel } = await import('@/server/jobs/queue');
const { loadDatasetExamples } = await import('@/server/data/datasets/read');
const { startRouteServer } = await import('@/server/worker-route/testing');
const { startFakeFineTuningServer } = await import('./testing');
const { startTraining } = await import('../start');
const { hyperParamsInput } = await import('../hyperparams');
const { getRun } = await import('../read');
const { MAX_REMOTE_EXAMPLES } = await import('./input');

const API_KEY = 'sk-worker-only-secret';
let h: DbHandle;
let server: RouteServer;
let fake: FakeFineTuningServer;
let token: string;
const children: { child: ChildProcess; output: string }[] = [];

beforeAll(async () => {
  h = await getDbHandle();
  await seedDemo(h.db);
  token = (await createCredential(h.db, { projectId: P, kind: 'worker_token', name: 'gpu box', createdBy: null })).secret;
  server = await startRouteServer();
  fake = await startFakeFineTuningServer();
});

afterAll(async () => {
  for (const c of children) await stopChild(c.child);
  await server?.close();
  await fake?.close();
  await h?.close();
  (globalThis as { afDb?: unknown }).afDb = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

function startWorker(name: string, extraEnv: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AF_URL: server.url,
    AF_WORKER_TOKEN: token,
    WORKER_QUEUES: 'gpu',
    WORKER_NAME: name,
    WORKER_POLL_MS: '100',
    WORKER_HEARTBEAT_MS: '200',
    // Proof of "HTTP only": were the worker to open a database, this one does not exist.
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    AF_DATA_DIR: path.join(dataDir, 'not-for-the-worker'),
    ...extraEnv,
  };
  const child = spawn(TSX, tsxArgs('server/main/remote-worker.ts'), {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const entry = { child, output: '' };
  child.stdout?.on('data', (d: Buffer) => (entry.output += d));
  child.stderr?.on('data', (d: Buffer) => (entry.output += d));
  children.push(entry);
  return entry;
}

async function stopChild(c: ChildProcess) {
  if (!c.pid || c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((resolve) => c.once('exit', resolve));
  process.kill(-c.pid, 'SIGTERM');
  const timer = setTimeout(() => c.pid && process.kill(-c.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const outputs = () => children.map((c) => c.output).join('\n---\n');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; worker output:\n${outputs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const jobRow = async (id: string) => (await h.db.select().from(schema.jobs).where(eq(schema.jobs.id, id)))[0]!;
const finished = (id: string) =>
  waitFor(`job ${id} to finish`, async () => {
    const j = await jobRow(id);
    return !['queued', 'running'].includes(j.status) && j;
  });

async function grantedAllocation() {
  const out = await requestAllocation(h.db, {
    projectId: P,
    poolType: 'training',
    resourceType: 'cpu',
    count: 1,
    memoryMb: 512,
    purpose: 'fine-tune',
  });
  if (out.outcome !== 'granted') throw new Error(`allocation not granted: ${JSON.stringify(out)}`);
  return out.allocation.id;
}

const hostedRun = (allocationId: string, name = 'gpt-math') => ({
  projectId: P,
  name,
  datasetId: 'ds_math_v1',
  scenarioId: 'scn_math_v1',
  allocationId,
  base: 'gpt-3.5-turbo',
  hyperParams: hyperParamsInput.parse({ epochs: 2, batchSize: 8, learningRate: 4e-4 }),
  createdBy: 'user_engineer',
});

const withFineTuning = { FINETUNE_API_URL: '', FINETUNE_API_KEY: API_KEY, FINETUNE_POLL_MS: '50', FINETUNE_EVAL_CASES: '3' };

describe('training a hosted base on a remote worker', () => {
  let runId = '';
  let jobId = '';
  let alloc = '';

  it('queues gpt-3.5-turbo as training.remote on the gpu queue, with its rows inside, and says why it waits', async () => {
    alloc = await grantedAllocation();
    const started = await startTraining(h.db, hostedRun(alloc));
    ({ runId, jobId } = started);
    expect(started).toMatchObject({ queue: 'gpu', type: 'training.remote' });
    const job = await jobRow(jobId);
    expect(job).toMatchObject({ status: 'queued', queue: 'gpu', type: 'training.remote' });
    const examples = await loadDatasetExamples(h.db, P, 'ds_math_v1');
    const input = job.input as { runId: string; base: string; examples: typeof examples; cases: unknown[]; hyperParams: unknown };
    expect(input).toMatchObject({ runId, base: 'gpt-3.5-turbo', hyperParams: { epochs: 2, batchSize: 8, learningRate: 4e-4 } });
    expect(input.examples).toEqual(examples);
    expect(input.cases.length).toBeGreaterThan(0);

    const run = await getRun(h.db, P, runId);
    expect(run?.waitingFor).toMatch(/^gpt-3\.5-turbo trains on .*fine-tuning API.*FINETUNE_API_URL.*none is online\.$/);
  });

  it('is left alone by a worker without a fine-tuning API, which does not announce training.remote', async () => {
    const plain = startWorker('plain-gpu-box', {});
    const worker = await waitFor(
      'the plain worker to register',
      async () => (await h.db.select().from(schema.workers).where(eq(schema.workers.name, 'plain-gpu-box')))[0],
    );
    expect(worker.jobTypes).not.toContain('training.remote');
    expect(worker.jobTypes).toContain('system.diagnostic');
    // Several claim rounds later the run is still waiting, and the reason names the worker that cannot take it.
    await waitFor('a few claims', async () => (plain.output.includes('ready') ? true : undefined));
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await jobRow(jobId)).status).toBe('queued');
    expect((await getRun(h.db, P, runId))?.waitingFor).toMatch(
      /none is online \(1 worker on the gpu queue cannot: it does not announce training\.remote\)/,
    );
    await stopChild(plain.child);
  }, 60_000);

  it('is fine-tuned by a worker with FINETUNE_API_URL: JSONL uploaded, losses recorded, model registered with lineage', async () => {
    startWorker('ft-gpu-box', { ...withFineTuning, FINETUNE_API_URL: fake.baseUrl });
    const done = await finished(jobId);
    expect(done.status, `${done.error}\n${outputs()}`).toBe('succeeded');

    // The API saw the dataset in the chat fine-tuning format, train and validation in the version's order.
    const examples = await loadDatasetExamples(h.db, P, 'ds_math_v1');
    const [create] = fake.creates;
    expect(create).toMatchObject({
      model: 'gpt-3.5-turbo',
      hyperparameters: { n_epochs: 2, batch_size: 8, learning_rate_multiplier: 0.2 },
    });
    const trainFile = fake.files.get(create!.training_file as string)!;
    expect(trainFile).toMatchObject({ purpose: 'fine-tune', filename: `${runId}.train.jsonl` });
    const lines = trainFile.content
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual(
      examples.train.map((e) => ({
        messages: [
          { role: 'user', content: e.prompt },
          { role: 'assistant', content: e.response },
        ],
      })),
    );
    expect(examples.validation.length).toBeGreaterThan(0);
    const valFile = fake.files.get(create!.validation_file as string)!;
    expect(valFile.filename).toBe(`${runId}.validation.jsonl`);
    expect(
      valFile.content
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as { messages: { content: string }[] })
        .map((l) => l.messages[0]!.content),
    ).toEqual(examples.validation.map((e) => e.prompt));
    // The key lives on the worker only: the API got it, the factory's job row never did.
    expect([...fake.authorization]).toEqual([`Bearer ${API_KEY}`]);
    expect(JSON.stringify(done)).not.toContain(API_KEY);

    // Losses from the API's events became job metrics; the fine-tuned model was scored on scenario cases.
    const metric = async (name: string) =>
      (
        await h.db
          .select()
          .from(schema.jobMetrics)
          .where(and(eq(schema.jobMetrics.jobId, jobId), eq(schema.jobMetrics.name, name)))
          .orderBy(asc(schema.jobMetrics.step))
      ).map((p) => [p.step, p.value]);
    expect(await metric('train_loss')).toEqual([
      [1, 2],
      [2, 1],
      [3, 2 / 3],
    ]);
    expect(await metric('val_loss')).toEqual([
      [1, 2.5],
      [2, 1.25],
      [3, 2.5 / 3],
    ]);
    expect(await metric('val_accuracy')).toHaveLength(1);
    expect(fake.chats).toHaveLength(3);
    expect(fake.chats[0]!.model).toBe('ft:gpt-3.5-turbo:agent-factory::x1');

    // The factory registered the model with its lineage, from the artefact the worker uploaded.
    const run = (await getRun(h.db, P, runId))!;
    const model = run.model!;
    expect(model).toMatchObject({
      runId,
      jobId,
      base: 'gpt-3.5-turbo',
      datasetId: 'ds_math_v1',
      scenarioId: 'scn_math_v1',
      allocationId: alloc,
      name: 'gpt-math',
    });
    expect(model.id).toMatch(/^model_/);
    expect(model.architecture).toMatchObject({
      provider: new URL(fake.baseUrl).host,
      fineTunedModel: 'ft:gpt-3.5-turbo:agent-factory::x1',
      providerJobId: 'ftjob-1',
      trainedTokens: 12_345,
    });
    expect(model.metrics).toMatchObject({ steps: 3, trainLoss: 2 / 3, valLoss: 2.5 / 3 });
    expect(model.metrics.valAccuracy).toBeGreaterThanOrEqual(0);
    expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.sizeBytes).toBeGreaterThan(0);
    expect(done.result).toMatchObject({ modelId: model.id, fineTunedModel: 'ft:gpt-3.5-turbo:agent-factory::x1' });

    const [art] = await h.db
      .select()
      .from(schema.artifacts)
      .where(and(eq(schema.artifacts.jobId, jobId), eq(schema.artifacts.kind, 'model')));
    expect(art).toMatchObject({ sha256: model.sha256, sizeBytes: model.sizeBytes, contentType: 'application/json' });
    const bytes = await readFile(path.join(dataDir, 'artifacts', model.sha256.slice(0, 2), model.sha256));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(model.sha256);
    expect(bytes.byteLength).toBe(model.sizeBytes);
    expect(JSON.parse(bytes.toString())).toMatchObject({
      provider: new URL(fake.baseUrl).host,
      fineTunedModel: 'ft:gpt-3.5-turbo:agent-factory::x1',
      base: 'gpt-3.5-turbo',
      metrics: { steps: 3 },
    });

    const events = await h.db.select().from(schema.jobEvents).where(eq(schema.jobEvents.jobId, jobId)).orderBy(asc(schema.jobEvents.id));
    const [ftWorker] = await h.db.select().from(schema.workers).where(eq(schema.workers.name, 'ft-gpu-box'));
    expect(ftWorker!.jobTypes).toContain('training.remote');
    expect(events.map((e) => [e.kind, e.workerId])).toEqual([
      ['enqueued', null],
      ['claimed', ftWorker!.id],
      ['succeeded', ftWorker!.id],
    ]);
    // The compute went back to the pool as soon as the worker route heard the job was done.
    expect((await getAllocation(h.db, P, alloc))?.status).toBe('released');
  }, 60_000);

  it('fails the job with the API’s message when the fine-tune fails, and releases the allocation', async () => {
    fake.next = {
      kind: 'failed',
      message: 'Training file contains 2 examples without an assistant message',
      code: 'invalid_training_file',
    };
    const a = await grantedAllocation();
    const { jobId: failing, runId: failedRun } = await startTraining(h.db, hostedRun(a, 'gpt-math-bad'));
    const done = await finished(failing);
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(1); // the API's verdict is final: not retried
    expect(done.error).toMatch(
      /Fine-tuning job ftjob-2 on .* failed: Training file contains 2 examples without an assistant message \(invalid_training_file\)/,
    );
    expect((await getRun(h.db, P, failedRun))?.model).toBeNull();
    expect((await getAllocation(h.db, P, a))?.status).toBe('released');
  }, 60_000);

  it('cancels the fine-tune on the API when the run is cancelled', async () => {
    fake.next = { kind: 'never' };
    const a = await grantedAllocation();
    const { jobId: long } = await startTraining(h.db, hostedRun(a, 'gpt-math-long'));
    await waitFor(
      'the fine-tune to report a loss',
      async () => (await h.db.select().from(schema.jobMetrics).where(eq(schema.jobMetrics.jobId, long)))[0],
    );
    await requestCancel(h.db, P, long);
    expect((await finished(long)).status).toBe('cancelled');
    await waitFor('the provider job to be cancelled', async () => fake.cancels.includes('ftjob-3'));
    expect(fake.jobs.get('ftjob-3')?.status).toBe('cancelled');
    expect((await getAllocation(h.db, P, a))?.status).toBe('released');
  }, 60_000);

  it('refuses a dataset too large to ship in a job input, naming the field', async () => {
    const big = 'ds_big_v1';
    await h.db.insert(schema.datasets).values({
      id: big,
      projectId: P,
      name: 'big',
      version: 1,
      status: 'ready',
      filter: {},
      seed: 1,
      validationFraction: 0,
      trainCount: MAX_REMOTE_EXAMPLES + 1,
    } as typeof schema.datasets.$inferInsert);
    const rows = Array.from({ length: MAX_REMOTE_EXAMPLES + 1 }, (_, i) => ({
      projectId: P,
      datasetId: big,
      eventId: `evt_big_${i}`,
      split: 'train' as const,
      position: i,
      prompt: `q${i}`,
      response: `a${i}`,
    }));
    for (let i = 0; i < rows.length; i += 2_000) await h.db.insert(schema.datasetExamples).values(rows.slice(i, i + 2_000));
    const err = await startTraining(h.db, { ...hostedRun(await grantedAllocation()), datasetId: big }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('bad_request');
    expect((err as DomainError).field).toBe('datasetId');
    expect((err as Error).message).toMatch(/at most 20,000 examples/);
  }, 60_000);
});
