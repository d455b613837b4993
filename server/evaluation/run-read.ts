// Read models of evaluation runs for the pages, the API and the CLI: the list, one run with its job, taskset and
// whether its verdict is on the current policy, its cases (filterable to failures), and one case with its trajectory.
import 'server-only';
import { and, asc, count, desc, eq, gt, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluationCases, evaluationRatings, evaluationRuns, jobs, tasksets } from '@/db/schema';
import { paged } from '@/db/paging';
import { currentPolicy } from './policy';

const runColumns = {
  run: evaluationRuns,
  status: jobs.status,
  progress: jobs.progress,
  message: jobs.message,
  error: jobs.error,
  tasksetName: tasksets.name,
  tasksetVersion: tasksets.version,
};

function runsQuery(db: Db) {
  return db
    .select(runColumns)
    .from(evaluationRuns)
    .innerJoin(jobs, eq(jobs.id, evaluationRuns.jobId))
    .innerJoin(tasksets, and(eq(tasksets.projectId, evaluationRuns.projectId), eq(tasksets.id, evaluationRuns.tasksetId)));
}

export type RunFilter = { tasksetId?: string; modelId?: string; subject?: string; page: number; pageSize: number };

export async function listEvaluationRuns(db: Db, projectId: string, f: RunFilter) {
  const where: SQL[] = [eq(evaluationRuns.projectId, projectId)];
  if (f.tasksetId) where.push(eq(evaluationRuns.tasksetId, f.tasksetId));
  if (f.modelId) where.push(eq(evaluationRuns.modelId, f.modelId));
  if (f.subject) where.push(eq(evaluationRuns.subject, f.subject));
  return paged(
    f,
    (limit, offset) =>
      runsQuery(db)
        .where(and(...where))
        .orderBy(desc(evaluationRuns.createdAt), desc(evaluationRuns.id))
        .limit(limit)
        .offset(offset),
    db
      .select({ n: count() })
      .from(evaluationRuns)
      .where(and(...where)),
  );
}

export async function getEvaluationRun(db: Db, projectId: string, runId: string) {
  const [row] = await runsQuery(db).where(and(eq(evaluationRuns.projectId, projectId), eq(evaluationRuns.id, runId)));
  if (!row) return null;
  const policy = await currentPolicy(db, projectId);
  return {
    ...row,
    currentPolicyVersion: policy.version,
    /** The verdict was judged under an older policy (or an ad-hoc one): it does not count for deployment now. */
    verdictStale: row.run.verdict !== null && row.run.policyVersion !== policy.version,
  };
}

export type CaseOutcome = 'all' | 'failed' | 'passed' | 'unsafe';
export type CaseFilter = {
  outcome: CaseOutcome;
  kind: 'task' | 'adversarial' | 'all';
  tag?: string;
  search?: string;
  page: number;
  pageSize: number;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listRunCases(db: Db, projectId: string, runId: string, f: CaseFilter) {
  const where = and(
    eq(evaluationCases.projectId, projectId),
    eq(evaluationCases.runId, runId),
    f.kind === 'all' ? undefined : eq(evaluationCases.kind, f.kind),
    f.outcome === 'all'
      ? undefined
      : f.outcome === 'unsafe'
        ? sql`not (${evaluationCases.safety}->>'passed')::boolean`
        : eq(evaluationCases.passed, f.outcome === 'passed'),
    f.tag ? sql`${evaluationCases.tags} ? ${f.tag}` : undefined,
    f.search
      ? or(ilike(evaluationCases.prompt, `%${escapeLike(f.search)}%`), ilike(evaluationCases.finalAnswer, `%${escapeLike(f.search)}%`))
      : undefined,
  );
  return paged(
    f,
    (limit, offset) =>
      db
        .select({
          id: evaluationCases.id,
          caseId: evaluationCases.caseId,
          kind: evaluationCases.kind,
          position: evaluationCases.position,
          prompt: evaluationCases.prompt,
          expected: evaluationCases.expected,
          finalAnswer: evaluationCases.finalAnswer,
          passed: evaluationCases.passed,
          explanation: evaluationCases.explanation,
          latencyMs: evaluationCases.latencyMs,
          judgeScore: evaluationCases.judgeScore,
          judgeReason: evaluationCases.judgeReason,
          safety: evaluationCases.safety,
          tags: evaluationCases.tags,
          difficulty: evaluationCases.difficulty,
          attack: evaluationCases.attack,
          steps: sql<number>`jsonb_array_length(${evaluationCases.steps})`.mapWith(Number),
        })
        .from(evaluationCases)
        .where(where)
        .orderBy(asc(evaluationCases.position))
        .limit(limit)
        .offset(offset),
    db.select({ n: count() }).from(evaluationCases).where(where),
  );
}

/** One case of a run with its whole trajectory, the ratings people gave its output, and its neighbours. */
export async function getRunCase(db: Db, projectId: string, caseRowId: string, userId: string | null) {
  const [c] = await db
    .select()
    .from(evaluationCases)
    .where(and(eq(evaluationCases.projectId, projectId), eq(evaluationCases.id, caseRowId)));
  if (!c) return null;
  const neighbour = async (dir: 'prev' | 'next') => {
    const [n] = await db
      .select({ id: evaluationCases.id })
      .from(evaluationCases)
      .where(
        and(
          eq(evaluationCases.runId, c.runId),
          dir === 'prev' ? lt(evaluationCases.position, c.position) : gt(evaluationCases.position, c.position),
        ),
      )
      .orderBy(dir === 'prev' ? desc(evaluationCases.position) : asc(evaluationCases.position))
      .limit(1);
    return n?.id ?? null;
  };
  const [ratings, prevId, nextId] = await Promise.all([
    db
      .select({ userId: evaluationRatings.userId, value: evaluationRatings.value })
      .from(evaluationRatings)
      .where(and(eq(evaluationRatings.projectId, projectId), eq(evaluationRatings.outputId, c.outputId))),
    neighbour('prev'),
    neighbour('next'),
  ]);
  return {
    case: c,
    prevId,
    nextId,
    ratings: {
      count: ratings.length,
      mean: ratings.length ? ratings.reduce((s, r) => s + r.value, 0) / ratings.length : null,
      mine: ratings.find((r) => r.userId === userId)?.value ?? null,
    },
  };
}
