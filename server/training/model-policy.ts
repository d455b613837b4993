// Registered models as agents: the Environment factory runs `model:<id>` through this provider (the entry points
// register it, server/main/policies.ts), and evaluation and serving load models the same way. Loaded models are
// cached (a load parses the artefact and uploads weights).
import 'server-only';
import { readFile } from 'node:fs/promises';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { models } from '@/db/schema';
import { artifactPath } from '@/server/artifacts/store';
import type { Policy, PolicyProvider } from '@/server/environment/policy';
import { DomainError } from '@/server/domain-error';
import { ANSWER_CLOSE, CALL_CLOSE } from '@/common/agent-protocol';
import { BUILTIN_BASE } from './bases';
import type { ModelPolicy } from './engine';
import { loadEngine } from './engine/load';
import { getModel } from './registry';

const CACHE_SIZE = 4;
const cache = new Map<string, Promise<ModelPolicy>>();

/** Loads a model's artefact by its content hash; the most recently used few stay loaded. */
export function loadRegisteredModel(sha256: string): Promise<ModelPolicy> {
  const hit = cache.get(sha256);
  if (hit) {
    cache.delete(sha256);
    cache.set(sha256, hit);
    return hit;
  }
  const loading = Promise.all([readFile(artifactPath(sha256)), loadEngine()]).then(([bytes, { loadModel }]) => loadModel(bytes));
  cache.set(sha256, loading);
  loading.catch(() => cache.delete(sha256));
  while (cache.size > CACHE_SIZE) {
    const [oldest, evicted] = cache.entries().next().value as [string, Promise<ModelPolicy>];
    cache.delete(oldest);
    void evicted.then(
      (m) => m.dispose(),
      () => {},
    );
  }
  return loading;
}

/** One turn of a model in the agent protocol: it writes until it has made a tool call or given its answer. */
export function modelTurnPolicy(name: string, model: ModelPolicy): Policy {
  return {
    name,
    next: async ({ prompt, transcript }) =>
      (await model.generate(prompt, { responsePrefix: transcript, stop: [CALL_CLOSE, ANSWER_CLOSE] })).text,
  };
}

// Only models of the built-in base can run here: a hosted base's artefact describes a model served by its provider.
export const modelPolicyProvider: PolicyProvider = {
  kind: 'model',
  list: async (db: Db, projectId: string) => {
    const rows = await db
      .select()
      .from(models)
      .where(and(eq(models.projectId, projectId), eq(models.base, BUILTIN_BASE)))
      .orderBy(desc(models.createdAt))
      .limit(50);
    return rows.map((m) => ({
      ref: `model:${m.id}`,
      label: `${m.name} (${m.id})`,
      description:
        m.metrics.valAccuracy === null
          ? `trained ${m.metrics.steps} steps`
          : `validation accuracy ${(m.metrics.valAccuracy * 100).toFixed(1)}%`,
    }));
  },
  has: async (db, projectId, id) => (await getModel(db, projectId, id))?.base === BUILTIN_BASE,
  create: async ({ db, projectId, id }) => {
    const model = await getModel(db, projectId, id);
    if (!model) throw new DomainError('not_found', `No model ${id} in this project.`);
    return modelTurnPolicy(`model:${model.id}`, await loadRegisteredModel(model.sha256));
  },
};
