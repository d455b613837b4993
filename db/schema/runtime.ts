// Runtime factory: agent templates (the tools, limits and pool sizing a deployment runs with; `basic-agent` is seeded
// in every project), deployments (`deploy_…`, versions per name: a deploy is a new version, a rollback brings the
// previous one back) and the log of served requests. Pools and sandboxes live in the web process's memory
// (server/runtime/pools.ts): what is stored here is what a restart needs to warm them again.
import { doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, projectRef, updatedAt } from './columns';

/** How a template's health check decides a sandbox is well: a prompt answered through the agent loop in time. */
export type HealthProbe = { prompt: string; /** null: any answer in time is healthy */ expectContains: string | null };

/** Everything a deployment's sandboxes run with, frozen into the deployment when it is made. */
export type TemplateConfig = {
  tools: string[];
  systemPrompt: string;
  stepLimit: number;
  requestTimeoutMs: number;
  memoryLimitMb: number;
  poolMin: number;
  poolMax: number;
  healthIntervalMs: number;
  healthProbe: HealthProbe;
};

export const runtimeTemplates = pgTable(
  'runtime_templates',
  {
    /** `tpl_…` */
    id: text().primaryKey(),
    projectId: projectRef(),
    name: text().notNull(),
    description: text().notNull().default(''),
    tools: jsonb().$type<string[]>().notNull(),
    systemPrompt: text().notNull().default(''),
    stepLimit: integer().notNull(),
    requestTimeoutMs: integer().notNull(),
    memoryLimitMb: integer().notNull(),
    poolMin: integer().notNull(),
    poolMax: integer().notNull(),
    healthIntervalMs: integer().notNull(),
    healthProbe: jsonb().$type<HealthProbe>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('runtime_templates_name_idx').on(t.projectId, t.name)],
);

/** `starting`: its pool is warming; `live`: serving; `stopped`: stopped or replaced by another version; `failed`: cannot run. */
export const deploymentStatusEnum = pgEnum('deployment_status', ['starting', 'live', 'stopped', 'failed']);

export const deployments = pgTable(
  'deployments',
  {
    /** `deploy_…` */
    id: text().primaryKey(),
    projectId: projectRef(),
    /** What clients send as `model`; versions of one name replace each other. */
    name: text().notNull(),
    version: integer().notNull(),
    modelId: text().notNull(),
    templateId: text().notNull(),
    /** The template as it was at deploy time: editing a template never changes a running deployment. */
    config: jsonb().$type<TemplateConfig>().notNull(),
    status: deploymentStatusEnum().notNull().default('starting'),
    /** The evaluation whose PASS allowed it. */
    evaluationRunId: text(),
    /** Share of the name's traffic, in percent: 100 for the only version, less for a canary beside the current one. */
    trafficPercent: integer().notNull().default(100),
    /** Why it failed or was stopped (a person's sentence). */
    statusReason: text(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    stoppedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deployments_name_version_idx').on(t.projectId, t.name, t.version),
    index().on(t.projectId, t.status),
    index().on(t.projectId, t.createdAt.desc()),
  ],
);

/** One served request (chat completions), for the deployment page's recent requests, rate, latency and errors. */
export const deploymentRequests = pgTable(
  'deployment_requests',
  {
    /** `req_…` */
    id: text().primaryKey(),
    projectId: projectRef(),
    deploymentId: text()
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    /** HTTP status answered. */
    status: integer().notNull(),
    latencyMs: doublePrecision().notNull(),
    stream: integer().notNull().default(0),
    /** The interaction event it was logged as (null for refused requests). */
    eventId: text(),
    prompt: text().notNull().default(''),
    answer: text(),
    error: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.deploymentId, t.createdAt.desc())],
);

export type RuntimeTemplate = typeof runtimeTemplates.$inferSelect;
export type Deployment = typeof deployments.$inferSelect;
export type DeploymentStatus = (typeof deploymentStatusEnum.enumValues)[number];
export type DeploymentRequest = typeof deploymentRequests.$inferSelect;
