// Starting a run of an agent on a scenario version (a job), and the read models of runs and their trajectories.
// Starting a run marks the version used, in the same transaction, so it can never change under its trajectories.
import 'server-only';
import { and, asc, count, desc, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { environmentRuns, jobs, scenarioCases, scenarios, trajectories, type EnvironmentRun } from '@/db/schema';
import { enqueue } from '@/server/jobs/queue';
import { stepLimitField } from './executor';
import { policyExists } from './policies';
import { markScenarioUsed, scenarioNotFound } from './scenarios';
import { paged } from '@/db/paging';
import { fieldError } from '@/server/domain-error';
import { seedField } from '@/common/seed-field';

export const ENV_RUN_JOB = 'environment.run';

export const runSettingsSchema = z.object({
  policy: z.string().trim().min(1, 'Pick an agent.').max(200).default('baseline'),
  stepLimit: stepLimitField(),
  seed: seedField().default(1),
});

export type StartRun = z.output<typeof runSettingsSchema> & { projectId: string; scenarioId: string; createdBy: string | null };

export async function startRun(db: Db, o: StartRun): Promise<EnvironmentRun> {
  if (!(await policyExists(db, o.projectId, o.policy))) throw fieldError('policy', `No agent "${o.policy}" in this project.`);
  return db.transaction(async (tx) => {
    const [scenario] = await tx
      .select()
      .from(scenarios)
      .where(and(eq(scenarios.projectId, o.projectId), eq(scenarios.id, o.scenarioId)))
      .for('update');
    if (!scenario) throw scenarioNotFound(o.scenarioId);
    const [cases] = await tx
      .select({ n: count() })
      .from(scenarioCases)
      .where(and(eq(scenarioCases.projectId, o.projectId), eq(scenarioCases.scenarioId, o.scenarioId)));
    if (!cases?.n) throw fieldError('scenarioId', 'This scenario has no test cases to run yet.');
    const id = newId('envrun');
    const job = await enqueue(tx, {
      projectId: o.projectId,
      type: ENV_RUN_JOB,
      input: { runId: id },
      createdBy: o.createdBy,
    });
    const [run] = await tx
      .insert(environmentRuns)
      .values({
        id,
        projectId: o.projectId,
        scenarioId: o.scenarioId,
        jobId: job.id,
        policy: o.policy,
        seed: o.seed,
        stepLimit: o.stepLimit,
        caseCount: cases.n,
        createdBy: o.createdBy,
      })
      .returning();
    await markScenarioUsed(tx, o.projectId, o.scenarioId, `run ${id}`);
    return run!;
  });
}

const runColumns = {
  run: environmentRuns,
  scenarioName: scenarios.name,
  scenarioVersion: scenarios.version,
  status: jobs.status,
  progress: jobs.progress,
  message: jobs.message,
  error: jobs.error,
};

function runsQuery(db: Db) {
  return db
    .select(runColumns)
    .from(environmentRuns)
    .innerJoin(jobs, eq(jobs.id, environmentRuns.jobId))
    .innerJoin(scenarios, and(eq(scenarios.projectId, environmentRuns.projectId), eq(scenarios.id, environmentRuns.scenarioId)));
}

export type RunRow = Awaited<ReturnType<typeof listRuns>>['rows'][number];

export async function listRuns(db: Db, projectId: string, f: { scenarioId?: string; page: number; pageSize: number }) {
  const where: SQL[] = [eq(environmentRuns.projectId, projectId)];
  if (f.scenarioId) where.push(eq(environmentRuns.scenarioId, f.scenarioId));
  const listed = await paged(
    f,
    (limit, offset) =>
      runsQuery(db)
        .where(and(...where))
        .orderBy(desc(environmentRuns.createdAt), desc(environmentRuns.id))
        .limit(limit)
        .offset(offset),
    db
      .select({ n: count() })
      .from(environmentRuns)
      .where(and(...where)),
  );
  return listed;
}

export async function getRun(db: Db, projectId: string, runId: string) {
  const [row] = await runsQuery(db).where(and(eq(environmentRuns.projectId, projectId), eq(environmentRuns.id, runId)));
  if (!row) return null;
  const [sent] = await db
    .select({ n: count() })
    .from(trajectories)
    .where(and(eq(trajectories.runId, runId), sql`${trajectories.eventId} is not null`));
  return { ...row, sent: sent?.n ?? 0 };
}

export type TrajectoryFilter = 'all' | 'passed' | 'failed';

export async function listTrajectories(
  db: Db,
  projectId: string,
  runId: string,
  f: { outcome: TrajectoryFilter; page: number; pageSize: number },
) {
  const where = and(
    eq(trajectories.projectId, projectId),
    eq(trajectories.runId, runId),
    f.outcome === 'all' ? undefined : eq(trajectories.passed, f.outcome === 'passed'),
  );
  const listed = await paged(
    f,
    (limit, offset) =>
      db
        .select({
          id: trajectories.id,
          caseId: trajectories.caseId,
          position: trajectories.position,
          prompt: trajectories.prompt,
          expected: trajectories.expected,
          finalAnswer: trajectories.finalAnswer,
          passed: trajectories.passed,
          explanation: trajectories.explanation,
          stopReason: trajectories.stopReason,
          latencyMs: trajectories.latencyMs,
          steps: sql<number>`jsonb_array_length(${trajectories.steps})`.mapWith(Number),
          eventId: trajectories.eventId,
        })
        .from(trajectories)
        .where(where)
        .orderBy(asc(trajectories.position))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(trajectories).where(where),
  );
  return listed;
}

/** One trajectory with its run, and the neighbouring cases of the run for stepping from case to case. */
export async function getTrajectory(db: Db, projectId: string, trajectoryId: string) {
  const [t] = await db
    .select()
    .from(trajectories)
    .where(and(eq(trajectories.projectId, projectId), eq(trajectories.id, trajectoryId)));
  if (!t) return null;
  const neighbour = async (dir: 'prev' | 'next') => {
    const [n] = await db
      .select({ id: trajectories.id })
      .from(trajectories)
      .where(
        and(
          eq(trajectories.runId, t.runId),
          dir === 'prev' ? lt(trajectories.position, t.position) : gt(trajectories.position, t.position),
        ),
      )
      .orderBy(dir === 'prev' ? desc(trajectories.position) : asc(trajectories.position))
      .limit(1);
    return n?.id ?? null;
  };
  const [run, prevId, nextId] = await Promise.all([getRun(db, projectId, t.runId), neighbour('prev'), neighbour('next')]);
  return { trajectory: t, run, prevId, nextId };
}
