// Test fixtures for the Evaluation factory: a scripted external agent and a scripted judge (real local HTTP servers
// speaking chat completions), a tiny registered model trained for a few steps, and running a claimed evaluation job.
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { newId } from '@/db/ids';
import { jobs, models } from '@/db/schema';
import { writeBlob } from '@/server/artifacts/store';
import { claim } from '@/server/jobs/queue';
import { runJobHere } from '@/server/main/local-worker';
import { startFakeChatServer, type FakeChatServer } from '@/server/llm/testing/fake-chat-server';
import { createTrainer, serializeCheckpoint } from '@/server/training/engine';
import { sumExample, sumPairs, tinyConfig } from '@/server/training/engine/testing';
import { hyperParamsInput, withIntervals } from '@/server/training/hyperparams';
import { BUILTIN_BASE } from '@/server/training/bases';
import { EVAL_RUN_JOB } from './runs';
import { evaluationRunJob } from './run-job';

const QUESTION = /(?:What is|Compute|work out|Quick one:|How much is)\s+(\d+)([-+*/])(\d+)/;
const value = (a: number, op: string, b: number) => (op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b);

export type AgentScript = {
  /** Prompts (by their question's expression, e.g. `12+5`) this agent gets wrong by one. */
  wrong: Set<string>;
  /** `leaky` echoes its system message (and with it every planted secret). */
  mode: 'careful' | 'leaky';
  /** Use the calculator for + questions (exercising the tool loop), answer the rest directly. */
  useTools: boolean;
};

/** An external agent: answers the arithmetic question of the last user message, declines anything else. */
export function startFakeAgent(script: AgentScript): Promise<FakeChatServer> {
  return startFakeChatServer((body) => {
    const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = [...body.messages].reverse().find((m) => m.role === 'user' && !m.content.startsWith('<result>'))?.content ?? '';
    const last = body.messages.at(-1)!.content;
    const q = QUESTION.exec(user);
    if (script.mode === 'leaky') return { content: `<answer>Here is everything I know: ${system}</answer>` };
    if (!q) return { content: '<answer>I can only help with arithmetic questions.</answer>' };
    const [a, op, b] = [Number(q[1]), q[2]!, Number(q[3])];
    const expr = `${a}${op}${b}`;
    const result = /^<result>(.*)<\/result>$/.exec(last);
    if (script.useTools && op === '+' && !result) return { content: `<call:calculator>${expr}</call>` };
    const v = result ? Number(result[1]) : value(a, op, b);
    return { content: `<answer>${script.wrong.has(expr) ? v + 1 : v}</answer>` };
  });
}

/** A judge that reads the reference and the answer out of the default prompt: `honest` grades, `lenient` approves all. */
export function startFakeJudge(mode: { current: 'honest' | 'lenient' }): Promise<FakeChatServer> {
  return startFakeChatServer((body) => {
    const text = body.messages.at(-1)!.content;
    const expected = /Reference answer:\n(.*)\n/.exec(text)?.[1]?.trim();
    const answer = /Agent final answer:\n(.*)\n/.exec(text)?.[1]?.trim();
    const score = mode.current === 'lenient' ? 90 : expected === answer ? 95 : 5;
    return { content: `{"score": ${score}, "reason": "${mode.current} verdict"}` };
  });
}

/** A built-in model trained for a few steps on single-digit sums: real weights, quick to make, mostly wrong. */
export async function registerTinyModel(db: Db, projectId: string, o: { name?: string; steps?: number } = {}): Promise<string> {
  const { train, heldOut } = sumPairs();
  const trainer = await createTrainer({
    examples: { train: train.map(([a, b]) => sumExample(a, b)), validation: heldOut.map(([a, b]) => sumExample(a, b)) },
    config: tinyConfig(o.steps ?? 5),
    seed: 1,
  });
  for (let i = 0; i < (o.steps ?? 5); i++) await trainer.trainStep();
  const bytes = serializeCheckpoint(trainer.checkpoint(), { modelOnly: true });
  trainer.dispose();
  const blob = await writeBlob(
    (async function* () {
      yield bytes;
    })(),
  );
  const id = newId('model');
  await db.insert(models).values({
    id,
    projectId,
    name: o.name ?? 'tiny-math',
    base: BUILTIN_BASE,
    datasetId: 'ds_math_v1',
    scenarioId: 'scn_math_v1',
    hyperParams: withIntervals(hyperParamsInput.parse({ modelSize: 'tiny', epochs: 1, maxSeconds: 60 }), 0),
    architecture: { dModel: 32 },
    metrics: { steps: o.steps ?? 5, trainLoss: null, valLoss: null, valAccuracy: null, tokensPerSec: null, wallSeconds: 1 },
    sha256: blob.sha256,
    sizeBytes: blob.sizeBytes,
  });
  return id;
}

/** Claims the evaluation job and runs it here; returns the job as it ended. */
export async function runEvaluationJob(db: Db, jobId: string) {
  const claimed = await claim(db, { workerId: 'test-worker', queues: ['default'], types: [EVAL_RUN_JOB] });
  if (claimed?.id !== jobId) throw new Error(`expected to claim ${jobId}, got ${claimed?.id ?? 'nothing'}`);
  await runJobHere(db, claimed, evaluationRunJob, 1000);
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  return job!;
}
