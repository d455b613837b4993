// Read models of scenarios for the pages: the list (latest version of each name, with its case count, validation and
// last run) and one version in detail (its siblings, usage, validation job).
import 'server-only';
import { and, asc, count, desc, eq, inArray, max, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { environmentRuns, jobs, scenarioCases, scenarios } from '@/db/schema';
import { scenarioId } from './naming';

async function caseCounts(db: Db, projectId: string, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: scenarioCases.scenarioId, n: count() })
    .from(scenarioCases)
    .where(and(eq(scenarioCases.projectId, projectId), inArray(scenarioCases.scenarioId, ids)))
    .groupBy(scenarioCases.scenarioId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function listScenarios(db: Db, projectId: string, f: { page: number; pageSize: number }) {
  const latest = await db
    .select({ name: scenarios.name, version: max(scenarios.version), versions: count(), touched: max(scenarios.updatedAt) })
    .from(scenarios)
    .where(eq(scenarios.projectId, projectId))
    .groupBy(scenarios.name)
    .orderBy(desc(max(scenarios.updatedAt)), asc(scenarios.name))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db
    .select({ n: sql<number>`count(distinct ${scenarios.name})`.mapWith(Number) })
    .from(scenarios)
    .where(eq(scenarios.projectId, projectId));
  if (!latest.length) return { rows: [], total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };

  const names = latest.map((l) => l.name);
  const [versions, counts, lastRuns] = await Promise.all([
    db
      .select()
      .from(scenarios)
      .where(
        and(
          eq(scenarios.projectId, projectId),
          or(...latest.map((l) => and(eq(scenarios.name, l.name), eq(scenarios.version, l.version!)))),
        ),
      ),
    caseCounts(
      db,
      projectId,
      latest.map((l) => scenarioId(l.name, l.version!)),
    ),
    // The most recent run on any version of each name.
    db
      .selectDistinctOn([scenarios.name], {
        name: scenarios.name,
        runId: environmentRuns.id,
        scenarioId: environmentRuns.scenarioId,
        passed: environmentRuns.passed,
        completed: environmentRuns.completed,
        caseCount: environmentRuns.caseCount,
        policy: environmentRuns.policy,
        status: jobs.status,
        createdAt: environmentRuns.createdAt,
      })
      .from(environmentRuns)
      .innerJoin(scenarios, and(eq(scenarios.projectId, environmentRuns.projectId), eq(scenarios.id, environmentRuns.scenarioId)))
      .innerJoin(jobs, eq(jobs.id, environmentRuns.jobId))
      .where(and(eq(environmentRuns.projectId, projectId), inArray(scenarios.name, names)))
      .orderBy(scenarios.name, desc(environmentRuns.createdAt)),
  ]);
  const byName = new Map(versions.map((v) => [v.name, v]));
  const runByName = new Map(lastRuns.map((r) => [r.name, r]));
  const rows = latest.map((l) => {
    const s = byName.get(l.name)!;
    return { ...s, versions: l.versions, caseCount: counts.get(s.id) ?? 0, lastRun: runByName.get(l.name) ?? null };
  });
  return { rows, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export async function getScenarioDetail(db: Db, projectId: string, id: string) {
  const [scenario] = await db
    .select()
    .from(scenarios)
    .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, id)));
  if (!scenario) return null;
  const [versions, counts, validationJob] = await Promise.all([
    db
      .select({
        id: scenarios.id,
        version: scenarios.version,
        validationStatus: scenarios.validationStatus,
        usedAt: scenarios.usedAt,
        createdAt: scenarios.createdAt,
      })
      .from(scenarios)
      .where(and(eq(scenarios.projectId, projectId), eq(scenarios.name, scenario.name)))
      .orderBy(desc(scenarios.version)),
    caseCounts(db, projectId, [id]),
    scenario.validationJobId
      ? db
          .select({ id: jobs.id, status: jobs.status, progress: jobs.progress, message: jobs.message, error: jobs.error })
          .from(jobs)
          .where(eq(jobs.id, scenario.validationJobId))
          .then((r) => r[0] ?? null)
      : null,
  ]);
  return { scenario, versions, caseCount: counts.get(id) ?? 0, validationJob };
}
