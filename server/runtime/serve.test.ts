// Serving over the OpenAI protocol, with the official `openai` npm client talking to the route handlers: a chat call
// and a streaming call answered by a real sandboxed model, `GET /api/v1/models` listing the deployment, OpenAI-shaped
// errors (401, 404, 400, 429 with Retry-After, 504), and every served exchange stored as a `runtime` event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import OpenAI from 'openai';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-serve-'));
process.env.AF_DATA_DIR = dataDir;

const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const schema = await import('@/db/schema');
const { createCredential } = await import('@/server/projects/credentials');
const { DomainError } = await import('@/server/domain-error');
const { passingModel } = await import('./testing');
const { deployModel } = await import('./deploy');
const { getDeployment } = await import('./deployments');
const { saveTemplate } = await import('./templates');
const { BASIC_AGENT_CONFIG } = await import('./template-input');
const { RuntimeHost } = await import('./pools');
const { exchangeLog } = await import('./exchange-log');
const { handleChatCompletions, handleListModels, renderOpenAiError } = await import('./http/openai');

type Handle = Awaited<ReturnType<typeof memoryDb>>;
let h: Handle;
let host: InstanceType<typeof RuntimeHost>;
let key = '';
let deploymentId = '';

const appFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const req = new Request(input, init);
  const { pathname } = new URL(req.url);
  if (pathname === '/api/v1/chat/completions' && req.method === 'POST') return handleChatCompletions(h.db, host, req);
  if (pathname === '/api/v1/models' && req.method === 'GET') return handleListModels(h.db, req);
  return new Response('no route', { status: 404 });
}) as typeof fetch;

const client = (apiKey = key) => new OpenAI({ apiKey, baseURL: 'http://app.test/api/v1', fetch: appFetch, maxRetries: 0 });
const post = (body: unknown, apiKey = key) =>
  appFetch('http://app.test/api/v1/chat/completions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  const modelId = await passingModel(h.db, P);
  const tpl = await saveTemplate(h.db, P, {
    name: 'one-warm',
    config: { ...BASIC_AGENT_CONFIG, poolMin: 1, poolMax: 1, requestTimeoutMs: 6000 },
  });
  deploymentId = (await deployModel(h.db, { projectId: P, modelId, templateId: tpl.id, name: 'math', actorId: 'user_engineer' }))
    .deploymentId;
  key = (await createCredential(h.db, { projectId: P, kind: 'api_key', name: 'test', createdBy: 'user_admin' })).secret;
  host = new RuntimeHost(h.db, { reconcileMs: 300 });
  await host.start();
  const until = Date.now() + 90_000;
  while ((await getDeployment(h.db, P, deploymentId)).status !== 'live') {
    if (Date.now() > until) throw new Error('the deployment never went live');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 300_000);
afterAll(async () => {
  await host.close();
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('chat completions with the openai client', { timeout: 180_000 }, () => {
  it('answers a chat call through the sandboxed agent', async () => {
    const out = await client().chat.completions.create({ model: 'math', messages: [{ role: 'user', content: 'What is 4+3?' }] });
    expect(out).toMatchObject({ object: 'chat.completion', model: 'math', choices: [{ index: 0, message: { role: 'assistant' } }] });
    expect(out.id).toMatch(/^chatcmpl-/);
    expect(typeof out.choices[0]!.message.content).toBe('string');
    expect(['stop', 'length']).toContain(out.choices[0]!.finish_reason);
    expect(out.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(out.usage!.total_tokens).toBe(out.usage!.prompt_tokens + out.usage!.completion_tokens);
  });

  it('streams chat.completion.chunk events ending with [DONE], usage only when asked', async () => {
    const stream = await client().chat.completions.create({
      model: 'math',
      messages: [{ role: 'user', content: 'What is 2+5?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'math')).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toMatch(/stop|length/);
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);

    const raw = await (await post({ model: 'math', messages: [{ role: 'user', content: 'What is 1+1?' }], stream: true })).text();
    const events = raw.split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(raw).not.toContain('"usage"');
    for (const e of events) expect(e.startsWith('data: ')).toBe(true);
  });

  it('lists the served deployments as models', async () => {
    const list = await client().models.list();
    expect(list.data.map((m) => m.id)).toEqual(['math']);
    expect(list.data[0]).toMatchObject({ object: 'model', owned_by: P });
  });

  it('refuses in the OpenAI error shape with the right status', async () => {
    const bad = await client('af_live_wrong')
      .chat.completions.create({ model: 'math', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((bad as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
    const unknown = await client()
      .chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.NotFoundError>).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'model_not_found',
    });
    const body = await post('{not json');
    expect(body.status).toBe(400);
    expect(await body.json()).toEqual({
      error: { message: 'The request body is not valid JSON.', type: 'invalid_request_error', code: 'invalid_request', param: null },
    });
    const noUser = await post({ model: 'math', messages: [{ role: 'system', content: 'x' }] });
    expect([noUser.status, ((await noUser.json()) as { error: { param: string } }).error.param]).toEqual([400, 'messages']);
    const timeout = renderOpenAiError(new DomainError('timeout', 'too slow'));
    expect([timeout.status, ((await timeout.json()) as { error: { type: string } }).error.type]).toEqual([504, 'timeout_error']);
  });

  it('answers 429 with Retry-After when the pool stays exhausted past the wait', async () => {
    const [d] = await h.db.select().from(schema.deployments).where(eq(schema.deployments.id, deploymentId));
    const pool = await host.poolFor(d!);
    const held = await pool.acquire();
    // The wait is the template's request limit; shorten it for this deployment's next requests by holding the only sandbox
    // and racing a claim that must time out.
    const res = await Promise.race([
      post({ model: 'math', messages: [{ role: 'user', content: 'What is 3+3?' }] }),
      new Promise<Response>((r) => setTimeout(() => r(new Response(null, { status: 599 })), 15_000)),
    ]);
    pool.release(held);
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('1');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
  });

  it('stores every served exchange as a runtime event, and logs each request', async () => {
    await exchangeLog(h.db).flush();
    const evs = await h.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.projectId, P), eq(schema.events.source, 'runtime')));
    expect(evs.length).toBe(3);
    expect(evs[0]).toMatchObject({ agentId: 'math', metadata: { deploymentId, version: 1, deployment: 'math' } });
    expect(evs.map((e) => e.prompt).sort()).toEqual(['What is 1+1?', 'What is 2+5?', 'What is 4+3?']);
    const reqs = await h.db.select().from(schema.deploymentRequests).where(eq(schema.deploymentRequests.deploymentId, deploymentId));
    expect(reqs.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
  });
});
