// `npm run factory -- zero-to-agent` as a real process against the app's real route handlers (and a real worker):
// with the trainer's defaults it PASSes, deploys, and the deployment answers the official OpenAI client; with
// shortened training it FAILs, loops back to training with the failed cases twice, prints each step and the JSON
// result line, and exits 1; with nothing at the URL it says how to start the app and exits 2.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX, tsxArgs } from '@/server/testing/tsx';

const dataDir = await mkdtemp(path.join(tmpdir(), 'af-zero-to-agent-'));
process.env.AF_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { getDbHandle } = await import('@/server/db');
const { seedDemo, DEMO_PROJECT_ID } = await import('@/server/main/demo-seed');
const { createCredential } = await import('@/server/projects/credentials');
const { startLocalWorker } = await import('@/server/main/local-worker');
const { startApiServer } = await import('@/client/testing');

let server: Awaited<ReturnType<typeof startApiServer>>;
let stopWorker: () => Promise<void>;
let key = '';

beforeAll(async () => {
  const h = await getDbHandle();
  await seedDemo(h.db);
  key = (await createCredential(h.db, { projectId: DEMO_PROJECT_ID, kind: 'api_key', name: 'cli test', createdBy: 'user_admin' })).secret;
  server = await startApiServer();
  stopWorker = (await startLocalWorker(h.db, { name: 'cli-test', pollMs: 50, heartbeatMs: 500 })).stop;
  // Seeding and loading every route module takes a while on a busy machine.
}, 240_000);

afterAll(async () => {
  await stopWorker?.();
  await server?.close();
  await (await getDbHandle()).close();
  (globalThis as { afDb?: unknown }).afDb = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, tsxArgs('server/cli/main.ts', ...args), { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('zero-to-agent', () => {
  it('with the default training PASSes, deploys, exits 0, and its deployment answers a chat completion', async () => {
    const { code, out, err } = await cli('zero-to-agent', '--url', server.url, '--api-key', key);
    expect(err, out).toBe('');
    expect(out).toMatch(/✓ evaluate .*: PASS, accuracy \d+\.\d%/);
    expect(out).toMatch(/✓ deploy +deploy_\w+ at /);
    expect(out).not.toMatch(/back to training/);
    const last = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({
      verdict: 'pass',
      model_id: expect.stringMatching(/^model_/),
      deployment_id: expect.stringMatching(/^deploy_/),
    });
    expect(code).toBe(0);

    // What the JSON line promises: enough for an OpenAI client to talk to the deployed agent.
    const openai = new OpenAI({ baseURL: last.base_url, apiKey: last.api_key });
    const reply = await openai.chat.completions.create({ model: last.model, messages: [{ role: 'user', content: 'What is 42+28?' }] });
    expect(reply.choices[0]?.message.content?.trim()).toBe('70');
  }, 480_000);

  it('runs every step through the API, loops back to training at most twice on FAIL, and ends with the JSON line', async () => {
    const { code, out, err } = await cli(
      'zero-to-agent',
      ...['--url', server.url, '--api-key', key, '--model-size', 'tiny', '--epochs', '1', '--max-seconds', '5'],
    );
    expect(err, out).toBe('');
    for (const step of ['allocate', 'collect', 'clean', 'create dataset', 'create scenario', 'validate', 'train', 'evaluate'])
      expect(out).toMatch(new RegExp(`✓ ${step} .*\\(\\d+\\.\\d s\\)`));
    expect(out).toMatch(/3600 interactions: 0 new, 3600 already there/);
    expect(out.match(/✓ back to training/g)).toHaveLength(2);
    expect(out).toMatch(/✓ evaluate #3 /);
    const last = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ verdict: 'fail', model_id: expect.stringMatching(/^model_/), deployment_id: null, api_key: key });
    expect(last.base_url).toBe(`${server.url}/api/v1`);
    expect(code).toBe(1);
  }, 420_000);

  it('exits 2 with how to start the app when nothing answers', async () => {
    const { code, err } = await cli('zero-to-agent', '--url', 'http://127.0.0.1:9');
    expect(code).toBe(2);
    expect(err).toMatch(/Nothing answers at http:\/\/127\.0\.0\.1:9\. Start the app first/);
  });
});
