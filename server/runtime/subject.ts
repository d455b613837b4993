// A live deployment as an evaluation subject (`deployment:deploy_…`): each case is answered by the deployment's own
// warm pool, exactly as a client's request would be (its template's tools, step limit and time limit), a few cases at
// a time, without being logged as traffic. Registered by the entry points (server/main/subjects.ts).
import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { deployments } from '@/db/schema';
import type { CaseRun } from '@/server/environment/executor';
import { agentRunToCase } from '@/server/evaluation/subjects/model';
import type { Subject, SubjectProvider } from '@/server/evaluation/subjects/registry';
import { ACTIVE, findDeployment } from './deployments';
import { runtimeHost } from './pools';

export const deploymentSubjectProvider: SubjectProvider = {
  kind: 'deployment',
  list: async (db, projectId) => {
    const rows = await db
      .select()
      .from(deployments)
      .where(and(eq(deployments.projectId, projectId), inArray(deployments.status, ACTIVE)))
      .orderBy(desc(deployments.createdAt))
      .limit(50);
    return rows.map((d) => ({
      ref: `deployment:${d.id}`,
      kind: 'deployment',
      label: `${d.name} v${d.version} (${d.id})`,
      description: `live deployment of ${d.modelId}, ${d.trafficPercent}% of ${d.name}'s traffic`,
    }));
  },
  describe: async (db, projectId, id) => {
    const [d] = await db
      .select()
      .from(deployments)
      .where(and(eq(deployments.projectId, projectId), eq(deployments.id, id)));
    return d ? { label: `${d.name} v${d.version} (${d.id})`, modelId: d.modelId } : null;
  },
  open: async ({ db, projectId, id }) => {
    const d = await findDeployment(db, projectId, id);
    const pool = await runtimeHost(db).poolFor(d);
    const subject: Subject = {
      name: `deployment:${d.id}`,
      latencyMode: 'per-request',
      batchSize: Math.max(1, d.config.poolMax),
      runBatch: async (cases, o) =>
        Promise.all(
          cases.map(async (c): Promise<CaseRun> => {
            if (o.signal.aborted) throw o.signal.reason;
            const started = performance.now();
            const sandbox = await pool.acquire();
            try {
              const r = await sandbox.chat(c.prompt, { timeoutMs: d.config.requestTimeoutMs, maxCalls: Math.max(0, o.stepLimit - 1) });
              return agentRunToCase({ prompt: c.prompt, ...r, reason: r.reason as never }, performance.now() - started);
            } catch (err) {
              return {
                steps: [],
                finalAnswer: null,
                stopReason: 'policy_error',
                latencyMs: performance.now() - started,
                error: err instanceof Error ? err.message : String(err),
              };
            } finally {
              pool.release(sandbox);
            }
          }),
        ),
    };
    return subject;
  },
};
