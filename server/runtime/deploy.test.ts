// Deploy, versions, stop, rollback and canary on PGlite with real models and the real gate: a model without a PASS is
// refused with precondition_failed and nothing is written; each deploy of a name is its next version; rollback
// brings the previous version back in one action; a canary takes its share of traffic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-deploy-'));
process.env.AF_DATA_DIR = dataDir;

const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const schema = await import('@/db/schema');
const { registerTinyModel } = await import('@/server/evaluation/testing');
const { passingModel } = await import('./testing');
const { deployModel, rollbackDeployment, stopDeployment, promoteDeployment } = await import('./deploy');
const { getDeployment, versionsOf, deployedModel } = await import('./deployments');
const { pickVersion } = await import('./serve');

type Handle = Awaited<ReturnType<typeof memoryDb>>;
let h: Handle;
let passing = '';

beforeAll(async () => {
  h = await memoryDb({ seed: true });
  passing = await passingModel(h.db, P);
}, 300_000);
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('deploy', { timeout: 180_000 }, () => {
  it('refuses a model without a PASS with the gate reasons and writes nothing', async () => {
    const fresh = await registerTinyModel(h.db, P, { name: 'fresh' });
    const err = await deployModel(h.db, { projectId: P, modelId: fresh, actorId: 'user_engineer', name: 'nope' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'precondition_failed', message: `${fresh} has no evaluation yet: evaluate it on a taskset first.` });
    expect(await h.db.select().from(schema.deployments)).toEqual([]);
    await expect(deployModel(h.db, { projectId: P, modelId: 'model_nope', actorId: 'u' })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
  });

  it('makes versions per name, stops the one it replaces, and rolls back in one action', async () => {
    const v1 = await deployModel(h.db, { projectId: P, modelId: passing, actorId: 'user_engineer', name: 'math' });
    expect(v1).toEqual({ deploymentId: expect.stringMatching(/^deploy_/), version: 1, endpoint: '/api/v1/chat/completions' });
    const d1 = await getDeployment(h.db, P, v1.deploymentId);
    expect(d1).toMatchObject({
      id: v1.deploymentId,
      name: 'math',
      version: 1,
      modelId: passing,
      status: 'starting',
      endpoint: '/api/v1/chat/completions',
    });
    expect(d1.createdAt).toBeInstanceOf(Date);
    expect(d1.config).toMatchObject({ tools: ['calculator'], poolMin: 2, poolMax: 4 });
    expect(await deployedModel(h.db, P)).toBe(passing);

    const v2 = await deployModel(h.db, { projectId: P, modelId: passing, actorId: 'user_engineer', name: 'math' });
    expect(v2.version).toBe(2);
    expect((await getDeployment(h.db, P, v1.deploymentId)).status).toBe('stopped');

    const back = await rollbackDeployment(h.db, P, 'math');
    expect(back).toMatchObject({ id: v1.deploymentId, status: 'starting', trafficPercent: 100 });
    expect(await versionsOf(h.db, P, 'math')).toMatchObject([
      { version: 2, status: 'stopped', statusReason: 'rolled back to v1' },
      { version: 1, status: 'starting' },
    ]);
    await expect(rollbackDeployment(h.db, P, 'math')).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('first version'),
    });

    await stopDeployment(h.db, P, v1.deploymentId);
    expect((await getDeployment(h.db, P, v1.deploymentId)).status).toBe('stopped');
    await expect(rollbackDeployment(h.db, P, 'math')).rejects.toMatchObject({
      code: 'precondition_failed',
      message: expect.stringContaining('serves nothing'),
    });
  });

  it('defaults the name to the model name and the template to basic-agent', async () => {
    const d = await deployModel(h.db, { projectId: P, modelId: passing, actorId: 'user_engineer' });
    const row = await getDeployment(h.db, P, d.deploymentId);
    const [tpl] = await h.db.select().from(schema.runtimeTemplates).where(eq(schema.runtimeTemplates.id, row.templateId));
    expect([row.name, tpl!.name]).toEqual(['tiny-math', 'basic-agent']);
  });

  it('runs a canary beside the current version, then promotes or rolls it back', async () => {
    const base = await deployModel(h.db, { projectId: P, modelId: passing, actorId: 'u', name: 'canaried' });
    const canary = await deployModel(h.db, { projectId: P, modelId: passing, actorId: 'u', name: 'canaried', canaryPercent: 10 });
    const serving = await h.db.select().from(schema.deployments).where(eq(schema.deployments.name, 'canaried'));
    expect(serving.map((d) => [d.version, d.status, d.trafficPercent]).sort()).toEqual([
      [1, 'starting', 90],
      [2, 'starting', 10],
    ]);
    // 400 requests: the canary's share stays within a few standard deviations of 10%.
    let hits = 0;
    for (let i = 0; i < 400; i++) if (pickVersion(serving).id === canary.deploymentId) hits++;
    expect(hits).toBeGreaterThan(20);
    expect(hits).toBeLessThan(65);
    await expect(
      deployModel(h.db, { projectId: P, modelId: passing, actorId: 'u', name: 'canaried', canaryPercent: 5 }),
    ).rejects.toMatchObject({
      code: 'bad_request',
    });
    const back = await rollbackDeployment(h.db, P, 'canaried');
    expect(back).toMatchObject({ id: base.deploymentId, trafficPercent: 100, status: 'starting' });
    const again = await deployModel(h.db, { projectId: P, modelId: passing, actorId: 'u', name: 'canaried', canaryPercent: 20 });
    await promoteDeployment(h.db, P, again.deploymentId);
    expect(await versionsOf(h.db, P, 'canaried')).toMatchObject([
      { version: 3, status: 'starting', trafficPercent: 100 },
      { version: 2, status: 'stopped' },
      { version: 1, status: 'stopped', statusReason: 'replaced by v3' },
    ]);
  });
});
