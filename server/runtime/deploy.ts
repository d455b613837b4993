// Deploy, stop, roll back, promote. A deploy is refused unless the model's latest evaluation PASSed under the
// project's current policy: the gate (server/evaluation/gate.ts) is asked inside the same transaction that writes the
// new version, so a refusal writes nothing. Versions per name are numbered under an advisory lock on the name.
import 'server-only';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { deployments, models, type Deployment } from '@/db/schema';
import { DomainError, fieldError } from '@/server/domain-error';
import { assertDeployable } from '@/server/evaluation/gate';
import { BUILTIN_BASE } from '@/server/training/bases';
import { ACTIVE, CHAT_ENDPOINT, findDeployment } from './deployments';
import { notifyDeploymentsChanged } from './host-signal';
import { configOf, ensureBasicAgent, getTemplate } from './templates';

export const DEPLOYMENT_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export type DeployRequest = {
  projectId: string;
  modelId: string;
  /** Default: the project's basic-agent. */
  templateId?: string;
  /** What clients send as `model`. Default: the model's name. */
  name?: string;
  actorId: string;
  /** A canary: the share of the name's traffic (1–99) this version takes beside the current one. */
  canaryPercent?: number;
};

const nameLock = (tx: Tx, projectId: string, name: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deploy:${projectId}:${name}`}))`);

const defaultName = (modelName: string) =>
  modelName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 63) || 'agent';

export async function deployModel(db: Db, r: DeployRequest): Promise<{ deploymentId: string; version: number; endpoint: string }> {
  const created = await db.transaction(async (tx) => {
    const { evaluationRunId } = await assertDeployable(tx, r.projectId, r.modelId);
    const [model] = await tx
      .select({ name: models.name, base: models.base })
      .from(models)
      .where(and(eq(models.projectId, r.projectId), eq(models.id, r.modelId)));
    if (!model) throw new DomainError('precondition_failed', `${r.modelId} is not a model of this project.`);
    if (model.base !== BUILTIN_BASE)
      throw new DomainError(
        'precondition_failed',
        `${r.modelId} is a ${model.base} model: only built-in models can be served from a sandbox here yet.`,
      );
    const name = r.name ?? defaultName(model.name);
    if (!DEPLOYMENT_NAME.test(name))
      throw fieldError('name', 'Use 1–63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.');
    if (r.canaryPercent !== undefined && !(Number.isInteger(r.canaryPercent) && r.canaryPercent >= 1 && r.canaryPercent <= 99))
      throw fieldError('canaryPercent', 'A canary takes 1–99% of the traffic.');
    const template = r.templateId ? await getTemplate(tx, r.projectId, r.templateId) : await ensureBasicAgent(tx, r.projectId);
    await nameLock(tx, r.projectId, name);
    const versions = await tx
      .select()
      .from(deployments)
      .where(and(eq(deployments.projectId, r.projectId), eq(deployments.name, name)))
      .orderBy(desc(deployments.version));
    const version = (versions[0]?.version ?? 0) + 1;
    const serving = versions.filter((v) => ACTIVE.includes(v.status));
    const now = new Date();
    if (r.canaryPercent !== undefined) {
      if (serving.length !== 1)
        throw fieldError(
          'canaryPercent',
          serving.length
            ? `${name} has a canary already: promote or roll it back first.`
            : `${name} serves nothing yet: deploy it without a canary first.`,
        );
      await tx
        .update(deployments)
        .set({ trafficPercent: 100 - r.canaryPercent, updatedAt: now })
        .where(eq(deployments.id, serving[0]!.id));
    } else if (serving.length) {
      await tx
        .update(deployments)
        .set({ status: 'stopped', statusReason: `replaced by v${version}`, stoppedAt: now, updatedAt: now })
        .where(
          inArray(
            deployments.id,
            serving.map((s) => s.id),
          ),
        );
    }
    const [row] = await tx
      .insert(deployments)
      .values({
        id: newId('deploy'),
        projectId: r.projectId,
        name,
        version,
        modelId: r.modelId,
        templateId: template.id,
        config: configOf(template),
        status: 'starting',
        evaluationRunId,
        trafficPercent: r.canaryPercent ?? 100,
        createdBy: r.actorId,
      })
      .returning();
    return row!;
  });
  notifyDeploymentsChanged();
  return { deploymentId: created.id, version: created.version, endpoint: CHAT_ENDPOINT };
}

export async function stopDeployment(db: Db, projectId: string, deploymentId: string): Promise<Deployment> {
  const stopped = await db.transaction(async (tx) => {
    const d = await findDeployment(tx, projectId, deploymentId);
    await nameLock(tx, projectId, d.name);
    const now = new Date();
    const [row] = await tx
      .update(deployments)
      .set({ status: 'stopped', statusReason: 'stopped by hand', stoppedAt: now, updatedAt: now })
      .where(eq(deployments.id, d.id))
      .returning();
    // A canary's partner takes the whole traffic again.
    await tx
      .update(deployments)
      .set({ trafficPercent: 100, updatedAt: now })
      .where(
        and(
          eq(deployments.projectId, projectId),
          eq(deployments.name, d.name),
          inArray(deployments.status, ACTIVE),
          ne(deployments.id, d.id),
        ),
      );
    return row!;
  });
  notifyDeploymentsChanged();
  return stopped;
}

/**
 * One action back: the newest serving version of `name` stops; a version still serving beside it (the canary's
 * partner) takes all traffic, or else the previous version that ran starts again. The version brought back was
 * gated when it was deployed; it is not re-gated, so a rollback works in an incident even after a policy change.
 */
export async function rollbackDeployment(db: Db, projectId: string, name: string): Promise<Deployment> {
  const back = await db.transaction(async (tx) => {
    await nameLock(tx, projectId, name);
    const versions = await tx
      .select()
      .from(deployments)
      .where(and(eq(deployments.projectId, projectId), eq(deployments.name, name)))
      .orderBy(desc(deployments.version));
    const current = versions.find((v) => ACTIVE.includes(v.status));
    if (!current) throw new DomainError('precondition_failed', `${name} serves nothing: there is nothing to roll back.`);
    const now = new Date();
    const partner = versions.find((v) => v.id !== current.id && ACTIVE.includes(v.status));
    const previous = partner ?? versions.find((v) => v.version < current.version && v.status === 'stopped');
    if (!previous)
      throw new DomainError(
        'precondition_failed',
        `${name} v${current.version} is its first version: there is no earlier one to roll back to.`,
      );
    await tx
      .update(deployments)
      .set({ status: 'stopped', statusReason: `rolled back to v${previous.version}`, stoppedAt: now, updatedAt: now })
      .where(eq(deployments.id, current.id));
    const [row] = await tx
      .update(deployments)
      .set({
        trafficPercent: 100,
        updatedAt: now,
        ...(previous.status === 'stopped'
          ? { status: 'starting' as const, statusReason: `brought back from v${current.version}`, stoppedAt: null }
          : {}),
      })
      .where(eq(deployments.id, previous.id))
      .returning();
    return row!;
  });
  notifyDeploymentsChanged();
  return back;
}

/** A canary takes all of its name's traffic; the version beside it stops. */
export async function promoteDeployment(db: Db, projectId: string, deploymentId: string): Promise<Deployment> {
  const promoted = await db.transaction(async (tx) => {
    const d = await findDeployment(tx, projectId, deploymentId);
    await nameLock(tx, projectId, d.name);
    if (!ACTIVE.includes(d.status))
      throw new DomainError('precondition_failed', `${d.name} v${d.version} is ${d.status}: only a serving version can be promoted.`);
    const now = new Date();
    await tx
      .update(deployments)
      .set({ status: 'stopped', statusReason: `replaced by v${d.version}`, stoppedAt: now, updatedAt: now })
      .where(
        and(
          eq(deployments.projectId, projectId),
          eq(deployments.name, d.name),
          inArray(deployments.status, ACTIVE),
          ne(deployments.id, d.id),
        ),
      );
    const [row] = await tx.update(deployments).set({ trafficPercent: 100, updatedAt: now }).where(eq(deployments.id, d.id)).returning();
    return row!;
  });
  notifyDeploymentsChanged();
  return promoted;
}
