// Compares tensor engines for the built-in trainer on the same model, data and seed: steps/s and tokens/s of training
// steps (batch 64, default model, math transcripts). Each candidate runs in its own process. CPU time per step is
// reported beside wall time: on a shared machine it is the steadier figure.
// Run: npx tsx --conditions=react-server bench/trainer-engines.ts

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const candidates = ['wasm-simd', 'wasm-nosimd', 'cpu'] as const;
type Candidate = (typeof candidates)[number];

async function measure(candidate: Candidate): Promise<void> {
  const { tf, initBackend } = await import('@/server/training/engine/backend');
  if (candidate === 'wasm-nosimd') tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
  await initBackend(candidate === 'cpu' ? 'cpu' : 'wasm');
  const { createTrainer } = await import('@/server/training/engine');
  const train = [];
  for (let a = 0; a < 100; a++)
    for (let b = 0; b < 100; b++)
      train.push({
        prompt: `What is ${a}+${b}?`,
        response: `<call:calculator>${a}+${b}</call><result>${a + b}</result><answer>${a + b}</answer>`,
      });
  const trainer = await createTrainer({ examples: { train }, seed: 1 });
  trainer.trainStep(); // warm-up: kernels compiled, operators created
  const steps = candidate === 'cpu' ? 3 : 25;
  let tokens = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) tokens += trainer.trainStep().tokens;
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuMsPerStep = (cpu.user + cpu.system) / 1000 / steps;
  console.log(
    JSON.stringify({
      candidate,
      stepsPerSec: steps / s,
      tokensPerSec: tokens / s,
      cpuMsPerStep,
      rssMB: process.memoryUsage().rss / 2 ** 20,
    }),
  );
}

const one = process.env.ENGINE_CANDIDATE as Candidate | undefined;
if (one) await measure(one);
else {
  console.log(
    `load average before: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const c of candidates) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, ENGINE_CANDIDATE: c },
      encoding: 'utf8',
    });
    const r = JSON.parse(out.trim().split('\n').pop()!) as {
      stepsPerSec: number;
      tokensPerSec: number;
      cpuMsPerStep: number;
      rssMB: number;
    };
    console.log(
      `${c.padEnd(12)} ${r.stepsPerSec.toFixed(2).padStart(6)} steps/s ${Math.round(r.tokensPerSec).toString().padStart(6)} tokens/s ` +
        `${r.cpuMsPerStep.toFixed(0).padStart(6)} CPU ms/step (≈ ${(1000 / r.cpuMsPerStep).toFixed(2)} steps/s on an idle core)  RSS ${r.rssMB.toFixed(0)} MB`,
    );
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
