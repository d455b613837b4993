// Evaluation factory: versioned tasksets (`taskset_<name>_v<n>`) with their cases, the project's quality-gate policy
// (versioned: a verdict is about one policy version), evaluation runs (`eval_…`, one job each) with every case's
// trajectory and scores, and the human ratings that calibrate the judge. A taskset version some run has used is
// immutable: editing it creates the next version (see server/evaluation/tasksets.ts).
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
import { createdAt, projectRef, updatedAt } from './columns';
import type { CaseMatcher, StopReason, TrajectoryStep } from './environment';
import { jobs } from './jobs';

export const tasksetDifficultyEnum = pgEnum('taskset_difficulty', ['easy', 'medium', 'hard']);
export const evalCaseKindEnum = pgEnum('eval_case_kind', ['task', 'adversarial']);
export const evalVerdictEnum = pgEnum('eval_verdict', ['pass', 'fail']);

/** One check of a case's final answer; a case passes only when all of its checks pass (promptfoo's rule for asserts). */
export type CaseCheck = { matcher: CaseMatcher; expected: string; tolerance: number | null; label?: string };

/** A chat message of an imported case (OpenAI Evals / Inspect inputs may carry a system prompt or earlier turns). */
export type CaseMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export type TasksetSource =
  | { kind: 'scenario'; scenarioId: string }
  | { kind: 'paste' }
  | { kind: 'generate' }
  | { kind: 'import'; format: string; fileName: string | null }
  | { kind: 'seed' };

export const tasksets = pgTable(
  'tasksets',
  {
    /** `taskset_<name>_v<version>` */
    id: text().notNull(),
    projectId: projectRef(),
    name: text().notNull(),
    version: integer().notNull(),
    difficulty: tasksetDifficultyEnum().notNull().default('medium'),
    tags: jsonb().$type<string[]>().notNull().default([]),
    description: text().notNull().default(''),
    /** Tools (server/tools) the agent may call on these cases. */
    tools: jsonb().$type<string[]>().notNull().default([]),
    /** The scenario it was built from, when it was: its reference solver gives failed cases their correct trajectories. */
    scenarioId: text(),
    source: jsonb().$type<TasksetSource>().notNull(),
    /** The LLM judge's instructions for this taskset; null means the default prompt (server/evaluation/judge-prompt.ts). */
    judgePrompt: text(),
    parentId: text(),
    revision: integer().notNull().default(1),
    /** Set by the first evaluation that runs it; from then on the version is immutable. */
    usedAt: timestamp({ withTimezone: true }),
    usedBy: text(),
    createdBy: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.id] }), uniqueIndex('tasksets_name_version_idx').on(t.projectId, t.name, t.version)],
);

export const tasksetCases = pgTable(
  'taskset_cases',
  {
    id: text().primaryKey(),
    projectId: text().notNull(),
    tasksetId: text().notNull(),
    /** 1-based order within the version. */
    position: integer().notNull(),
    /** The user's request (the last user message when the case came as a conversation). */
    prompt: text().notNull(),
    /** The whole conversation when it came as one (system prompt, earlier turns); endpoints receive it as is. */
    messages: jsonb().$type<CaseMessage[]>(),
    /** The answer shown to people and given to judges; the checks decide pass or fail. */
    expected: text().notNull(),
    checks: jsonb().$type<CaseCheck[]>().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    /** Overrides the taskset's difficulty for this case. */
    difficulty: tasksetDifficultyEnum(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.projectId, t.tasksetId], foreignColumns: [tasksets.projectId, tasksets.id] }).onDelete('cascade'),
    index('taskset_cases_order_idx').on(t.projectId, t.tasksetId, t.position),
  ],
);

/**
 * The quality gate's rules. A run passes when every rule holds. Accuracy figures are shares in 0..1; the judge
 * minimum is on its 0..100 scale and counts only when the judge is calibrated against this project's humans.
 */
export type GateRules = {
  minAccuracy: number;
  requireSafety: boolean;
  /** tag → minimum accuracy on the cases carrying it. */
  tagMinimums: Record<string, number>;
  maxP95LatencyMs: number | null;
  minJudgeScore: number | null;
  /** Cases the currently deployed model passed (on the same taskset version) must still pass. */
  noRegression: boolean;
};

/** Versions of a project's policy; the highest is current. No row at all means the defaults (version 0). */
export const evaluationPolicies = pgTable(
  'evaluation_policies',
  {
    projectId: projectRef(),
    version: integer().notNull(),
    rules: jsonb().$type<GateRules>().notNull(),
    note: text().notNull().default(''),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.version] })],
);

export type Interval = { passed: number; total: number; rate: number; lo: number; hi: number };
export type LatencyStats = { n: number; mean: number; p50: number; p95: number; p99: number };
export type CountBin = { label: string; from: number; to: number; count: number };

export type Calibration = {
  calibrated: boolean;
  /** Items rated by both humans and this judge. */
  n: number;
  kappa: number | null;
  /** Share of the items humans rated good that the judge also rated good, and the same for bad. */
  tpr: number | null;
  tnr: number | null;
  reason: string;
  sources: { runRatings: number; annotation: number };
};

export type JudgeInfo = {
  kind: 'llm' | 'reference';
  /** What scored, in words: `gpt-4o-mini at https://…` or the reference judge's method. */
  label: string;
  /** Which ratings calibrate it: `llm:<model>` or `reference`. */
  key: string;
  calibration: Calibration;
  /** Why the configured LLM judge stopped scoring part-way, when it did. */
  refused?: string;
  /** The judge prompt the LLM judge was given (the taskset's, or the default). */
  prompt?: string;
};

export type RunScores = {
  accuracy: Interval;
  byTag: (Interval & { tag: string })[];
  byDifficulty: (Interval & { difficulty: string })[];
  safety: {
    passed: boolean;
    checked: number;
    failures: number;
    adversarial: Interval;
    /** Task outputs that leaked PII or a secret. */
    leaks: number;
    byAttack: { attack: string; total: number; failed: number }[];
  };
  latency: LatencyStats & {
    /** `per-request`: each case's own time; `batched`: rows decoded together share their batch's time, per row. */
    mode: 'per-request' | 'batched';
    byTag: (LatencyStats & { tag: string })[];
    histogram: CountBin[];
  };
  judge: { scored: number; errors: number; mean: number | null; histogram: CountBin[]; counted: boolean };
  quality: { score: number; formula: string; terms: { name: string; value: number; weight: number }[] };
};

export type GateRuleResult = { rule: string; passed: boolean; detail: string };
export type GateReport = { verdict: 'pass' | 'fail'; policyVersion: number | null; rules: GateRuleResult[]; reasons: string[] };

export const evaluationRuns = pgTable(
  'evaluation_runs',
  {
    /** `eval_…` */
    id: text().primaryKey(),
    projectId: projectRef(),
    jobId: text()
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    tasksetId: text().notNull(),
    /** Subject reference: `model:<id>`, `endpoint:<id>`, later `deployment:<id>`. */
    subject: text().notNull(),
    subjectKind: text().notNull(),
    subjectLabel: text().notNull().default(''),
    /** The registered model when the subject is one (its verdicts are what deployment checks). */
    modelId: text(),
    /** The run whose stored outputs this one re-scored (its subject was not called again). */
    rescoreOf: text(),
    /** The project policy version the verdict is about; null for an ad-hoc policy (CLI), which never allows a deploy. */
    policyVersion: integer(),
    policy: jsonb().$type<GateRules>().notNull(),
    stepLimit: integer().notNull(),
    seed: integer().notNull(),
    adversarialCount: integer().notNull(),
    /** Task cases (the adversarial ones come on top). */
    caseCount: integer().notNull(),
    completed: integer().notNull().default(0),
    passed: integer().notNull().default(0),
    judge: jsonb().$type<JudgeInfo>(),
    scores: jsonb().$type<RunScores>(),
    verdict: evalVerdictEnum(),
    gate: jsonb().$type<GateReport>(),
    /** Set when its failed cases were sent back to training: the dataset version they landed in. */
    sentBackDatasetId: text(),
    createdBy: text(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.projectId, t.createdAt.desc()),
    index().on(t.projectId, t.modelId, t.createdAt.desc()),
    index().on(t.projectId, t.tasksetId),
    index().on(t.jobId),
  ],
);

export type SafetyFinding = { check: 'pii' | 'canary' | 'injected_call' | 'forbidden'; detail: string };
export type SafetyOutcome = { passed: boolean; findings: SafetyFinding[] };

/** What an adversarial case tries, and what would show that it worked. */
export type AttackSpec = {
  attack: 'tool_injection' | 'canary_leak' | 'pii_request' | 'out_of_task';
  /** A secret planted in the context that must never appear in the output. */
  canary?: string;
  /** Tool arguments the injection asks for: a call with them is a failure. */
  injectedArgs?: string[];
  /** Lower-case text whose presence shows the agent did the out-of-task thing. */
  forbidden?: string[];
  /** The genuine arithmetic the case also asks, when it does: what a good agent computes (and training is taught). */
  question?: string;
};

export const evaluationCases = pgTable(
  'evaluation_cases',
  {
    id: text().primaryKey(),
    projectId: text().notNull(),
    runId: text()
      .notNull()
      .references(() => evaluationRuns.id, { onDelete: 'cascade' }),
    /** The output this row scores: its own id when the subject produced it here, the original row's when re-scored. */
    outputId: text().notNull(),
    /** The taskset case id, or `adv:<n>` for the built-in adversarial cases. */
    caseId: text().notNull(),
    kind: evalCaseKindEnum().notNull(),
    position: integer().notNull(),
    prompt: text().notNull(),
    messages: jsonb().$type<CaseMessage[]>(),
    expected: text().notNull(),
    checks: jsonb().$type<CaseCheck[]>().notNull(),
    tags: jsonb().$type<string[]>().notNull().default([]),
    difficulty: text(),
    attack: jsonb().$type<AttackSpec>(),
    steps: jsonb().$type<TrajectoryStep[]>().notNull(),
    finalAnswer: text(),
    stopReason: text().$type<StopReason>().notNull(),
    passed: boolean().notNull(),
    explanation: text().notNull(),
    latencyMs: doublePrecision().notNull(),
    /** 0..100 from the judge that scored this run; null when it could not score the case. */
    judgeScore: doublePrecision(),
    judgeReason: text(),
    safety: jsonb().$type<SafetyOutcome>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('evaluation_cases_run_case_idx').on(t.runId, t.caseId),
    index('evaluation_cases_run_order_idx').on(t.runId, t.position),
    index().on(t.projectId, t.outputId),
  ],
);

/** People's ratings of outputs, given on a run's page: with the Data factory's ratings, they calibrate the judge. */
export const evaluationRatings = pgTable(
  'evaluation_ratings',
  {
    id: text().primaryKey(),
    projectId: projectRef(),
    outputId: text().notNull(),
    /** The run it was rated on (a re-score shares its outputs, and so its ratings). */
    runId: text().notNull(),
    userId: text().notNull(),
    /** 0..1, like the annotation queues' ratings. */
    value: doublePrecision().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('evaluation_ratings_output_user_idx').on(t.outputId, t.userId), index().on(t.projectId)],
);

export type Taskset = typeof tasksets.$inferSelect;
export type TasksetCase = typeof tasksetCases.$inferSelect;
export type TasksetDifficulty = (typeof tasksetDifficultyEnum.enumValues)[number];
export type EvaluationRun = typeof evaluationRuns.$inferSelect;
export type EvaluationCase = typeof evaluationCases.$inferSelect;
export type EvaluationPolicy = typeof evaluationPolicies.$inferSelect;
