// Reading and changing deployments' state: the page's lists, the serving path's lookup of a name's live versions,
// and the transitions the pool host makes (starting → live, → failed). Deploy, stop and rollback: ./deploy.ts.
import 'server-only';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { paged, type PageRequest } from '@/db/paging';
import { deployments, type Deployment, type DeploymentStatus } from '@/db/schema';
import { DomainError } from '@/server/domain-error';

/** The OpenAI base URL clients configure; `model` is the deployment's name. */
export const API_BASE_PATH = '/api/v1';
export const CHAT_ENDPOINT = `${API_BASE_PATH}/chat/completions`;
export const ACTIVE: DeploymentStatus[] = ['starting', 'live'];

export type DeploymentView = Pick<
  Deployment,
  | 'id'
  | 'name'
  | 'version'
  | 'modelId'
  | 'templateId'
  | 'status'
  | 'statusReason'
  | 'trafficPercent'
  | 'evaluationRunId'
  | 'createdAt'
  | 'stoppedAt'
  | 'config'
> & { endpoint: string };

const view = (d: Deployment): DeploymentView => ({
  id: d.id,
  name: d.name,
  version: d.version,
  modelId: d.modelId,
  templateId: d.templateId,
  status: d.status,
  statusReason: d.statusReason,
  trafficPercent: d.trafficPercent,
  evaluationRunId: d.evaluationRunId,
  createdAt: d.createdAt,
  stoppedAt: d.stoppedAt,
  config: d.config,
  endpoint: CHAT_ENDPOINT,
});

export async function findDeployment(db: Db | Tx, projectId: string, deploymentId: string): Promise<Deployment> {
  const [row] = await db
    .select()
    .from(deployments)
    .where(and(eq(deployments.projectId, projectId), eq(deployments.id, deploymentId)));
  if (!row) throw new DomainError('not_found', `No deployment ${deploymentId} in this project.`);
  return row;
}

export async function getDeployment(db: Db, projectId: string, deploymentId: string): Promise<DeploymentView> {
  return view(await findDeployment(db, projectId, deploymentId));
}

export async function listDeployments(db: Db, projectId: string, request: PageRequest & { activeOnly?: boolean }) {
  const where = and(eq(deployments.projectId, projectId), request.activeOnly ? inArray(deployments.status, ACTIVE) : undefined);
  const page = await paged(
    request,
    (limit, offset) =>
      db
        .select()
        .from(deployments)
        .where(where)
        .orderBy(desc(deployments.createdAt), desc(deployments.version))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(deployments).where(where),
  );
  return { ...page, rows: page.rows.map(view) };
}

/** Every version of one name, newest first. */
export async function versionsOf(db: Db, projectId: string, name: string): Promise<DeploymentView[]> {
  const rows = await db
    .select()
    .from(deployments)
    .where(and(eq(deployments.projectId, projectId), eq(deployments.name, name)))
    .orderBy(desc(deployments.version));
  return rows.map(view);
}

/** The versions of `name` that take traffic (a canary beside the current one makes two). */
export async function servingVersions(db: Db, projectId: string, name: string): Promise<Deployment[]> {
  return db
    .select()
    .from(deployments)
    .where(and(eq(deployments.projectId, projectId), eq(deployments.name, name), inArray(deployments.status, ACTIVE)))
    .orderBy(desc(deployments.version));
}

/** Every deployment that should have a warm pool, in every project (the pool host's reconcile). */
export function activeDeployments(db: Db): Promise<Deployment[]> {
  return db.select().from(deployments).where(inArray(deployments.status, ACTIVE));
}

/** One name per active deployment, for `GET /api/v1/models`. */
export async function servedNames(db: Db, projectId: string): Promise<{ name: string; createdAt: Date }[]> {
  return db
    .select({ name: deployments.name, createdAt: sql<Date>`min(${deployments.createdAt})`.mapWith((v: string) => new Date(v)) })
    .from(deployments)
    .where(and(eq(deployments.projectId, projectId), inArray(deployments.status, ACTIVE)))
    .groupBy(deployments.name)
    .orderBy(deployments.name);
}

/** A pool's report on its deployment: live once it has served or warmed, failed when it cannot run at all. */
export async function setServingState(db: Db, deploymentId: string, status: 'live' | 'failed', reason: string | null): Promise<void> {
  await db
    .update(deployments)
    .set({ status, statusReason: reason, updatedAt: new Date() })
    .where(and(eq(deployments.id, deploymentId), inArray(deployments.status, ACTIVE)));
}

export async function setStatusReason(db: Db, deploymentId: string, reason: string | null): Promise<void> {
  await db
    .update(deployments)
    .set({ statusReason: reason })
    .where(and(eq(deployments.id, deploymentId), inArray(deployments.status, ACTIVE)));
}

/** The model the project serves now (the newest full-traffic active version), for Evaluation's no-regression rule. */
export async function deployedModel(db: Db, projectId: string): Promise<string | null> {
  const [row] = await db
    .select({ modelId: deployments.modelId })
    .from(deployments)
    .where(and(eq(deployments.projectId, projectId), inArray(deployments.status, ACTIVE)))
    .orderBy(desc(deployments.trafficPercent), desc(deployments.createdAt))
    .limit(1);
  return row?.modelId ?? null;
}
