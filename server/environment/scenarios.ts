// Scenario versions: create, load, and edit — where editing a used version (one a run, training job or evaluation
// referred to) creates the next version instead, so whatever used a version can always be reproduced. Also the
// seam other factories use: `loadScenario`, `isScenarioValidated`, `assertScenarioValidated`, `markScenarioUsed`.
import 'server-only';
import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { scenarioCases, scenarios, type Scenario, type ScenarioCase, type ScenarioType } from '@/db/schema';
import { builtinTools } from '@/server/tools/builtin';
import type { ToolInfo } from '@/server/tools/registry';
import { batches } from './batches';
import { scenarioId } from './naming';
import { SCENARIO_TYPES } from './scenario-types';
import { DomainError, fieldError } from '@/server/domain-error';

export const scenarioNotFound = (scenarioId: string) => new DomainError('not_found', `No scenario ${scenarioId} in this project.`);

/** Thrown to Training and Evaluation when they are handed a scenario version that has not passed validation. */
export function scenarioNotValidated(scenarioId: string, status: Scenario['validationStatus']): DomainError {
  return new DomainError(
    'precondition_failed',
    status === 'failed'
      ? `Scenario ${scenarioId} failed validation: fix the findings in its report on the Environment page and validate it again.`
      : `Scenario ${scenarioId} has not been validated yet: run its validation on the Environment page first.`,
  );
}

export type LoadedScenario = {
  scenario: Scenario;
  /** In position order. */
  cases: ScenarioCase[];
  /** The registry entries of the tools it names (a name the registry lacks is left out; the validator reports it). */
  tools: ToolInfo[];
};

export function checkTools(tools: string[]): void {
  const unknown = tools.filter((t) => !builtinTools.has(t));
  if (unknown.length)
    throw fieldError(
      'tools',
      `Unknown tool${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Registered: ${builtinTools
        .list()
        .map((t) => t.name)
        .join(', ')}.`,
    );
}

export type NewScenario = {
  projectId: string;
  name: string;
  type: ScenarioType;
  description?: string;
  tools?: string[];
  createdBy: string | null;
};

export async function createScenario(db: Db, o: NewScenario): Promise<Scenario> {
  const tools = [...new Set(o.tools ?? SCENARIO_TYPES[o.type].defaultTools)];
  checkTools(tools);
  const [existing] = await db
    .select({ v: max(scenarios.version) })
    .from(scenarios)
    .where(and(eq(scenarios.projectId, o.projectId), eq(scenarios.name, o.name)));
  if (existing?.v)
    throw fieldError(
      'name',
      `A scenario named ${o.name} exists already (${scenarioId(o.name, existing.v)}): open it to make a new version.`,
    );
  const [row] = await db
    .insert(scenarios)
    .values({
      id: scenarioId(o.name, 1),
      projectId: o.projectId,
      name: o.name,
      version: 1,
      type: o.type,
      description: o.description ?? '',
      tools,
      createdBy: o.createdBy,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw fieldError('name', `A scenario named ${o.name} was just created by someone else.`);
  return row;
}

export async function getScenario(db: Db | Tx, projectId: string, id: string): Promise<Scenario | null> {
  const [row] = await db
    .select()
    .from(scenarios)
    .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, id)));
  return row ?? null;
}

/** A scenario version with its cases (in order) and tools: what runs, training and evaluation work from. */
export async function loadScenario(db: Db, projectId: string, id: string): Promise<LoadedScenario> {
  const scenario = await getScenario(db, projectId, id);
  if (!scenario) throw scenarioNotFound(id);
  const cases = await db
    .select()
    .from(scenarioCases)
    .where(and(eq(scenarioCases.projectId, projectId), eq(scenarioCases.scenarioId, id)))
    .orderBy(asc(scenarioCases.position));
  const tools = builtinTools.list().filter((t) => scenario.tools.includes(t.name));
  return { scenario, cases, tools };
}

export async function isScenarioValidated(db: Db, projectId: string, id: string): Promise<boolean> {
  const scenario = await getScenario(db, projectId, id);
  return scenario?.validationStatus === 'passed';
}

/**
 * For Training and Evaluation: throws not_found or precondition_failed unless the version passed.
 * Inside a transaction the row stays locked until it ends, which orders the caller against an edit of the same version
 * (editScenario resets its validation).
 */
export async function assertScenarioValidated(db: Db | Tx, projectId: string, id: string): Promise<Scenario> {
  const [scenario] = await db
    .select()
    .from(scenarios)
    .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, id)))
    .for('update');
  if (!scenario) throw scenarioNotFound(id);
  if (scenario.validationStatus !== 'passed') throw scenarioNotValidated(id, scenario.validationStatus);
  return scenario;
}

/** Records that something refers to this version (first use wins), which makes it immutable from now on. */
export async function markScenarioUsed(db: Db | Tx, projectId: string, id: string, usedBy: string): Promise<void> {
  await db
    .update(scenarios)
    .set({ usedAt: sql`coalesce(${scenarios.usedAt}, now())`, usedBy: sql`coalesce(${scenarios.usedBy}, ${usedBy})` })
    .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, id)));
}

export type Edited<R> = { scenario: Scenario; forkedFrom: string | null; result: R };

/**
 * Applies an edit to a version: in place while nothing has used it, else to a new version (next number of the
 * name) copied from it. Either way the edited version's revision goes up and its validation is reset.
 */
export async function editScenario<R>(
  db: Db,
  projectId: string,
  id: string,
  createdBy: string | null,
  apply: (tx: Tx, target: Scenario) => Promise<R>,
): Promise<Edited<R>> {
  return db.transaction(async (tx) => {
    // The row lock orders this edit against a run being started on the same version.
    const [source] = await tx
      .select()
      .from(scenarios)
      .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, id)))
      .for('update');
    if (!source) throw scenarioNotFound(id);
    const target = source.usedAt ? await fork(tx, source, createdBy) : source;
    const result = await apply(tx, target);
    const [edited] = await tx
      .update(scenarios)
      .set({
        revision: sql`${scenarios.revision} + 1`,
        validationStatus: 'unvalidated',
        validationReport: null,
        validatedAt: null,
        updatedAt: new Date(),
      })
      .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, target.id)))
      .returning();
    return { scenario: edited!, forkedFrom: source.usedAt ? source.id : null, result };
  });
}

async function fork(tx: Tx, source: Scenario, createdBy: string | null): Promise<Scenario> {
  const [last] = await tx
    .select({ v: max(scenarios.version) })
    .from(scenarios)
    .where(and(eq(scenarios.projectId, source.projectId), eq(scenarios.name, source.name)));
  const version = (last?.v ?? source.version) + 1;
  const [created] = await tx
    .insert(scenarios)
    .values({
      id: scenarioId(source.name, version),
      projectId: source.projectId,
      name: source.name,
      version,
      type: source.type,
      description: source.description,
      tools: source.tools,
      parentId: source.id,
      createdBy,
    })
    .returning();
  const cases = await tx
    .select()
    .from(scenarioCases)
    .where(and(eq(scenarioCases.projectId, source.projectId), eq(scenarioCases.scenarioId, source.id)))
    .orderBy(asc(scenarioCases.position));
  for (const batch of batches(cases)) {
    await tx.insert(scenarioCases).values(batch.map(({ createdAt: _c, ...c }) => ({ ...c, id: newId('case'), scenarioId: created!.id })));
  }
  return created!;
}

/** Changes a version's description or tools (through editScenario: a used version gets a new one). */
export async function updateScenario(
  db: Db,
  projectId: string,
  id: string,
  by: string | null,
  change: { description?: string; tools?: string[] },
): Promise<Edited<null>> {
  if (change.tools) checkTools(change.tools);
  return editScenario(db, projectId, id, by, async (tx, target) => {
    await tx
      .update(scenarios)
      .set({
        ...(change.description !== undefined ? { description: change.description } : {}),
        ...(change.tools ? { tools: [...new Set(change.tools)] } : {}),
      })
      .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, target.id)));
    return null;
  });
}
