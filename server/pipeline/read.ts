// Reading pipeline runs back: a run with its step rows, and the "current" row of each step (the latest iteration's row
// of that step), from which the artefacts every later step consumes are taken.
import 'server-only';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import type { Tx } from '@/db/client';
import { paged } from '@/db/paging';
import {
  PIPELINE_STEPS,
  pipelineRuns,
  pipelineSteps,
  type PipelineOutputs,
  type PipelineRun,
  type PipelineStep,
  type PipelineStepRow,
} from '@/db/schema';
import { DomainError } from '@/server/domain-error';

export type RunWithSteps = { run: PipelineRun; steps: PipelineStepRow[] };

export async function loadRun(db: Db | Tx, projectId: string, runId: string): Promise<RunWithSteps> {
  const [run] = await db
    .select()
    .from(pipelineRuns)
    .where(and(eq(pipelineRuns.projectId, projectId), eq(pipelineRuns.id, runId)));
  if (!run) throw new DomainError('not_found', `No pipeline run ${runId} in this project.`);
  const steps = await db
    .select()
    .from(pipelineSteps)
    .where(eq(pipelineSteps.runId, runId))
    .orderBy(asc(pipelineSteps.iteration), asc(pipelineSteps.createdAt));
  return { run, steps };
}

/** The row each step shows now: its row in the latest iteration that has one. */
export function currentSteps(steps: PipelineStepRow[]): Record<PipelineStep, PipelineStepRow | undefined> {
  const out = {} as Record<PipelineStep, PipelineStepRow | undefined>;
  for (const s of steps) if (!out[s.step] || out[s.step]!.iteration < s.iteration) out[s.step] = s;
  return out;
}

/** What the run has produced so far: each step's outputs, read from its current row once it succeeded. */
export function artefacts(steps: PipelineStepRow[]): PipelineOutputs {
  const cur = currentSteps(steps);
  const out: PipelineOutputs = {};
  for (const step of PIPELINE_STEPS) {
    const row = cur[step];
    if (row?.status === 'succeeded') Object.assign(out, row.outputs);
  }
  return out;
}

export const stepIndex = (step: PipelineStep) => PIPELINE_STEPS.indexOf(step);

export type RunSummary = PipelineRun & {
  steps: { step: PipelineStep; iteration: number; status: PipelineStepRow['status']; seconds: number | null; verdict: string | null }[];
};

export const stepSeconds = (s: Pick<PipelineStepRow, 'startedAt' | 'finishedAt'>, now = Date.now()) =>
  s.startedAt ? ((s.finishedAt?.getTime() ?? now) - s.startedAt.getTime()) / 1000 : null;

export async function listPipelineRuns(db: Db, projectId: string, page: { page: number; pageSize: number }) {
  const where = eq(pipelineRuns.projectId, projectId);
  const listed = await paged(
    page,
    (limit, offset) =>
      db.select().from(pipelineRuns).where(where).orderBy(desc(pipelineRuns.createdAt), desc(pipelineRuns.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(pipelineRuns).where(where),
  );
  const ids = listed.rows.map((r) => r.id);
  const rows = ids.length ? await db.select().from(pipelineSteps).where(inArray(pipelineSteps.runId, ids)) : [];
  return {
    ...listed,
    rows: listed.rows.map((r): RunSummary => {
      const cur = currentSteps(rows.filter((s) => s.runId === r.id));
      return {
        ...r,
        steps: PIPELINE_STEPS.map((step) => {
          const s = cur[step];
          return {
            step,
            iteration: s?.iteration ?? 1,
            status: s?.status ?? 'pending',
            seconds: s ? stepSeconds(s) : null,
            verdict: s?.outputs.verdict ?? null,
          };
        }),
      };
    }),
  };
}
