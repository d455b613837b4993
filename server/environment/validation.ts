// Validating a scenario version against the database: load it, run the checks (./validator.ts), store the verdict
// and report — unless the version was edited meanwhile, in which case the report is about an old revision and dropped.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { scenarios, type ValidationReport } from '@/db/schema';
import { enqueue, type Job } from '@/server/jobs/queue';
import { builtinTools } from '@/server/tools/builtin';
import { DEFAULT_STEP_LIMIT } from './executor';
import { createPolicy } from './policies';
import { getScenario, loadScenario, scenarioNotFound } from './scenarios';
import { DEFAULT_VALIDATION_RUNS, validateScenario } from './validator';
import { BASELINE_REF } from './baseline';
import { seedField } from '@/common/seed-field';

export const ENV_VALIDATE_JOB = 'environment.validate';

export const validationSettingsSchema = z.object({
  runs: z.number().int('A whole number.').min(1, 'At least 1.').max(10, 'At most 10.').default(DEFAULT_VALIDATION_RUNS),
  seed: seedField().default(1),
});

export type ValidationOutcome = { report: ValidationReport; status: 'passed' | 'failed'; stored: boolean };

export async function runValidation(
  db: Db,
  projectId: string,
  scenarioId: string,
  o: z.output<typeof validationSettingsSchema> & { onProgress?: (fraction: number, message: string) => Promise<void> },
): Promise<ValidationOutcome> {
  const { scenario, cases } = await loadScenario(db, projectId, scenarioId);
  const spec = { id: scenario.id, type: scenario.type, tools: scenario.tools };
  const report = await validateScenario({
    scenario: { ...spec, revision: scenario.revision },
    cases,
    registry: builtinTools,
    runs: o.runs,
    seed: o.seed,
    stepLimit: DEFAULT_STEP_LIMIT,
    policyFor: (seed) => createPolicy(db, projectId, BASELINE_REF, spec, seed),
    onProgress: o.onProgress,
  });
  const status = report.findings.some((f) => f.severity === 'error') ? 'failed' : 'passed';
  const stored = await db
    .update(scenarios)
    .set({ validationStatus: status, validationReport: report, validatedAt: sql`now()` })
    .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, scenarioId), eq(scenarios.revision, scenario.revision)))
    .returning({ id: scenarios.id });
  return { report, status, stored: stored.length > 0 };
}

export async function startValidation(
  db: Db,
  o: z.output<typeof validationSettingsSchema> & { projectId: string; scenarioId: string; createdBy: string | null },
): Promise<Job> {
  if (!(await getScenario(db, o.projectId, o.scenarioId))) throw scenarioNotFound(o.scenarioId);
  const job = await enqueue(db, {
    projectId: o.projectId,
    type: ENV_VALIDATE_JOB,
    input: { scenarioId: o.scenarioId, runs: o.runs, seed: o.seed },
    createdBy: o.createdBy,
  });
  await db
    .update(scenarios)
    .set({ validationJobId: job.id })
    .where(and(eq(scenarios.projectId, o.projectId), eq(scenarios.id, o.scenarioId)));
  return job;
}
