// The pool over real sandboxes (worker threads with a tiny real model): acquire from memory, release, background
// refill, unhealthy and dead sandboxes replaced and never handed out, a sandbox killed mid-request replaced with the
// next request served, 429 when exhausted, and the refill breaker with its reason and back-off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPool, type PoolOptions } from './pool';
import { Sandbox } from './sandbox/sandbox';
import { tinyModelBytes } from './testing';

let bytes: Uint8Array;
const pools: SandboxPool<Sandbox>[] = [];

async function waitFor(what: string, ok: () => boolean, ms = 60_000) {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function pool(o: Partial<PoolOptions<Sandbox>> = {}, modelBytes?: Uint8Array) {
  const p = new SandboxPool<Sandbox>({
    start: () =>
      Sandbox.start({ modelBytes: modelBytes ?? bytes, tools: ['calculator'], maxCalls: 3, toolTimeoutMs: 250, memoryLimitMb: 128 }),
    probe: async (s) => {
      const r = await s.tool('calculator', '1+1', { timeoutMs: 5000 });
      if (!r.ok) throw new Error(r.error);
    },
    min: 1,
    max: 2,
    healthIntervalMs: 3_600_000,
    waitMs: 30_000,
    ...o,
  });
  pools.push(p);
  return p;
}

beforeAll(async () => {
  bytes = await tinyModelBytes();
}, 300_000);
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('the sandbox pool', { timeout: 180_000 }, () => {
  it('hands out warm sandboxes from memory, refills in the background, and replaces unhealthy ones', async () => {
    const p = pool();
    expect(p.tryAcquire()).toBeNull(); // nothing warm yet: the first start is under way
    await waitFor('a warm sandbox', () => p.metrics().idle === 1);
    const a = p.tryAcquire()!;
    expect(a.alive).toBe(true);
    // Taking the only spare starts the next one.
    expect(p.metrics()).toMatchObject({ busy: 1, starting: 1, warmHits: 1 });
    await waitFor('the refill', () => p.metrics().idle === 1);
    const b = p.tryAcquire()!;
    p.release(a);
    expect(p.tryAcquire()).toBe(a); // a released sandbox is reused
    p.release(b, { healthy: false });
    expect(b.alive).toBe(false);
    expect(p.metrics()).toMatchObject({ replaced: 1 });
    p.release(a);
    await waitFor('the replacement', () => p.metrics().idle === 2);
    const m = p.metrics();
    expect(m).toMatchObject({ started: 3, failed: 0, claims: 3, waits: 0, warmHitRate: 1 });
    expect(m.claimP99Us).toBeLessThan(1000);
  });

  it('never hands out a sandbox while its health check runs, and replaces one that fails it', async () => {
    let failing = -1;
    const p = pool({
      probe: async (s) => {
        if (s.id === failing) throw new Error('probe refused');
        await s.tool('calculator', '1+1', { timeoutMs: 5000 });
      },
    });
    await waitFor('a warm sandbox', () => p.metrics().idle === 1);
    const s = p.tryAcquire()!;
    p.release(s);
    failing = s.id;
    const checking = p.checkHealth();
    expect(p.tryAcquire()).toBeNull();
    await checking;
    const m = p.metrics();
    expect(m.health.at(-1)).toMatchObject({ sandboxId: s.id, healthy: false, error: 'probe refused' });
    expect(s.alive).toBe(false);
    expect(m.replaced).toBe(1);
    await waitFor('the replacement', () => p.metrics().idle >= 1);
    expect(p.tryAcquire()!.id).not.toBe(s.id);
  });

  it('replaces a sandbox killed mid-request; the next request succeeds', async () => {
    const p = pool();
    const s = await p.acquire();
    const inFlight = s.tool('calculator', '2+2', { timeoutMs: 10_000 });
    void s.terminate('killed by the test');
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
    p.release(s);
    const next = await p.acquire();
    expect(next.id).not.toBe(s.id);
    expect(await next.tool('calculator', '2+2', { timeoutMs: 10_000 })).toEqual({ ok: true, value: '4' });
  });

  it('refuses with rate_limited when every sandbox stays busy past the wait', async () => {
    const p = pool({ min: 1, max: 1, waitMs: 300 });
    await waitFor('a warm sandbox', () => p.metrics().idle === 1);
    const s = p.tryAcquire()!;
    await expect(p.acquire()).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 1 });
    expect(p.metrics()).toMatchObject({ waits: 1, waitTimeouts: 1, warmHitRate: 0.5 });
    p.release(s);
  });

  it('opens the refill breaker after repeated failed starts, shows why, and retries with back-off', async () => {
    const p = pool({ breakerBackoffMs: 400, waitMs: 200 }, new Uint8Array([1, 2, 3]));
    await waitFor('the breaker', () => p.metrics().breaker.open);
    const m = p.metrics();
    expect(m.failed).toBe(3);
    expect(m.breaker.reason).toMatch(
      /^refill paused: 3 sandbox starts failed in a row \(last: the sandbox could not load its model: .+\); next try in 0 s$/,
    );
    const err = await p.acquire().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('refill paused') });
    // No tight loop: one more try after the back-off, then the back-off doubles.
    await waitFor('the retry', () => p.metrics().failed === 4);
    expect(p.metrics().breaker).toMatchObject({ open: true, consecutiveFailures: 4 });
    await new Promise((r) => setTimeout(r, 300));
    expect(p.metrics().failed).toBe(4);
  });
});
