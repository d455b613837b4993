// The cases of a taskset version: list them, and add (pasted, generated, imported) or remove some. Every change goes
// through editTaskset, so a used version is never touched: the change lands in the next version.
import 'server-only';
import { and, asc, count, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db';
import { tasksetCases } from '@/db/schema';
import { paged } from '@/db/paging';
import { generateArithmeticCases, type generateRecipeSchema } from '@/server/environment/generate';
import { parsePastedCases, type LineError } from '@/server/environment/paste';
import { fieldError } from '@/server/domain-error';
import { fromScenarioCase, type NewTasksetCase } from './taskset-input';
import { editTaskset, insertTasksetCases, requireTaskset } from './tasksets';

type Ref = { projectId: string; tasksetId: string; by: string | null };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listTasksetCases(db: Db, projectId: string, id: string, f: { page: number; pageSize: number; search?: string }) {
  const where = and(
    eq(tasksetCases.projectId, projectId),
    eq(tasksetCases.tasksetId, id),
    f.search
      ? or(ilike(tasksetCases.prompt, `%${escapeLike(f.search)}%`), ilike(tasksetCases.expected, `%${escapeLike(f.search)}%`))
      : undefined,
  );
  return paged(
    f,
    (limit, offset) => db.select().from(tasksetCases).where(where).orderBy(asc(tasksetCases.position)).limit(limit).offset(offset),
    db.select({ n: count() }).from(tasksetCases).where(where),
  );
}

async function promptsOf(db: Db, projectId: string, id: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ prompt: tasksetCases.prompt, position: tasksetCases.position })
    .from(tasksetCases)
    .where(and(eq(tasksetCases.projectId, projectId), eq(tasksetCases.tasksetId, id)));
  return new Map(rows.map((r) => [r.prompt.trim(), r.position]));
}

export type AddResult = { tasksetId: string; forkedFrom: string | null; added: number; errors: LineError[] };

/** Adds cases the version does not have yet (a repeated prompt is reported, not added twice). */
export async function addTasksetCases(
  db: Db,
  r: Ref,
  cases: { line: number; value: NewTasksetCase }[],
  errors: LineError[] = [],
): Promise<AddResult> {
  await requireTaskset(db, r.projectId, r.tasksetId);
  const existing = await promptsOf(db, r.projectId, r.tasksetId);
  const all = [...errors];
  const fresh: NewTasksetCase[] = [];
  for (const { line, value } of cases) {
    const at = existing.get(value.prompt.trim());
    if (at !== undefined) all.push({ line, message: `case #${at} already has this prompt` });
    else {
      existing.set(value.prompt.trim(), -line);
      fresh.push(value);
    }
  }
  all.sort((a, b) => a.line - b.line);
  if (!fresh.length) {
    if (!all.length) throw fieldError('text', 'Nothing to add.');
    return { tasksetId: r.tasksetId, forkedFrom: null, added: 0, errors: all };
  }
  const edited = await editTaskset(db, r.projectId, r.tasksetId, r.by, (tx, target) => insertTasksetCases(tx, target, fresh));
  return { tasksetId: edited.taskset.id, forkedFrom: edited.forkedFrom, added: fresh.length, errors: all };
}

/** One case per line, `prompt => expected` or a JSON object, as the Environment's paste reads them. */
export async function pasteTasksetCases(db: Db, r: Ref, text: string): Promise<AddResult> {
  const parsed = parsePastedCases(text);
  return addTasksetCases(
    db,
    r,
    parsed.cases.map((c) => ({ line: c.line, value: fromScenarioCase(c.value) })),
    parsed.errors,
  );
}

export async function generateTasksetCases(
  db: Db,
  r: Ref,
  recipe: z.output<typeof generateRecipeSchema>,
): Promise<AddResult & { shortBy: number }> {
  await requireTaskset(db, r.projectId, r.tasksetId);
  const existing = await promptsOf(db, r.projectId, r.tasksetId);
  const { cases, shortBy } = generateArithmeticCases(recipe, new Set(existing.keys()));
  if (!cases.length) throw fieldError('operations', 'These ranges hold no question the taskset does not have already: widen them.');
  const added = await addTasksetCases(
    db,
    r,
    cases.map((c, i) => ({ line: i + 1, value: fromScenarioCase(c) })),
  );
  return { ...added, shortBy };
}

export async function removeTasksetCases(db: Db, r: Ref, caseIds: string[]) {
  const rows = await db
    .select({ position: tasksetCases.position })
    .from(tasksetCases)
    .where(and(eq(tasksetCases.projectId, r.projectId), eq(tasksetCases.tasksetId, r.tasksetId), inArray(tasksetCases.id, caseIds)));
  if (rows.length !== new Set(caseIds).size) throw fieldError('caseIds', 'Some of these cases are not in this taskset version.');
  const positions = rows.map((x) => x.position);
  const edited = await editTaskset(db, r.projectId, r.tasksetId, r.by, async (tx, target) => {
    const where = and(eq(tasksetCases.projectId, r.projectId), eq(tasksetCases.tasksetId, target.id));
    await tx.delete(tasksetCases).where(and(where, inArray(tasksetCases.position, positions)));
    // Positions stay 1..n: reports and comparisons name cases by them.
    await tx.execute(sql`
      update ${tasksetCases} set position = r.rn
      from (select id, row_number() over (order by position) as rn from ${tasksetCases} where ${where}) r
      where ${tasksetCases.id} = r.id`);
    return positions.length;
  });
  return { tasksetId: edited.taskset.id, forkedFrom: edited.forkedFrom, removed: edited.result };
}
