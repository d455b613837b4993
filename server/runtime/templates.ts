// Agent templates: the tools, limits and pool sizing deployments run with. Every project has `basic-agent` (seeded
// with the demo and at project creation, and made on first use for projects older than this factory).
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { newId } from '@/db/ids';
import { runtimeTemplates, type RuntimeTemplate, type TemplateConfig } from '@/db/schema';
import { DomainError, fieldError } from '@/server/domain-error';
import { builtinTools } from '@/server/tools/builtin';
import { BASIC_AGENT, BASIC_AGENT_CONFIG, type TemplateConfigInput } from './template-input';

/** The project's basic-agent template, created when missing (idempotent under concurrency). */
export async function ensureBasicAgent(db: Db | Tx, projectId: string): Promise<RuntimeTemplate> {
  await db
    .insert(runtimeTemplates)
    .values({
      id: newId('tpl'),
      projectId,
      name: BASIC_AGENT,
      description: 'The calculator agent of the math scenario.',
      ...BASIC_AGENT_CONFIG,
    })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(runtimeTemplates)
    .where(and(eq(runtimeTemplates.projectId, projectId), eq(runtimeTemplates.name, BASIC_AGENT)));
  return row!;
}

export async function listTemplates(db: Db, projectId: string): Promise<RuntimeTemplate[]> {
  await ensureBasicAgent(db, projectId);
  return db.select().from(runtimeTemplates).where(eq(runtimeTemplates.projectId, projectId)).orderBy(asc(runtimeTemplates.name));
}

export async function getTemplate(db: Db | Tx, projectId: string, templateId: string): Promise<RuntimeTemplate> {
  const [row] = await db
    .select()
    .from(runtimeTemplates)
    .where(and(eq(runtimeTemplates.projectId, projectId), eq(runtimeTemplates.id, templateId)));
  if (!row) throw new DomainError('not_found', `No template ${templateId} in this project.`, { field: 'templateId' });
  return row;
}

function checkTools(tools: string[]): void {
  const unknown = tools.filter((t) => !builtinTools.has(t));
  if (unknown.length)
    throw fieldError(
      'tools',
      `Unknown tool${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: available are ${builtinTools
        .list()
        .map((t) => t.name)
        .join(', ')}.`,
    );
}

/** Creates a template (name unique per project) or, with `templateId`, changes one. Running deployments keep their copy. */
export async function saveTemplate(
  db: Db,
  projectId: string,
  o: { templateId?: string; name: string; description?: string; config: TemplateConfigInput },
): Promise<RuntimeTemplate> {
  checkTools(o.config.tools);
  const values = { name: o.name, description: o.description ?? '', ...o.config };
  const [clash] = await db
    .select({ id: runtimeTemplates.id })
    .from(runtimeTemplates)
    .where(and(eq(runtimeTemplates.projectId, projectId), eq(runtimeTemplates.name, o.name)));
  if (clash && clash.id !== o.templateId) throw fieldError('name', `A template named ${o.name} exists already.`);
  if (o.templateId) {
    await getTemplate(db, projectId, o.templateId);
    const [row] = await db
      .update(runtimeTemplates)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(runtimeTemplates.projectId, projectId), eq(runtimeTemplates.id, o.templateId)))
      .returning();
    return row!;
  }
  const [row] = await db
    .insert(runtimeTemplates)
    .values({ id: newId('tpl'), projectId, ...values })
    .returning();
  return row!;
}

export function configOf(t: RuntimeTemplate): TemplateConfig {
  return {
    tools: t.tools,
    systemPrompt: t.systemPrompt,
    stepLimit: t.stepLimit,
    requestTimeoutMs: t.requestTimeoutMs,
    memoryLimitMb: t.memoryLimitMb,
    poolMin: t.poolMin,
    poolMax: t.poolMax,
    healthIntervalMs: t.healthIntervalMs,
    healthProbe: t.healthProbe,
  };
}
