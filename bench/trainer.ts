// Benchmark of the built-in trainer on the math agent: trains the default model on demo-style arithmetic transcripts for
// at most 120 s, then measures exact match on held-out questions through the full calculator tool loop.
// Run: npx tsx --conditions=react-server bench/trainer.ts   (BENCH_SECONDS, BENCH_MAX_STEPS, BENCH_BATCH, BENCH_SEED override the defaults)

import os from 'node:os';
import { createTrainer, evaluateExactMatch, train, type Example, type ExactMatchCase } from '@/server/training/engine';
import { Rng } from '@/server/training/engine/rng';

const seconds = Number(process.env.BENCH_SECONDS ?? 120);
const maxSteps = Number(process.env.BENCH_MAX_STEPS ?? 0);
const batchSize = Number(process.env.BENCH_BATCH ?? 64);
const seed = Number(process.env.BENCH_SEED ?? 1);

type Question = { a: number; b: number; op: '+' | '-' | '*' };
const value = ({ a, b, op }: Question) => (op === '+' ? a + b : op === '-' ? a - b : a * b);
const prompt = (q: Question) => `What is ${q.a}${q.op}${q.b}?`;
const example = (q: Question): Example => {
  const v = value(q);
  return { prompt: prompt(q), response: `<call:calculator>${q.a}${q.op}${q.b}</call><result>${v}</result><answer>${v}</answer>` };
};
const testCase = (q: Question): ExactMatchCase => ({ prompt: prompt(q), expected: String(value(q)) });

// + and − over 0..99, × over 0..12; a tenth of the ± questions is held out and never trained on.
const rng = new Rng(seed);
const all: Question[] = [];
for (const op of ['+', '-'] as const) for (let a = 0; a < 100; a++) for (let b = 0; b < 100; b++) all.push({ a, b, op });
const order = rng.permutation(all.length);
const heldOut = new Set<number>(Array.from(order.subarray(0, all.length / 10)));
const trainQs = all.filter((_, i) => !heldOut.has(i));
for (let a = 0; a <= 12; a++) for (let b = 0; b <= 12; b++) trainQs.push({ a, b, op: '*' });
const heldQs = [...heldOut].map((i) => all[i]!);
const plus = heldQs.filter((q) => q.op === '+');
const minus = heldQs.filter((q) => q.op === '-');
const finalCases = [...plus.slice(0, 500), ...minus.slice(0, 500)].map(testCase);
const probeCases = [...plus.slice(500, 600), ...minus.slice(500, 600)].map(testCase); // disjoint from the final set
const validation = heldQs.slice(-256).map(example);

const trainer = await createTrainer({
  examples: { train: trainQs.map(example), validation },
  config: { batchSize, ...(maxSteps ? { maxSteps } : {}) },
  seed,
});
console.log(
  `data: ${trainQs.length} training transcripts, ${heldQs.length} held out; model: ${trainer.parameterCount} parameters, vocab ${trainer.vocab.size}, batch ${batchSize}`,
);
console.log(
  `plan: ${trainer.totalSteps} steps or ${seconds} s; load average before: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

const started = performance.now();
let evalMs = 0;
let reached: { step: number; trainSeconds: number; wallSeconds: number } | null = null;
const result = await train(trainer, {
  maxSeconds: seconds,
  progressEverySeconds: 10,
  validateEverySteps: 40,
  onValidate: async ({ step, policy }) => {
    const t0 = performance.now();
    const r = await evaluateExactMatch(policy, probeCases);
    evalMs += performance.now() - t0;
    const wall = (performance.now() - started) / 1000;
    if (!reached && r.accuracy >= 0.99) reached = { step, wallSeconds: wall, trainSeconds: wall - evalMs / 1000 };
    return { probeAccuracy: r.accuracy };
  },
  onProgress: (p) =>
    console.log(
      `step ${String(p.step).padStart(4)}/${p.totalSteps} loss ${p.trainLoss.toFixed(4)} val ${p.valLoss?.toFixed(4) ?? '-'} probe ${p.metrics?.probeAccuracy?.toFixed(3) ?? '-'} ` +
        `${p.stepsPerSec.toFixed(2)} steps/s ${Math.round(p.tokensPerSec)} tok/s lr ${p.learningRate.toExponential(2)} t ${p.elapsedSeconds.toFixed(0)} s`,
    ),
});
const trainWall = (performance.now() - started) / 1000;

const policy = trainer.policy();
const t0 = performance.now();
const report = await evaluateExactMatch(policy, finalCases);
const evalSeconds = (performance.now() - t0) / 1000;
const plusAcc = report.cases.filter((c) => c.prompt.includes('+')).filter((c) => c.correct).length / 500;
const minusAcc = report.cases.filter((c) => c.prompt.includes('-')).filter((c) => c.correct).length / 500;
const wrong = report.cases.filter((c) => !c.correct).slice(0, 5);
policy.dispose();
trainer.dispose();

const r = reached as { step: number; trainSeconds: number; wallSeconds: number } | null;
const mb = (kb: number) => (kb / 1024).toFixed(0);
console.log('\n== trainer bench ==');
console.log(
  `steps: ${result.step} in ${trainWall.toFixed(1)} s wall (${result.stoppedBy === 'time' ? 'time budget' : 'planned steps'}); probe evals took ${(evalMs / 1000).toFixed(1)} s of it`,
);
console.log(`throughput: ${result.stepsPerSec.toFixed(2)} steps/s, ${Math.round(result.tokensPerSec)} tokens/s (batch ${batchSize})`);
console.log(`loss: train ${result.trainLoss.toFixed(4)}, validation ${result.valLoss?.toFixed(4)}`);
console.log(
  `held-out exact match (full tool loop): ${(report.accuracy * 100).toFixed(1)}% of ${report.total} (+ ${(plusAcc * 100).toFixed(1)}%, − ${(minusAcc * 100).toFixed(1)}%); eval ${evalSeconds.toFixed(1)} s`,
);
console.log(
  r
    ? `≥ 99% on the probe set first at step ${r.step}: ${r.trainSeconds.toFixed(1)} s of training (${r.wallSeconds.toFixed(1)} s wall)`
    : '≥ 99% on the probe set: not reached',
);
if (wrong.length) console.log('misses:', wrong.map((c) => `${c.prompt} → ${JSON.stringify(c.transcript)}`).join(' | '));
console.log(
  `peak RSS: ${mb(process.resourceUsage().maxRSS)} MB; load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; ${os.cpus().length} cores`,
);
