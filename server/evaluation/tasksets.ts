// Taskset versions: create, read, and edit — where editing a version an evaluation has used creates the next version
// instead, so every run can be reproduced on exactly the cases it scored. The judge prompt is the judge's
// configuration, not the test content: it can be changed on any version, and each run records the prompt it used.
import 'server-only';
import { and, asc, count, eq, max, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { tasksetCases, tasksets, type Taskset, type TasksetCase, type TasksetDifficulty, type TasksetSource } from '@/db/schema';
import { batches } from '@/server/environment/batches';
import { checkTools } from '@/server/environment/scenarios';
import { DomainError, fieldError } from '@/server/domain-error';
import { MAX_TASKSET_CASES, tasksetId, type NewTasksetCase } from './taskset-input';

export const tasksetNotFound = (id: string) => new DomainError('not_found', `No taskset ${id} in this project.`);

export type NewTaskset = {
  projectId: string;
  name: string;
  difficulty?: TasksetDifficulty;
  tags?: string[];
  description?: string;
  tools?: string[];
  scenarioId?: string | null;
  source: TasksetSource;
  createdBy: string | null;
};

export async function getTaskset(db: Db | Tx, projectId: string, id: string): Promise<Taskset | null> {
  const [row] = await db
    .select()
    .from(tasksets)
    .where(and(eq(tasksets.projectId, projectId), eq(tasksets.id, id)));
  return row ?? null;
}

export async function requireTaskset(db: Db | Tx, projectId: string, id: string): Promise<Taskset> {
  const t = await getTaskset(db, projectId, id);
  if (!t) throw tasksetNotFound(id);
  return t;
}

/** Adds cases after the version's last one, in statements far below the bind-parameter limit. */
export async function insertTasksetCases(
  tx: Tx | Db,
  target: Pick<Taskset, 'projectId' | 'id'>,
  cases: readonly NewTasksetCase[],
): Promise<void> {
  const [last] = await tx
    .select({ p: max(tasksetCases.position), n: count() })
    .from(tasksetCases)
    .where(and(eq(tasksetCases.projectId, target.projectId), eq(tasksetCases.tasksetId, target.id)));
  if ((last?.n ?? 0) + cases.length > MAX_TASKSET_CASES)
    throw fieldError(
      'cases',
      `A taskset holds at most ${MAX_TASKSET_CASES} cases; this one has ${last?.n ?? 0} and ${cases.length} more would not fit.`,
    );
  const start = (last?.p ?? 0) + 1;
  const rows = cases.map((c, i) => ({ id: newId('tcase'), projectId: target.projectId, tasksetId: target.id, position: start + i, ...c }));
  for (const batch of batches(rows)) await tx.insert(tasksetCases).values(batch);
}

/** Version 1 of a new name with its cases, in one transaction. */
export async function createTaskset(db: Db, o: NewTaskset, cases: readonly NewTasksetCase[]): Promise<Taskset> {
  const tools = [...new Set(o.tools ?? [])];
  checkTools(tools);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ v: max(tasksets.version) })
      .from(tasksets)
      .where(and(eq(tasksets.projectId, o.projectId), eq(tasksets.name, o.name)));
    if (existing?.v)
      throw fieldError(
        'name',
        `A taskset named ${o.name} exists already (${tasksetId(o.name, existing.v)}): pick another name, or add cases to it.`,
      );
    const [row] = await tx
      .insert(tasksets)
      .values({
        id: tasksetId(o.name, 1),
        projectId: o.projectId,
        name: o.name,
        version: 1,
        difficulty: o.difficulty ?? 'medium',
        tags: o.tags ?? [],
        description: o.description ?? '',
        tools,
        scenarioId: o.scenarioId ?? null,
        source: o.source,
        createdBy: o.createdBy,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw fieldError('name', `A taskset named ${o.name} was just created by someone else.`);
    await insertTasksetCases(tx, row, cases);
    return row;
  });
}

export async function loadTasksetCases(db: Db | Tx, projectId: string, id: string): Promise<TasksetCase[]> {
  return db
    .select()
    .from(tasksetCases)
    .where(and(eq(tasksetCases.projectId, projectId), eq(tasksetCases.tasksetId, id)))
    .orderBy(asc(tasksetCases.position));
}

export async function caseCount(db: Db | Tx, projectId: string, id: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(tasksetCases)
    .where(and(eq(tasksetCases.projectId, projectId), eq(tasksetCases.tasksetId, id)));
  return row?.n ?? 0;
}

/** Records the first evaluation that used this version; from then on it is immutable. */
export async function markTasksetUsed(db: Db | Tx, projectId: string, id: string, usedBy: string): Promise<void> {
  await db
    .update(tasksets)
    .set({ usedAt: sql`coalesce(${tasksets.usedAt}, now())`, usedBy: sql`coalesce(${tasksets.usedBy}, ${usedBy})` })
    .where(and(eq(tasksets.projectId, projectId), eq(tasksets.id, id)));
}

export type EditedTaskset<R> = { taskset: Taskset; forkedFrom: string | null; result: R };

/** Applies an edit in place while nothing has used the version, else to the next version copied from it. */
export async function editTaskset<R>(
  db: Db,
  projectId: string,
  id: string,
  by: string | null,
  apply: (tx: Tx, target: Taskset) => Promise<R>,
): Promise<EditedTaskset<R>> {
  return db.transaction(async (tx) => {
    // The row lock orders this edit against an evaluation being started on the same version.
    const [source] = await tx
      .select()
      .from(tasksets)
      .where(and(eq(tasksets.projectId, projectId), eq(tasksets.id, id)))
      .for('update');
    if (!source) throw tasksetNotFound(id);
    const target = source.usedAt ? await fork(tx, source, by) : source;
    const result = await apply(tx, target);
    const [edited] = await tx
      .update(tasksets)
      .set({ revision: sql`${tasksets.revision} + 1`, updatedAt: new Date() })
      .where(and(eq(tasksets.projectId, projectId), eq(tasksets.id, target.id)))
      .returning();
    return { taskset: edited!, forkedFrom: source.usedAt ? source.id : null, result };
  });
}

async function fork(tx: Tx, source: Taskset, by: string | null): Promise<Taskset> {
  const [last] = await tx
    .select({ v: max(tasksets.version) })
    .from(tasksets)
    .where(and(eq(tasksets.projectId, source.projectId), eq(tasksets.name, source.name)));
  const version = (last?.v ?? source.version) + 1;
  const { createdAt: _c, updatedAt: _u, usedAt: _a, usedBy: _b, revision: _r, ...copy } = source;
  const [created] = await tx
    .insert(tasksets)
    .values({ ...copy, id: tasksetId(source.name, version), version, parentId: source.id, createdBy: by })
    .returning();
  // Copied in SQL: a 100k-case version forks without passing through this process.
  await tx.execute(sql`
    insert into ${tasksetCases} (id, project_id, taskset_id, position, prompt, messages, expected, checks, tags, difficulty)
    select 'tcase_' || md5(random()::text || id), project_id, ${created!.id}, position, prompt, messages, expected, checks, tags, difficulty
    from ${tasksetCases} where project_id = ${source.projectId} and taskset_id = ${source.id}`);
  return created!;
}

export type TasksetSettings = { description?: string; difficulty?: TasksetDifficulty; tags?: string[]; tools?: string[] };

/** Description, difficulty, tags and tools are part of what a run measured: a used version gets a new one. */
export async function updateTasksetSettings(db: Db, projectId: string, id: string, by: string | null, change: TasksetSettings) {
  if (change.tools) checkTools(change.tools);
  return editTaskset(db, projectId, id, by, async (tx, target) => {
    await tx
      .update(tasksets)
      .set({
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.difficulty ? { difficulty: change.difficulty } : {}),
        ...(change.tags ? { tags: [...new Set(change.tags)] } : {}),
        ...(change.tools ? { tools: [...new Set(change.tools)] } : {}),
      })
      .where(and(eq(tasksets.projectId, projectId), eq(tasksets.id, target.id)));
    return null;
  });
}

/** The judge's instructions for this version (null restores the default); no new version, see the header. */
export async function setJudgePrompt(db: Db, projectId: string, id: string, prompt: string | null): Promise<Taskset> {
  const [row] = await db
    .update(tasksets)
    .set({ judgePrompt: prompt, updatedAt: new Date() })
    .where(and(eq(tasksets.projectId, projectId), eq(tasksets.id, id)))
    .returning();
  if (!row) throw tasksetNotFound(id);
  return row;
}
