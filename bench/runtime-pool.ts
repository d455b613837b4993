// Runtime pool figures: acquire p50/p99 over 10,000 claims from a warm pool of real sandboxes (worker threads with a
// tiny real model), the time a sandbox takes to start and answer its first request, and the agent's latency through
// a sandbox at 1 and 2 concurrent requests. Run: npm run bench -- runtime-pool
import os from 'node:os';
import { SandboxPool } from '@/server/runtime/pool';
import { Sandbox } from '@/server/runtime/sandbox/sandbox';
import { tinyModelBytes } from '@/server/runtime/testing';

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!;

async function main() {
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${os.cpus().length} cores`,
  );
  const modelBytes = await tinyModelBytes(20);
  const start = () => Sandbox.start({ modelBytes, tools: ['calculator'], maxCalls: 4, toolTimeoutMs: 250, memoryLimitMb: 256 });

  const t0 = performance.now();
  const cold = await start();
  const started = performance.now() - t0;
  await cold.chat('What is 4+3?', { timeoutMs: 30_000 });
  console.log(`sandbox start ${started.toFixed(0)} ms, start → first answer ${(performance.now() - t0).toFixed(0)} ms`);
  await cold.terminate();

  const pool = new SandboxPool<Sandbox>({ start, probe: async () => {}, min: 2, max: 2, healthIntervalMs: 3_600_000, waitMs: 30_000 });
  while (pool.metrics().idle < 2) await new Promise((r) => setTimeout(r, 50));

  const N = 10_000;
  const acquire: number[] = [];
  for (let i = 0; i < N; i++) {
    const a = performance.now();
    const s = pool.tryAcquire();
    acquire.push((performance.now() - a) * 1000);
    if (!s) throw new Error('the warm pool handed out nothing');
    pool.release(s);
  }
  const m = pool.metrics();
  console.log(
    `acquire over ${N}: p50 ${q(acquire, 0.5).toFixed(2)} µs, p99 ${q(acquire, 0.99).toFixed(2)} µs (measured outside); pool's own claim samples p50 ${m.claimP50Us?.toFixed(2)} µs, p99 ${m.claimP99Us?.toFixed(2)} µs (target p99 < 50 µs)`,
  );

  for (const clients of [1, 2]) {
    const lat: number[] = [];
    const per = 50;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < per; i++) {
          const a = performance.now();
          const s = await pool.acquire();
          try {
            await s.chat(`What is ${c + i}+${i % 10}?`, { timeoutMs: 30_000 });
          } finally {
            pool.release(s);
          }
          lat.push(performance.now() - a);
        }
      }),
    );
    const wall = (performance.now() - t) / 1000;
    console.log(
      `agent through a sandbox, ${clients} client(s) × ${per}: p50 ${q(lat, 0.5).toFixed(1)} ms, p99 ${q(lat, 0.99).toFixed(1)} ms, ${((clients * per) / wall).toFixed(1)} req/s`,
    );
  }
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await pool.close();
}

await main();
