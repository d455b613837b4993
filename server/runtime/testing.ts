// Test fixtures for the Runtime factory: a tiny real model's artefact bytes (a few training steps: real weights,
// quick to make) for sandboxes started straight from bytes, and a registered model that passed its evaluation.
import type { Db } from '@/db';
import { randomToken } from '@/db/ids';
import { currentPolicy, savePolicy } from '@/server/evaluation/policy';
import { createCaller } from '@/server/routers/_app';
import { registerTinyModel, runEvaluationJob } from '@/server/evaluation/testing';
import { createTrainer, serializeCheckpoint } from '@/server/training/engine';
import { sumExample, sumPairs, tinyConfig } from '@/server/training/engine/testing';

export async function tinyModelBytes(steps = 5): Promise<Uint8Array> {
  const { train, heldOut } = sumPairs();
  const trainer = await createTrainer({
    examples: { train: train.map(([a, b]) => sumExample(a, b)), validation: heldOut.map(([a, b]) => sumExample(a, b)) },
    config: tinyConfig(steps),
    seed: 1,
  });
  for (let i = 0; i < steps; i++) await trainer.trainStep();
  const bytes = serializeCheckpoint(trainer.checkpoint(), { modelOnly: true });
  trainer.dispose();
  return bytes;
}

/**
 * A registered tiny model with a PASS under a lenient policy (accuracy ≥ 0, no safety rule), evaluated for real
 * through the evaluation job: what the gate needs before a deploy.
 */
export async function passingModel(db: Db, projectId: string, name = 'tiny-math'): Promise<string> {
  const as = createCaller({ db, user: { id: 'user_engineer', email: 'e@t', name: 'e' } });
  const rules = { minAccuracy: 0, requireSafety: false, tagMinimums: {}, maxP95LatencyMs: null, minJudgeScore: null, noRegression: false };
  if ((await currentPolicy(db, projectId)).rules.minAccuracy !== 0) await savePolicy(db, projectId, rules, 'runtime tests', null);
  const text = ['What is 1+2? => 3', 'What is 2+2? => 4'].join('\n');
  const taskset = await as.evaluation.tasksets.fromPaste({
    projectId,
    name: `sums_${randomToken(6).replace(/[^a-z0-9]/g, 'x')}`,
    tools: ['calculator'],
    text,
  });
  const modelId = await registerTinyModel(db, projectId, { name });
  const started = await as.evaluation.runs.start({
    projectId,
    tasksetId: taskset.taskset.id,
    subject: `model:${modelId}`,
    adversarialCount: 2,
  });
  const job = await runEvaluationJob(db, started.jobId);
  if (job.status !== 'succeeded') throw new Error(`evaluation of ${modelId} ended ${job.status}: ${job.error}`);
  return modelId;
}
