// External model endpoints as a project resource, through the API: everyone who reads the project lists them but never
// their keys; only admins save or remove them; a new URL without a new key drops the saved key; the server-side
// loader opens the key for the URL it was saved for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '@/db';
import { modelEndpoints } from '@/db/schema';
import { memoryDb } from '@/server/testing/db';
import { DEMO_PROJECT_ID as P } from '@/server/main/demo-seed';
import { createCaller } from '@/server/routers/_app';
import { loadModelEndpoint } from './model-endpoints';

let h: DbHandle;
const as = (id: string) => createCaller({ db: h.db, user: { id, email: `${id}@t`, name: id } }).project.modelEndpoints;

beforeAll(async () => {
  h = await memoryDb({ seed: true });
});
afterAll(() => h.close());

describe('model endpoints', () => {
  let id = '';

  it('are saved by an admin and listed to everyone who reads the project, never with the key', async () => {
    const saved = await as('user_admin').save({
      projectId: P,
      name: 'hosted',
      baseUrl: 'https://llm.example.com/v1',
      model: 'gpt-x',
      apiKey: 'sk-secret-1234',
    });
    id = saved.id;
    expect(id).toMatch(/^mep_/);
    expect(saved).toMatchObject({ hasApiKey: true, apiKeyHint: '1234' });
    for (const who of ['user_admin', 'user_engineer', 'user_viewer']) {
      const list = await as(who).list({ projectId: P });
      expect(list).toHaveLength(1);
      expect(JSON.stringify(list)).not.toContain('sk-secret');
      expect(list[0]).not.toHaveProperty('apiKeySealed');
    }
    const [row] = await h.db.select().from(modelEndpoints).where(eq(modelEndpoints.id, id));
    expect(row!.apiKeySealed).not.toContain('sk-secret');
    expect((await loadModelEndpoint(h.db, P, id))!.apiKey).toBe('sk-secret-1234');
  });

  it('keeps the key while the URL stays, and drops it when the URL changes without a new key', async () => {
    expect(
      await as('user_admin').save({ projectId: P, id, name: 'hosted', baseUrl: 'https://llm.example.com/v1/', model: 'gpt-y' }),
    ).toMatchObject({
      hasApiKey: true,
      model: 'gpt-y',
    });
    const moved = await as('user_admin').save({
      projectId: P,
      id,
      name: 'hosted',
      baseUrl: 'https://elsewhere.example.net/v1',
      model: 'gpt-y',
    });
    expect(moved).toMatchObject({ hasApiKey: false, apiKeyHint: null });
    expect((await loadModelEndpoint(h.db, P, id))!.apiKey).toBeNull();
  });

  it('cannot be saved or removed by an engineer, and names are unique per project', async () => {
    await expect(
      as('user_engineer').save({ projectId: P, name: 'mine', baseUrl: 'https://x.example/v1', model: 'm' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(as('user_engineer').remove({ projectId: P, id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      as('user_admin').save({ projectId: P, name: 'hosted', baseUrl: 'https://x.example/v1', model: 'm' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('already called hosted'),
    });
    expect(await as('user_admin').remove({ projectId: P, id })).toEqual({ removed: id });
    expect(await as('user_viewer').list({ projectId: P })).toEqual([]);
  });
});
