// `npm run factory -- eval run --project P --taskset T (--model M | --endpoint E) [--policy JSON|FILE] [--json]`:
// evaluates here and now, prints the summary, and exits 0 on PASS, 1 on FAIL, 2 on error — a CI gate. The job goes
// to a queue of its own that no worker serves, so this process is the one that runs it (on the embedded database as
// on Postgres). --policy overrides rules of the project's current policy for this run only (e.g.
// '{"minAccuracy":0.95}'); such a verdict gates the CI step but never allows a deploy.
import 'server-only';
import { readFile } from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { randomToken } from '@/db/ids';
import { evaluationRuns, jobs } from '@/db/schema';
import { getDbHandle } from '@/server/db';
import { isDomainError } from '@/server/domain-error';
import { evaluationRunJob } from '@/server/evaluation/run-job';
import { adHocPolicy, currentPolicy } from '@/server/evaluation/policy';
import { startEvaluation } from '@/server/evaluation/runs';
import { runSummary } from '@/server/evaluation/summary';
import { claim } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { projectExists, type Out } from './eval-shared';
import type { CliCommand } from './command';
import '@/server/main/subjects';

const USAGE =
  'Usage: npm run factory -- eval run --project P --taskset T (--model M | --endpoint E) [--policy \'{"minAccuracy":0.9}\' | --policy FILE] [--step-limit N] [--seed N] [--adversarial N] [--json]';

async function readPolicy(value: string): Promise<unknown> {
  const text = value.trim().startsWith('{') ? value : await readFile(value, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`--policy is neither a JSON object nor a file holding one: ${(err as Error).message}`);
  }
}

const int = (v: string | boolean | undefined) => (typeof v === 'string' ? Number(v) : undefined);

export async function evalRun(db: Db, flags: Record<string, string | boolean | undefined>, out: Out): Promise<number> {
  const { project, taskset, model, endpoint } = flags;
  if (typeof project !== 'string' || typeof taskset !== 'string' || typeof model === typeof endpoint) {
    out.error(USAGE);
    return 2;
  }
  try {
    if (!(await projectExists(db, project))) {
      out.error(`No project "${project}" in this database.`);
      return 2;
    }
    const policy =
      typeof flags.policy === 'string' ? adHocPolicy((await currentPolicy(db, project)).rules, await readPolicy(flags.policy)) : undefined;
    const queue = `cli-${randomToken(10)}`;
    const started = await startEvaluation(db, {
      projectId: project,
      tasksetId: taskset,
      subject: typeof model === 'string' ? `model:${model}` : `endpoint:${endpoint}`,
      stepLimit: int(flags['step-limit']) ?? 5,
      seed: int(flags.seed) ?? 1,
      adversarialCount: int(flags.adversarial) ?? 24,
      createdBy: null,
      adHocPolicy: policy,
      queue,
    });
    out.error(`${started.runId}: running (job ${started.jobId})…`);
    // Retried attempts wait out their back-off on the queue; keep claiming until the job has ended.
    for (;;) {
      const [job] = await db.select().from(jobs).where(eq(jobs.id, started.jobId));
      if (!job || ['succeeded', 'failed', 'cancelled'].includes(job.status)) break;
      const claimed = await claim(db, { workerId: `cli-${process.pid}`, queues: [queue] });
      if (claimed) await runJobHere(db, claimed, evaluationRunJob, 2000, (line) => out.error(line));
      else await new Promise((r) => setTimeout(r, 500));
    }
    const [row] = await db
      .select({ run: evaluationRuns, status: jobs.status, error: jobs.error })
      .from(evaluationRuns)
      .innerJoin(jobs, eq(jobs.id, evaluationRuns.jobId))
      .where(and(eq(evaluationRuns.projectId, project), eq(evaluationRuns.id, started.runId)));
    if (!row || row.status !== 'succeeded' || !row.run.verdict) {
      out.error(`${started.runId} did not finish: ${row?.error ?? row?.status ?? 'gone'}`);
      return 2;
    }
    for (const line of runSummary(row.run)) out.log(line);
    if (flags.json)
      out.log(JSON.stringify({ id: row.run.id, verdict: row.run.verdict, reasons: row.run.gate?.reasons ?? [], scores: row.run.scores }));
    return row.run.verdict === 'pass' ? 0 : 1;
  } catch (err) {
    out.error(isDomainError(err) || err instanceof Error ? err.message : String(err));
    return 2;
  }
}

export const evalRunCommand: CliCommand = {
  summary: 'Evaluate a model or endpoint on a taskset; exit 0 on PASS, 1 on FAIL, 2 on error',
  options: {
    project: { type: 'string' },
    taskset: { type: 'string' },
    model: { type: 'string' },
    endpoint: { type: 'string' },
    policy: { type: 'string' },
    'step-limit': { type: 'string' },
    seed: { type: 'string' },
    adversarial: { type: 'string' },
    json: { type: 'boolean' },
  },
  run: async (flags) => {
    // Any failure is exit code 2, never 1: a CI step must tell "the model failed the gate" from "the check broke".
    try {
      const handle = await getDbHandle();
      try {
        return await evalRun(handle.db, flags, { log: (l) => console.log(l), error: (l) => console.error(l) });
      } finally {
        await handle.close();
      }
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
      return 2;
    }
  },
};
