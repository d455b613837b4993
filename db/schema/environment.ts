// Environment factory: versioned scenarios (`scn_<name>_v<n>`) with typed test cases, the runs of an agent on a
// scenario (one job each) and the trajectory it left on every case. A version some run, training job or evaluation
// has used is immutable: editing it creates the next version (see server/environment/scenarios.ts).
import {
  boolean,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, projectRef } from './columns';
import { jobs } from './jobs';

export const scenarioTypeEnum = pgEnum('scenario_type', ['math_calculator', 'qa_exact']);
export const scenarioValidationEnum = pgEnum('scenario_validation', ['unvalidated', 'passed', 'failed']);
export const caseMatcherEnum = pgEnum('case_matcher', ['exact', 'numeric', 'regex', 'contains']);

export type CaseTags = { difficulty?: string; skill?: string };

export type FindingSeverity = 'error' | 'warning';
export type ValidationCheck = 'well_formed' | 'unique' | 'reference' | 'tools' | 'stability';

/** One thing the validator found, naming the case it concerns (by id and 1-based position) when it concerns one. */
export type ValidationFinding = {
  severity: FindingSeverity;
  check: ValidationCheck;
  message: string;
  caseId?: string;
  position?: number;
};

export type ValidationReport = {
  scenarioId: string;
  /** The scenario revision the report is about: an edit after it makes the report stale. */
  revision: number;
  checkedAt: string;
  caseCount: number;
  checks: { check: ValidationCheck; outcome: 'passed' | 'failed' | 'warnings' | 'skipped'; summary: string }[];
  findings: ValidationFinding[];
  stability: {
    runs: number;
    seeds: number[];
    /** Baseline pass rate of each run, in seed order. */
    passRates: number[];
    /** max − min of passRates: 0 when the baseline is stable. */
    spread: number;
    flakyCases: { caseId: string; position: number; outcomes: boolean[]; answers: (string | null)[] }[];
  };
};

export const scenarios = pgTable(
  'scenarios',
  {
    /** `scn_<name>_v<version>`: readable, unique within the project. */
    id: text().notNull(),
    projectId: projectRef(),
    name: text().notNull(),
    version: integer().notNull(),
    type: scenarioTypeEnum().notNull(),
    description: text().notNull().default(''),
    /** Names in the tool registry (server/tools) the agent may call. */
    tools: jsonb().$type<string[]>().notNull().default([]),
    /** The version this one was created from by editing a used one. */
    parentId: text(),
    /** Bumped by every edit; a validation report is about one revision. */
    revision: integer().notNull().default(1),
    validationStatus: scenarioValidationEnum().notNull().default('unvalidated'),
    validationReport: jsonb().$type<ValidationReport>(),
    validationJobId: text(),
    validatedAt: timestamp({ withTimezone: true }),
    /** Set by the first run, training job or evaluation that refers to this version; from then on it is immutable. */
    usedAt: timestamp({ withTimezone: true }),
    usedBy: text(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), uniqueIndex('scenarios_name_version_idx').on(t.projectId, t.name, t.version)],
);

export const scenarioCases = pgTable(
  'scenario_cases',
  {
    id: text().primaryKey(),
    projectId: text().notNull(),
    scenarioId: text().notNull(),
    /** Order within the version (1-based); findings and trajectories name cases by it. */
    position: integer().notNull(),
    prompt: text().notNull(),
    expected: text().notNull(),
    matcher: caseMatcherEnum().notNull(),
    /** Absolute tolerance of the numeric matcher (0 when unset). */
    tolerance: doublePrecision(),
    tags: jsonb().$type<CaseTags>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.projectId, t.scenarioId], foreignColumns: [scenarios.projectId, scenarios.id] }).onDelete('cascade'),
    index('scenario_cases_order_idx').on(t.projectId, t.scenarioId, t.position),
  ],
);

export const environmentRuns = pgTable(
  'environment_runs',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    scenarioId: text().notNull(),
    /** The job that executes the run; its status and progress are the run's. */
    jobId: text()
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    /** Policy reference: `baseline`, `model:<id>`, later `deployment:<id>`. */
    policy: text().notNull(),
    /** The policy's own name once it started (the agent id its interactions get in the Data factory). */
    policyName: text(),
    seed: integer().notNull(),
    stepLimit: integer().notNull(),
    caseCount: integer().notNull(),
    completed: integer().notNull().default(0),
    passed: integer().notNull().default(0),
    createdBy: text(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.projectId, t.scenarioId, t.createdAt.desc()),
    index().on(t.projectId, t.createdAt.desc()),
    foreignKey({ columns: [t.projectId, t.scenarioId], foreignColumns: [scenarios.projectId, scenarios.id] }).onDelete('cascade'),
  ],
);

export type StopReason = 'answer' | 'step_limit' | 'policy_error';

/** One policy turn: what the model wrote, the tool call it made (if any) and what the runtime answered. */
export type TrajectoryStep = {
  output: string;
  call?: { tool: string; args: string };
  observation?: { kind: 'result' | 'error'; text: string };
  answer?: string;
  /** Time the policy took to write this turn. */
  latencyMs: number;
  /** Time the tool took, when one ran. */
  toolMs?: number;
};

export const trajectories = pgTable(
  'trajectories',
  {
    id: text().primaryKey(),
    projectId: text().notNull(),
    runId: text()
      .notNull()
      .references(() => environmentRuns.id, { onDelete: 'cascade' }),
    /** The scenario version the case ran against (also on the run; kept here so a trajectory stands alone). */
    scenarioId: text().notNull(),
    caseId: text().notNull(),
    position: integer().notNull(),
    prompt: text().notNull(),
    expected: text().notNull(),
    matcher: caseMatcherEnum().notNull(),
    tolerance: doublePrecision(),
    steps: jsonb().$type<TrajectoryStep[]>().notNull(),
    finalAnswer: text(),
    passed: boolean().notNull(),
    /** Why it passed or failed, e.g. `expected 70 (numeric ±0), got 71`. */
    explanation: text().notNull(),
    stopReason: text().$type<StopReason>().notNull(),
    latencyMs: integer().notNull(),
    /** The interaction it was sent to the Data factory as, once sent. */
    eventId: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('trajectories_run_case_idx').on(t.runId, t.caseId), index('trajectories_run_order_idx').on(t.runId, t.position)],
);

export type Scenario = typeof scenarios.$inferSelect;
export type ScenarioCase = typeof scenarioCases.$inferSelect;
export type ScenarioType = (typeof scenarioTypeEnum.enumValues)[number];
export type CaseMatcher = (typeof caseMatcherEnum.enumValues)[number];
export type ValidationStatus = (typeof scenarioValidationEnum.enumValues)[number];
export type EnvironmentRun = typeof environmentRuns.$inferSelect;
export type Trajectory = typeof trajectories.$inferSelect;
