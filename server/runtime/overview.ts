// What the Runtime pages show: deployments with their pool and traffic, one deployment's detail (versions, pool
// metrics and samples, health history, recent requests, latency percentiles and errors), and the models the deploy
// form may offer with the gate's answer for each.
import 'server-only';
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import type { PageRequest } from '@/db/paging';
import { deploymentRequests, models } from '@/db/schema';
import { gateStatus } from '@/server/evaluation/gate';
import { BUILTIN_BASE } from '@/server/training/bases';
import { getDeployment, listDeployments, versionsOf } from './deployments';
import type { RuntimeHost } from './pools';

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};

export type TrafficSummary = {
  requests: number;
  errors: number;
  perMinute: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
};

const WINDOW_MS = 15 * 60_000;

async function traffic(db: Db, deploymentIds: string[]): Promise<Map<string, TrafficSummary>> {
  const out = new Map<string, TrafficSummary>();
  if (!deploymentIds.length) return out;
  const since = new Date(Date.now() - WINDOW_MS);
  const rows = await db
    .select({ deploymentId: deploymentRequests.deploymentId, status: deploymentRequests.status, latencyMs: deploymentRequests.latencyMs })
    .from(deploymentRequests)
    .where(and(inArray(deploymentRequests.deploymentId, deploymentIds), gte(deploymentRequests.createdAt, since)))
    .limit(20_000);
  for (const id of deploymentIds) {
    const mine = rows.filter((r) => r.deploymentId === id);
    const ok = mine.filter((r) => r.status < 400).map((r) => r.latencyMs);
    out.set(id, {
      requests: mine.length,
      errors: mine.length - ok.length,
      perMinute: Math.round((mine.length / (WINDOW_MS / 60_000)) * 10) / 10,
      p50Ms: quantile(ok, 0.5),
      p95Ms: quantile(ok, 0.95),
      p99Ms: quantile(ok, 0.99),
    });
  }
  return out;
}

export async function deploymentsOverview(db: Db, host: RuntimeHost, projectId: string, request: PageRequest) {
  const page = await listDeployments(db, projectId, request);
  const t = await traffic(
    db,
    page.rows.map((d) => d.id),
  );
  const rows = await Promise.all(
    page.rows.map(async (d) => {
      const pool = await host.poolState(d.id);
      const m = pool?.metrics;
      const lastHealth = m?.health.at(-1) ?? null;
      return {
        ...d,
        traffic: t.get(d.id)!,
        pool: m ? { idle: m.idle, busy: m.busy, starting: m.starting, max: m.max, breakerOpen: m.breaker.open } : null,
        health: lastHealth ? (lastHealth.healthy ? 'healthy' : 'unhealthy') : m ? (m.idle + m.busy > 0 ? 'warm' : 'cold') : null,
      };
    }),
  );
  return { ...page, rows };
}

export async function deploymentDetail(db: Db, host: RuntimeHost, projectId: string, deploymentId: string) {
  const deployment = await getDeployment(db, projectId, deploymentId);
  const versions = await versionsOf(db, projectId, deployment.name);
  const [pool, t, recent] = await Promise.all([
    host.poolState(deploymentId),
    traffic(
      db,
      versions.map((v) => v.id),
    ),
    db
      .select()
      .from(deploymentRequests)
      .where(eq(deploymentRequests.deploymentId, deploymentId))
      .orderBy(desc(deploymentRequests.createdAt))
      .limit(25),
  ]);
  return {
    deployment,
    versions: versions.map((v) => ({ ...v, traffic: t.get(v.id)! })),
    pool,
    traffic: t.get(deploymentId)!,
    recent,
  };
}

/** The project's built-in models with the gate's answer: the form offers only the deployable ones and shows why not. */
export async function deployableModels(db: Db, projectId: string) {
  const rows = await db
    .select({ id: models.id, name: models.name, createdAt: models.createdAt })
    .from(models)
    .where(and(eq(models.projectId, projectId), eq(models.base, BUILTIN_BASE)))
    .orderBy(desc(models.createdAt))
    .limit(30);
  return Promise.all(rows.map(async (m) => ({ ...m, gate: await gateStatus(db, projectId, m.id) })));
}
