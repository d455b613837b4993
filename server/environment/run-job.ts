// The `environment.run` job: the agent loop over every case of a scenario version, one trajectory per case, progress
// per case. A retried job resumes: cases that already have a trajectory are not run again.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '@/db/ids';
import { environmentRuns, trajectories } from '@/db/schema';
import { defineJob, PermanentJobError } from '@/server/jobs/registry';
import { builtinTools } from '@/server/tools/builtin';
import { judgeCase, runCase } from './executor';
import { createPolicy } from './policies';
import { ENV_RUN_JOB } from './runs';
import { loadScenario } from './scenarios';

export const environmentRunJob = defineJob({
  type: ENV_RUN_JOB,
  description: 'Runs an agent (baseline or model) on every test case of a scenario version and records its trajectories.',
  input: z.object({ runId: z.string().min(1) }),
  result: z.object({
    runId: z.string(),
    scenarioId: z.string(),
    policy: z.string(),
    passed: z.number().int(),
    total: z.number().int(),
    passRate: z.number().min(0).max(1),
  }),
  run: async ({ db, job, input, progress }) => {
    const [run] = await db
      .select()
      .from(environmentRuns)
      .where(and(eq(environmentRuns.projectId, job.projectId), eq(environmentRuns.id, input.runId)));
    if (!run) throw new PermanentJobError(`No run ${input.runId} in this project.`);
    const loaded = await loadScenario(db, job.projectId, run.scenarioId);
    const spec = { id: loaded.scenario.id, type: loaded.scenario.type, tools: loaded.scenario.tools };
    const policy = await createPolicy(db, job.projectId, run.policy, spec, run.seed);
    await db.update(environmentRuns).set({ policyName: policy.name }).where(eq(environmentRuns.id, run.id));

    const done = await db
      .select({ caseId: trajectories.caseId, passed: trajectories.passed })
      .from(trajectories)
      .where(eq(trajectories.runId, run.id));
    const finished = new Set(done.map((d) => d.caseId));
    let completed = done.length;
    let passed = done.filter((d) => d.passed).length;
    const total = loaded.cases.length;
    await progress(completed / total, `Running ${policy.name} on ${total} cases`);

    for (const c of loaded.cases) {
      if (finished.has(c.id)) continue;
      const result = await runCase({ policy, prompt: c.prompt, tools: spec.tools, runner: builtinTools, stepLimit: run.stepLimit });
      const verdict = judgeCase(c, result, run.stepLimit);
      await db
        .insert(trajectories)
        .values({
          id: newId('traj'),
          projectId: job.projectId,
          runId: run.id,
          scenarioId: run.scenarioId,
          caseId: c.id,
          position: c.position,
          prompt: c.prompt,
          expected: c.expected,
          matcher: c.matcher,
          tolerance: c.tolerance,
          steps: result.steps,
          finalAnswer: result.finalAnswer,
          passed: verdict.passed,
          explanation: verdict.explanation,
          stopReason: result.stopReason,
          latencyMs: result.latencyMs,
        })
        .onConflictDoNothing();
      completed++;
      if (verdict.passed) passed++;
      await db.update(environmentRuns).set({ completed, passed }).where(eq(environmentRuns.id, run.id));
      await progress(completed / total, `Case ${completed} of ${total} · ${passed} passed`);
    }
    await db
      .update(environmentRuns)
      .set({ finishedAt: sql`now()` })
      .where(eq(environmentRuns.id, run.id));
    return { runId: run.id, scenarioId: run.scenarioId, policy: policy.name, passed, total, passRate: total ? passed / total : 0 };
  },
});
