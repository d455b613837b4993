// Does the built-in agent generalise? Trains exactly as the product does — the demo seed in an embedded database,
// ds_math_v1 through the Data factory's loader, the default hyper-parameters through the `training.run` job, the
// registered artefact loaded by the model policy — then asks questions it has never seen:
//   seed form        "What is 877-143?" / "877-143?", + − × ÷, operands from 0..999 that appear nowhere in the demo data
//   other phrasings  wordings, frames and fillers from bench/_agent-quality-phrasings.ts, none of which the demo uses
// Answers are judged by the Environment factory's numeric matcher; a sample also runs through the scenario executor
// (modelTurnPolicy: the path the Environment and Evaluation factories take).
// Run: npm run bench -- agent-quality   (BENCH_CASES per set, default 400; BENCH_SEED overrides the run's seed)

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  HELD_OUT_CLOSERS,
  HELD_OUT_COMMANDS,
  HELD_OUT_EXPRESSIONS,
  HELD_OUT_OPENERS,
  HELD_OUT_QUESTION_FRAMES,
  HELD_OUT_REQUEST_FRAMES,
  overlapWithDemo,
} from './_agent-quality-phrasings';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'af-agent-quality-'));
process.env.AF_DATA_DIR = dataDir; // the job's artefacts (checkpoints, the model) land here
const { and, eq } = await import('drizzle-orm');
const { memoryDb } = await import('@/server/testing/db');
const { DEMO_PROJECT_ID } = await import('@/server/main/demo-seed');
const { events } = await import('@/db/schema');
const { requestAllocation } = await import('@/server/compute/allocations');
const { claim } = await import('@/server/jobs/queue');
const { runJobHere } = await import('@/server/main/local-worker');
const { matchAnswer } = await import('@/server/environment/matchers');
const { runCase } = await import('@/server/environment/executor');
const { builtinTools } = await import('@/server/tools/builtin');
const { calculate } = await import('@/server/tools/calculator');
const { DEMO_MATH_AGENT } = await import('@/server/data/seed');
const { BUILTIN_BASE } = await import('@/server/training/bases');
const { hyperParamsInput } = await import('@/server/training/hyperparams');
const { trainingJob } = await import('@/server/training/job');
const { loadRegisteredModel, modelTurnPolicy } = await import('@/server/training/model-policy');
const { getRun } = await import('@/server/training/read');
const { startTraining } = await import('@/server/training/start');
const { runAgents } = await import('@/server/training/engine');
const { Rng } = await import('@/server/training/engine/rng');

type Op = '+' | '-' | '*' | '/';
const OPS: Op[] = ['+', '-', '*', '/'];
type Case = { set: 'seed form' | 'other phrasings'; op: Op; prompt: string; expected: string };

const perSet = Number(process.env.BENCH_CASES ?? 400);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const overlap = overlapWithDemo();
if (overlap.length) throw new Error(`held-out wordings that the demo also uses: ${overlap.join(' | ')}`);

console.log(`load average before: ${load()}; ${os.cpus().length} cores`);
let t = performance.now();
const h = await memoryDb({ seed: true });
const P = DEMO_PROJECT_ID;
const seededRss = process.memoryUsage().rss / 2 ** 20;
console.log(`demo seeded in ${((performance.now() - t) / 1000).toFixed(1)} s (RSS ${seededRss.toFixed(0)} MB with the embedded database)`);

// Operands the demo data never shows: every number in its arithmetic events (questions, calls, results) is excluded.
const demo = await h.db
  .select({ prompt: events.prompt, response: events.response })
  .from(events)
  .where(and(eq(events.projectId, P), eq(events.agentId, DEMO_MATH_AGENT)));
const seen = new Set<number>();
for (const e of demo)
  for (const m of `${e.prompt} ${e.response}`.replace(/(\d),(?=\d{3})/g, '$1').matchAll(/\d+(?:\.\d+)?/g)) seen.add(Number(m[0]));
const pool = Array.from({ length: 1000 }, (_, i) => i).filter((n) => !seen.has(n));
console.log(`held-out operands: ${pool.length} of 0..999 appear nowhere in the ${demo.length} demo interactions`);

const rng = new Rng(20251215);
const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)]!;
const operands = (op: Op): [number, number] => {
  const a = pick(pool);
  let b = pick(pool);
  while (op === '/' && b === 0) b = pick(pool);
  return [a, b];
};
const cases: Case[] = [];
for (let i = 0; i < perSet; i++) {
  const op = OPS[i % 4]!;
  const [a, b] = operands(op);
  const expr = `${a}${op}${b}`;
  cases.push({ set: 'seed form', op, prompt: i % 2 ? `What is ${expr}?` : `${expr}?`, expected: calculate(expr) });
}
for (let i = 0; i < perSet; i++) {
  const op = OPS[i % 4]!;
  const [a, b] = operands(op);
  const fill = (w: string) => w.replaceAll('{a}', String(a)).replaceAll('{b}', String(b));
  let prompt =
    rng.next() < 0.67
      ? pick(HELD_OUT_QUESTION_FRAMES).replace('{e}', fill(pick(HELD_OUT_EXPRESSIONS[op])))
      : pick(HELD_OUT_REQUEST_FRAMES).replace('{c}', fill(pick(HELD_OUT_COMMANDS[op])));
  if (rng.next() < 0.2) prompt = pick(HELD_OUT_OPENERS) + prompt;
  if (rng.next() < 0.2) prompt += pick(HELD_OUT_CLOSERS);
  const casing = rng.next();
  if (casing < 0.3) prompt = prompt.charAt(0).toUpperCase() + prompt.slice(1);
  else if (casing < 0.35) prompt = prompt.toUpperCase();
  cases.push({ set: 'other phrasings', op, prompt, expected: calculate(`${a}${op}${b}`) });
}

// The product's path: an allocation, a run with the form's defaults, the training job on a worker.
const granted = await requestAllocation(h.db, {
  projectId: P,
  poolType: 'training',
  resourceType: 'cpu',
  count: 1,
  memoryMb: 512,
  purpose: 'agent-quality bench',
});
if (granted.outcome !== 'granted') throw new Error(`allocation not granted: ${granted.outcome}`);
const hyperParams = hyperParamsInput.parse(process.env.BENCH_SEED ? { seed: Number(process.env.BENCH_SEED) } : {});
console.log(`hyper-parameters (the defaults): ${JSON.stringify(hyperParams)}`);
const { runId, jobId } = await startTraining(h.db, {
  projectId: P,
  name: 'agent-quality',
  datasetId: 'ds_math_v1',
  scenarioId: 'scn_math_v1',
  allocationId: granted.allocation.id,
  base: BUILTIN_BASE,
  hyperParams,
  createdBy: 'user_engineer',
});
const job = (await claim(h.db, { workerId: 'bench', queues: ['default'], types: ['training.run'] }))!;
if (job.id !== jobId) throw new Error('claimed another job');
const cpu0 = process.cpuUsage();
t = performance.now();
await runJobHere(h.db, job, trainingJob, 2_000, (line: string) => console.log(`  ${line}`));
const jobSeconds = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
const run = await getRun(h.db, P, runId);
const model = run?.model;
if (!model) throw new Error(`training did not register a model: ${run?.job.status} ${run?.job.error ?? ''}`);
const m = model.metrics;

const policy = await loadRegisteredModel(model.sha256);
t = performance.now();
const runs = await runAgents(
  policy,
  cases.map((c) => c.prompt),
);
const evalSeconds = (performance.now() - t) / 1000;
const judged = cases.map((c, i) => ({
  ...c,
  run: runs[i]!,
  passed: matchAnswer({ expected: c.expected, matcher: 'numeric', tolerance: 0 }, runs[i]!.answer).passed,
}));

// Spot checks: the wordings the issue lists as what real users type. Not held out (the demo uses most of them), so
// they are reported apart from the two held-out sets.
const SPOT: [string, string][] = [
  ['how much is 15 plus 27', '15+27'],
  ["what's 300 divided by 4", '300/4'],
  ['subtract 12 from 45', '45-12'],
  ['compute 7*8', '7*8'],
  ['7 x 8', '7*8'],
  ['what is 1000 - 1', '1000-1'],
  ['please multiply 12 and 13', '12*13'],
  ['sum of 3 and 4', '3+4'],
  ['difference between 10 and 3', '10-3'],
  ['product of 6 and 7', '6*7'],
  ['quotient of 20 and 5', '20/5'],
  ['12 / 4', '12/4'],
  ['12÷4', '12/4'],
  ['-5 + 3', '-5+3'],
  ['How much is 1,250 plus 3?', '1250+3'],
  ['what is 2.5 times 4?', '2.5*4'],
];
const spotRuns = await runAgents(
  policy,
  SPOT.map(([p]) => p),
);
const spotMisses = SPOT.flatMap(([p, expr], i) => (spotRuns[i]!.answer === calculate(expr) ? [] : [`${p} → ${spotRuns[i]!.transcript}`]));

// The Environment/Evaluation path: one model turn at a time through the scenario executor and the sandboxed tools.
const sample = judged.filter((_, i) => i % 8 === 0);
const turnPolicy = modelTurnPolicy(`model:${model.id}`, policy);
let executorAgrees = 0;
for (const c of sample) {
  const r = await runCase({ policy: turnPolicy, prompt: c.prompt, tools: ['calculator'], runner: builtinTools, stepLimit: 5 });
  const passed = matchAnswer({ expected: c.expected, matcher: 'numeric', tolerance: 0 }, r.finalAnswer).passed;
  if (passed === c.passed) executorAgrees++;
}

console.log('\n== agent-quality bench ==');
console.log(
  `training: ${m.steps} steps in ${m.wallSeconds.toFixed(1)} s (the job: ${jobSeconds.toFixed(1)} s with validation and checkpoints); ` +
    `${Math.round(m.tokensPerSec ?? 0)} tokens/s; ${((cpu.user + cpu.system) / 1000 / m.steps).toFixed(0)} CPU ms/step (job total over steps); ` +
    `train loss ${m.trainLoss?.toFixed(4)}, val loss ${m.valLoss?.toFixed(4)}, scenario accuracy ${m.valAccuracy === null ? '-' : pct(m.valAccuracy)}`,
);
console.log(`model: ${model.architecture.parameters} parameters, artefact ${(model.sizeBytes / 1024).toFixed(0)} KB`);
for (const set of ['seed form', 'other phrasings'] as const) {
  const mine = judged.filter((c) => c.set === set);
  const acc = (xs: typeof mine) => xs.filter((c) => c.passed).length / Math.max(1, xs.length);
  console.log(
    `${set}: ${pct(acc(mine))} of ${mine.length} (${OPS.map((op) => `${op} ${pct(acc(mine.filter((c) => c.op === op)))}`).join(', ')})`,
  );
  for (const c of mine.filter((x) => !x.passed).slice(0, 6)) console.log(`  miss: ${JSON.stringify(c.prompt)} → ${c.run.transcript}`);
}
console.log(`spot checks (the issue's own examples, not held out): ${SPOT.length - spotMisses.length}/${SPOT.length}`);
for (const m of spotMisses) console.log(`  miss: ${m}`);
console.log(
  `evaluation: ${cases.length} agent runs in ${evalSeconds.toFixed(1)} s (${(cases.length / evalSeconds).toFixed(0)} per s, batched)`,
);
console.log(`scenario executor (modelTurnPolicy) agrees with the batched agent loop on ${executorAgrees}/${sample.length} sampled cases`);
console.log(
  `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (the embedded database, seeding, training and evaluation in one process, ` +
    `as on the embedded default; ${seededRss.toFixed(0)} MB after seeding); load average after: ${load()}`,
);

policy.dispose();
await h.close();
rmSync(dataDir, { recursive: true, force: true });
