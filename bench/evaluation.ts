// Benchmark of the Evaluation factory on the demo math model: trains one with the engine (the default size, on
// demo-style calculator transcripts, for BENCH_TRAIN_SECONDS), registers it, and evaluates it on a 1,000-case taskset
//   1. as the product does: the `evaluation.run` job on an in-memory database (batched subject, checks, safety,
//      reference judge, every case stored, scores and verdict);
//   2. the subject and scoring alone, batched (the engine decodes evalBatchSize rows together);
//   3. the same, one case at a time.
// Prints cases/s, CPU seconds and peak RSS. Run: npm run bench -- evaluation  (BENCH_TRAIN_SECONDS, BENCH_CASES override)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const trainSeconds = Number(process.env.BENCH_TRAIN_SECONDS ?? 90);
const caseCount = Number(process.env.BENCH_CASES ?? 1000);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-bench-eval-'));
process.env.AF_DATA_DIR = dataDir;

const { createTrainer, serializeCheckpoint, train } = await import('@/server/training/engine');
const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID: P } = await import('@/server/main/demo-seed');
const { writeBlob } = await import('@/server/artifacts/store');
const { newId } = await import('@/db/ids');
const { models } = await import('@/db/schema');
const { hyperParamsInput, withIntervals } = await import('@/server/training/hyperparams');
const { BUILTIN_BASE } = await import('@/server/training/bases');
const { tasksetFromGenerator } = await import('@/server/evaluation/taskset-build');
const { loadTasksetCases } = await import('@/server/evaluation/tasksets');
const { startEvaluation } = await import('@/server/evaluation/runs');
const { runEvaluationJob } = await import('@/server/evaluation/testing');
const { getEvaluationRun } = await import('@/server/evaluation/run-read');
const { openSubject } = await import('@/server/evaluation/subjects/registry');
const { scoreCase } = await import('@/server/evaluation/case-row');
const { referenceJudge } = await import('@/server/evaluation/judge-reference');
await import('@/server/main/subjects');

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average before: ${load()}; ${os.cpus().length} cores`);

// --- a demo math model, trained here -------------------------------------------------------------------------------
type Q = { a: number; b: number; op: '+' | '-' | '*' };
const value = ({ a, b, op }: Q) => (op === '+' ? a + b : op === '-' ? a - b : a * b);
const example = (q: Q) => {
  const v = value(q);
  return {
    prompt: `What is ${q.a}${q.op}${q.b}?`,
    response: `<call:calculator>${q.a}${q.op}${q.b}</call><result>${v}</result><answer>${v}</answer>`,
  };
};
const qs: Q[] = [];
for (const op of ['+', '-'] as const)
  for (let a = 0; a < 100; a++) for (let b = 0; b < 100; b++) if (op === '+' || a >= b) qs.push({ a, b, op });
for (let a = 0; a <= 12; a++) for (let b = 0; b <= 12; b++) qs.push({ a, b, op: '*' });
const trainer = await createTrainer({
  examples: { train: qs.map(example), validation: qs.slice(0, 256).map(example) },
  config: {},
  seed: 1,
});
const trained = await train(trainer, {
  maxSeconds: trainSeconds,
  progressEverySeconds: 30,
  onProgress: (p) => console.log(`train step ${p.step} loss ${p.trainLoss.toFixed(3)}`),
});
const bytes = serializeCheckpoint(trainer.checkpoint(), { modelOnly: true });
trainer.dispose();
const rss = () => `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`;
console.log(`model: ${trained.step} steps in ${trained.seconds.toFixed(0)} s; RSS after training ${rss()}`);

const h = await memoryDb({ seed: true });
const blob = await writeBlob(
  (async function* () {
    yield bytes;
  })(),
);
const modelId = newId('model');
await h.db.insert(models).values({
  id: modelId,
  projectId: P,
  name: 'bench-math',
  base: BUILTIN_BASE,
  datasetId: 'ds_math_v1',
  scenarioId: 'scn_math_v1',
  hyperParams: withIntervals(hyperParamsInput.parse({}), 0),
  architecture: {},
  metrics: {
    steps: trained.step,
    trainLoss: trained.trainLoss,
    valLoss: null,
    valAccuracy: null,
    tokensPerSec: null,
    wallSeconds: trained.seconds,
  },
  sha256: blob.sha256,
  sizeBytes: blob.sizeBytes,
});
const { taskset } = await tasksetFromGenerator(h.db, {
  projectId: P,
  name: 'bench',
  createdBy: null,
  recipe: {
    operations: [
      { op: '+', min: 0, max: 99 },
      { op: '-', min: 0, max: 99 },
      { op: '*', min: 0, max: 12 },
    ],
    count: caseCount,
    seed: 7,
    template: 'What is {expr}?',
    allowNegative: false,
  },
});
const cases = await loadTasksetCases(h.db, P, taskset.id);
console.log(`taskset: ${taskset.id}, ${cases.length} cases; RSS with the database open ${rss()}`);

type Phase = { seconds: number; cpu: number; passed: number };
async function timed(work: () => Promise<number>): Promise<Phase> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const passed = await work();
  const u = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (u.user + u.system) / 1e6, passed };
}
const line = (name: string, p: Phase) =>
  `${name.padEnd(34)} ${(cases.length / p.seconds).toFixed(1).padStart(7)} cases/s  ${p.seconds.toFixed(1).padStart(6)} s wall  ${p.cpu.toFixed(1).padStart(6)} s CPU  accuracy ${((p.passed / cases.length) * 100).toFixed(1)}%`;

// --- 1. the job, as the product runs it -----------------------------------------------------------------------------
const job = await timed(async () => {
  const started = await startEvaluation(h.db, {
    projectId: P,
    tasksetId: taskset.id,
    subject: `model:${modelId}`,
    stepLimit: 5,
    seed: 1,
    adversarialCount: 0,
    createdBy: null,
  });
  const ended = await runEvaluationJob(h.db, started.jobId);
  if (ended.status !== 'succeeded') throw new Error(`job ${ended.status}: ${ended.error}`);
  return (await getEvaluationRun(h.db, P, started.runId))!.run.passed;
});

// --- 2 and 3. the subject and scoring alone, batched and one case at a time ----------------------------------------
const subject = await openSubject(h.db, P, `model:${modelId}`);
const signal = new AbortController().signal;
const asCases = cases.map((c) => ({ caseId: c.id, prompt: c.prompt, messages: c.messages }));
const score = (i: number, out: Awaited<ReturnType<typeof subject.runBatch>>[number]) => {
  const c = cases[i]!;
  const row = scoreCase(P, 'eval_bench', { ...c, caseId: c.id, kind: 'task', attack: null, difficulty: c.difficulty }, out, 5);
  referenceJudge(c, out.finalAnswer);
  return row.passed ? 1 : 0;
};
const batched = await timed(async () => {
  const outs = await subject.runBatch(asCases, { tools: ['calculator'], stepLimit: 5, signal });
  return outs.reduce((s, o, i) => s + score(i, o), 0);
});
const sequential = await timed(async () => {
  let passed = 0;
  for (let i = 0; i < asCases.length; i++) {
    const [out] = await subject.runBatch([asCases[i]!], { tools: ['calculator'], stepLimit: 5, signal });
    passed += score(i, out!);
  }
  return passed;
});

console.log('\n== evaluation bench ==');
console.log(line('evaluation.run job (batched, stored)', job));
console.log(line('subject + scoring, batched', batched));
console.log(line('subject + scoring, one at a time', sequential));
console.log(`batched / one at a time: ${(sequential.seconds / batched.seconds).toFixed(1)}×; target: ${cases.length} cases in < 20 s`);
console.log(
  `RSS now ${rss()}, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (training, the in-memory database and the engine's wasm heap, which never shrinks); load average after: ${load()}`,
);
await h.close();
rmSync(dataDir, { recursive: true, force: true });
