// Test cases of a scenario version: list, add by form, paste many, generate arithmetic, change and remove.
// Every change goes through editScenario, so a used version is never touched: the change lands in the next version.
import 'server-only';
import { and, asc, count, eq, ilike, inArray, max, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { scenarioCases, type Scenario } from '@/db/schema';
import { batches } from './batches';
import { MAX_CASES, type NewCase } from './case-input';
import { generateArithmeticCases, type generateRecipeSchema } from './generate';
import { parsePastedCases, type LineError } from './paste';
import { editScenario, getScenario, scenarioNotFound, type Edited } from './scenarios';
import type { z } from 'zod';
import { paged } from '@/db/paging';
import { fieldError } from '@/server/domain-error';

type Ref = { projectId: string; scenarioId: string; by: string | null };

export async function listCases(db: Db, projectId: string, id: string, f: { page: number; pageSize: number; search?: string }) {
  const where = and(
    eq(scenarioCases.projectId, projectId),
    eq(scenarioCases.scenarioId, id),
    f.search
      ? or(ilike(scenarioCases.prompt, `%${escapeLike(f.search)}%`), ilike(scenarioCases.expected, `%${escapeLike(f.search)}%`))
      : undefined,
  );
  const listed = await paged(
    f,
    (limit, offset) => db.select().from(scenarioCases).where(where).orderBy(asc(scenarioCases.position)).limit(limit).offset(offset),
    db.select({ n: count() }).from(scenarioCases).where(where),
  );
  return listed;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Prompt → position of the version's cases, for duplicate checks on input. */
async function promptsOf(db: Db | Tx, projectId: string, id: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ prompt: scenarioCases.prompt, position: scenarioCases.position })
    .from(scenarioCases)
    .where(and(eq(scenarioCases.projectId, projectId), eq(scenarioCases.scenarioId, id)));
  return new Map(rows.map((r) => [r.prompt.trim(), r.position]));
}

async function insertCases(tx: Tx, target: Scenario, cases: NewCase[]): Promise<void> {
  const [last] = await tx
    .select({ p: max(scenarioCases.position), n: count() })
    .from(scenarioCases)
    .where(and(eq(scenarioCases.projectId, target.projectId), eq(scenarioCases.scenarioId, target.id)));
  if ((last?.n ?? 0) + cases.length > MAX_CASES) {
    throw fieldError(
      'cases',
      `A scenario holds at most ${MAX_CASES} cases; this one has ${last?.n ?? 0} and ${cases.length} more would not fit.`,
    );
  }
  const start = (last?.p ?? 0) + 1;
  const rows = cases.map((c, i) => ({ id: newId('case'), projectId: target.projectId, scenarioId: target.id, position: start + i, ...c }));
  for (const batch of batches(rows)) await tx.insert(scenarioCases).values(batch);
}

async function requireScenario(db: Db, r: Ref): Promise<Scenario> {
  const scenario = await getScenario(db, r.projectId, r.scenarioId);
  if (!scenario) throw scenarioNotFound(r.scenarioId);
  return scenario;
}

export async function addCase(db: Db, r: Ref, value: NewCase): Promise<Edited<null>> {
  await requireScenario(db, r);
  const existing = (await promptsOf(db, r.projectId, r.scenarioId)).get(value.prompt.trim());
  if (existing !== undefined) throw fieldError('prompt', `Case #${existing} already has this prompt.`);
  return editScenario(db, r.projectId, r.scenarioId, r.by, async (tx, target) => {
    await insertCases(tx, target, [value]);
    return null;
  });
}

export type PasteResult = { scenarioId: string; forkedFrom: string | null; added: number; errors: LineError[] };

/** Adds the good lines and reports the bad ones by number; nothing is written (and no version made) when no line is good. */
export async function pasteCases(db: Db, r: Ref, text: string): Promise<PasteResult> {
  await requireScenario(db, r);
  const parsed = parsePastedCases(text);
  const existing = await promptsOf(db, r.projectId, r.scenarioId);
  const errors = [...parsed.errors];
  const fresh: NewCase[] = [];
  for (const { line, value } of parsed.cases) {
    const at = existing.get(value.prompt.trim());
    if (at !== undefined) errors.push({ line, message: `case #${at} already has this prompt` });
    else fresh.push(value);
  }
  errors.sort((a, b) => a.line - b.line);
  if (fresh.length === 0) {
    if (errors.length === 0) throw fieldError('text', 'Nothing to add: paste one case per line.');
    return { scenarioId: r.scenarioId, forkedFrom: null, added: 0, errors };
  }
  const edited = await editScenario(db, r.projectId, r.scenarioId, r.by, (tx, target) => insertCases(tx, target, fresh));
  return { scenarioId: edited.scenario.id, forkedFrom: edited.forkedFrom, added: fresh.length, errors };
}

export type GenerateResult = { scenarioId: string; forkedFrom: string | null; added: number; shortBy: number };

export async function generateCases(db: Db, r: Ref, recipe: z.output<typeof generateRecipeSchema>): Promise<GenerateResult> {
  await requireScenario(db, r);
  const existing = await promptsOf(db, r.projectId, r.scenarioId);
  const { cases, shortBy } = generateArithmeticCases(recipe, new Set(existing.keys()));
  if (cases.length === 0) throw fieldError('operations', 'These ranges hold no question the scenario does not have already: widen them.');
  const edited = await editScenario(db, r.projectId, r.scenarioId, r.by, (tx, target) => insertCases(tx, target, cases));
  return { scenarioId: edited.scenario.id, forkedFrom: edited.forkedFrom, added: cases.length, shortBy };
}

/** Positions of the given cases in the version, so the edit can find them again in a freshly made version. */
async function positionsOf(db: Db, r: Ref, caseIds: string[]): Promise<number[]> {
  const rows = await db
    .select({ position: scenarioCases.position })
    .from(scenarioCases)
    .where(and(eq(scenarioCases.projectId, r.projectId), eq(scenarioCases.scenarioId, r.scenarioId), inArray(scenarioCases.id, caseIds)));
  if (rows.length !== new Set(caseIds).size) throw fieldError('caseIds', 'Some of these cases are not in this scenario version.');
  return rows.map((x) => x.position);
}

export async function updateCase(db: Db, r: Ref, caseId: string, value: NewCase): Promise<Edited<null>> {
  const [position] = await positionsOf(db, r, [caseId]);
  const clash = (await promptsOf(db, r.projectId, r.scenarioId)).get(value.prompt.trim());
  if (clash !== undefined && clash !== position) throw fieldError('prompt', `Case #${clash} already has this prompt.`);
  return editScenario(db, r.projectId, r.scenarioId, r.by, async (tx, target) => {
    await tx
      .update(scenarioCases)
      .set(value)
      .where(and(eq(scenarioCases.projectId, r.projectId), eq(scenarioCases.scenarioId, target.id), eq(scenarioCases.position, position!)));
    return null;
  });
}

export async function removeCases(db: Db, r: Ref, caseIds: string[]): Promise<Edited<number>> {
  const positions = await positionsOf(db, r, caseIds);
  return editScenario(db, r.projectId, r.scenarioId, r.by, async (tx, target) => {
    const where = and(eq(scenarioCases.projectId, r.projectId), eq(scenarioCases.scenarioId, target.id));
    await tx.delete(scenarioCases).where(and(where, inArray(scenarioCases.position, positions)));
    // Close the gaps so positions stay 1..n: findings and the case list name cases by them.
    await tx.execute(sql`
      update ${scenarioCases} set position = r.rn
      from (select id, row_number() over (order by position) as rn from ${scenarioCases} where ${where}) r
      where ${scenarioCases.id} = r.id`);
    return positions.length;
  });
}
