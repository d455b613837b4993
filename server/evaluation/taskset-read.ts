// Read models of tasksets for the pages: the list (latest version of each name with its size) and one version in
// detail (its sibling versions, its judge prompt and the default it replaces).
import 'server-only';
import { and, asc, count, desc, eq, inArray, max, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { tasksetCases, tasksets } from '@/db/schema';
import { DEFAULT_JUDGE_PROMPT } from './judge-prompt';
import { tasksetId } from './taskset-input';

async function caseCounts(db: Db, projectId: string, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: tasksetCases.tasksetId, n: count() })
    .from(tasksetCases)
    .where(and(eq(tasksetCases.projectId, projectId), inArray(tasksetCases.tasksetId, ids)))
    .groupBy(tasksetCases.tasksetId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function listTasksets(db: Db, projectId: string, f: { page: number; pageSize: number }) {
  const latest = await db
    .select({ name: tasksets.name, version: max(tasksets.version), versions: count() })
    .from(tasksets)
    .where(eq(tasksets.projectId, projectId))
    .groupBy(tasksets.name)
    .orderBy(desc(max(tasksets.updatedAt)), asc(tasksets.name))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db
    .select({ n: sql<number>`count(distinct ${tasksets.name})`.mapWith(Number) })
    .from(tasksets)
    .where(eq(tasksets.projectId, projectId));
  if (!latest.length) return { rows: [], total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(tasksets)
      .where(
        and(eq(tasksets.projectId, projectId), or(...latest.map((l) => and(eq(tasksets.name, l.name), eq(tasksets.version, l.version!))))),
      ),
    caseCounts(
      db,
      projectId,
      latest.map((l) => tasksetId(l.name, l.version!)),
    ),
  ]);
  const byName = new Map(rows.map((r) => [r.name, r]));
  return {
    rows: latest.map((l) => {
      const t = byName.get(l.name)!;
      return { ...t, versions: l.versions, caseCount: counts.get(t.id) ?? 0 };
    }),
    total: total?.n ?? 0,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** Every version of every taskset, newest first, for pickers (the start form offers any version). */
export async function tasksetOptions(db: Db, projectId: string) {
  const rows = await db
    .select({ id: tasksets.id, name: tasksets.name, version: tasksets.version, difficulty: tasksets.difficulty, tools: tasksets.tools })
    .from(tasksets)
    .where(eq(tasksets.projectId, projectId))
    .orderBy(asc(tasksets.name), desc(tasksets.version))
    .limit(500);
  const counts = await caseCounts(
    db,
    projectId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, caseCount: counts.get(r.id) ?? 0 }));
}

export async function getTasksetDetail(db: Db, projectId: string, id: string) {
  const [taskset] = await db
    .select()
    .from(tasksets)
    .where(and(eq(tasksets.projectId, projectId), eq(tasksets.id, id)));
  if (!taskset) return null;
  const [versions, counts] = await Promise.all([
    db
      .select({ id: tasksets.id, version: tasksets.version, usedAt: tasksets.usedAt, createdAt: tasksets.createdAt })
      .from(tasksets)
      .where(and(eq(tasksets.projectId, projectId), eq(tasksets.name, taskset.name)))
      .orderBy(desc(tasksets.version)),
    caseCounts(db, projectId, [id]),
  ]);
  return {
    taskset,
    versions,
    caseCount: counts.get(id) ?? 0,
    judgePrompt: taskset.judgePrompt ?? DEFAULT_JUDGE_PROMPT,
    judgePromptIsDefault: taskset.judgePrompt === null,
    defaultJudgePrompt: DEFAULT_JUDGE_PROMPT,
  };
}
