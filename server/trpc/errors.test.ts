// What a client sees when something fails: a refusal keeps its code and message; an unplanned error (here a value the
// database refuses) reaches the client as a sentence with an error id, never the SQL, its parameters or a stack.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { DbHandle } from '@/db';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID } from '@/server/main/demo-seed';
import { appRouter } from '@/server/routers/_app';
import { responseMeta } from './response-meta';
import { handleRoute } from '@/server/http/route';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { sql } from 'drizzle-orm';
import * as schema from '@/db/schema';
import type { Db } from '@/db';

let h: DbHandle;
beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

const user = { id: 'user_engineer', email: 'engineer@demo.agentfactory.dev', name: 'Eli Engineer' };
async function call(path: string, input: unknown) {
  const url = `http://test/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(url),
    router: appRouter,
    createContext: async () => ({ db: h.db, user }),
  });
  return { status: res.status, body: JSON.stringify(await res.json()) };
}

describe('errors as clients see them', () => {
  it('hides an internal error behind an id, and logs the details on the server', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, body } = await call('data.events.get', { projectId: DEMO_PROJECT_ID, eventId: 'evt_\u0000' });
    expect(status).toBe(500);
    expect(body).toMatch(/Something went wrong on the server \(error err_\w+\)/);
    expect(body).not.toMatch(/select|params|Failed query|events"\.|stack|\.ts:/i);
    const id = /err_\w+/.exec(body)![0];
    expect(logged.mock.calls.some((c) => String(c[0]).includes(id))).toBe(true);
    logged.mockRestore();
  });

  it('answers 503 with Retry-After while the database cannot be reached, over tRPC and route handlers alike', async () => {
    // A real client of a database server that is not there (nothing listens on port 1).
    const gone = postgres('postgres://postgres@127.0.0.1:1/none', { max: 1, connect_timeout: 2, onnotice: () => {} });
    const offline = drizzle(gone, { schema, casing: 'snake_case' }) as unknown as Db;
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const url = `http://test/api/trpc/project.mine?input=${encodeURIComponent('{"json":null}')}`;
      const res = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request(url),
        router: appRouter,
        createContext: async () => ({ db: offline, user }),
        responseMeta,
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(JSON.stringify(await res.json())).toMatch(/database is unreachable/);

      const route = await handleRoute('test', async () => {
        await offline.execute(sql`select 1`);
        return new Response('never');
      });
      expect(route.status).toBe(503);
      expect(route.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      quiet.mockRestore();
      await gone.end({ timeout: 1 });
    }
  });

  it('keeps a refusal as it is: its code and its message', async () => {
    const { status, body } = await call('data.events.get', { projectId: DEMO_PROJECT_ID, eventId: 'evt_nope' });
    expect(status).toBe(404);
    expect(body).toContain('No such event in this project.');
  });
});

describe('a project API key on the tRPC API', () => {
  it('acts as an engineer in its own project only, never as an admin', async () => {
    const { createCredential } = await import('@/server/projects/credentials');
    const { createRequestContext } = await import('./context');
    const { secret } = await createCredential(h.db, {
      projectId: DEMO_PROJECT_ID,
      kind: 'api_key',
      name: 'script',
      createdBy: 'user_admin',
    });
    const viaKey = async (path: string, input: unknown, method: 'GET' | 'POST' = 'GET') => {
      const q = `http://test/api/trpc/${path}` + (method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : '');
      const req = new Request(q, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ json: input }) } : {}),
      });
      const res = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req,
        router: appRouter,
        createContext: () => createRequestContext(req, h.db),
      });
      return res.status;
    };
    expect(await viaKey('jobs.list', { projectId: DEMO_PROJECT_ID })).toBe(200);
    expect(await viaKey('compute.request', { projectId: DEMO_PROJECT_ID, count: 1, memoryMb: 64 }, 'POST')).toBe(200);
    expect(await viaKey('project.members', { projectId: DEMO_PROJECT_ID })).toBe(403);
    expect(await viaKey('jobs.list', { projectId: 'proj_sandbox' })).toBe(403);
  });
});
