// Sandboxes as real worker threads with a real (tiny) model: they answer through the agent loop; tools inside get no
// filesystem, network, child process or environment; a request over its time limit is stopped with `timeout` and the
// sandbox is dead; a request over the memory limit kills only its thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModelBytes } from '../testing';
import { Sandbox } from './sandbox';

let bytes: Uint8Array;
const started: Sandbox[] = [];
const start = async (extra: Partial<Parameters<typeof Sandbox.start>[0]> = {}) => {
  const s = await Sandbox.start({
    modelBytes: bytes,
    tools: ['calculator'],
    maxCalls: 3,
    toolTimeoutMs: 250,
    memoryLimitMb: 128,
    ...extra,
  });
  started.push(s);
  return s;
};

beforeAll(async () => {
  bytes = await tinyModelBytes();
}, 300_000);
afterAll(async () => {
  await Promise.all(started.map((s) => s.terminate()));
});

describe('a sandbox', { timeout: 180_000 }, () => {
  it('answers a prompt through the agent loop and runs its tools', async () => {
    const s = await start();
    const out = await s.chat('What is 4+3?', { timeoutMs: 20_000 });
    expect(typeof out.answer).toBe('string');
    expect(out.promptTokens).toBeGreaterThan(0);
    expect(await s.tool('calculator', '42+28', { timeoutMs: 5000 })).toEqual({ ok: true, value: '70' });
    expect(await s.tool('shell', 'ls', { timeoutMs: 5000 })).toEqual({ ok: false, error: 'unknown tool "shell"' });
  });

  it('refuses tools file, network, process and environment access', async () => {
    const attempts = {
      fs: '() => require("node:fs").readFileSync("/etc/passwd", "utf8")',
      importFs: '() => import("node:fs")',
      network: '() => { fetch("http://127.0.0.1:1/"); return "sent"; }',
      childProcess: '() => process.binding("spawn_sync")',
      env: '() => JSON.stringify(process.env)',
      escape: '() => this.constructor.constructor("return process")().pid',
      timers: '() => { setTimeout(() => {}, 0); return "scheduled"; }',
    };
    const s = await start({ customTools: Object.entries(attempts).map(([name, source]) => ({ name, source })) });
    for (const name of Object.keys(attempts)) {
      const out = await s.tool(name, '', { timeoutMs: 5000 });
      expect(out.ok, `${name}: ${JSON.stringify(out)}`).toBe(false);
    }
    expect(s.alive).toBe(true);
  });

  it('stops a request over its time limit, and the sandbox is dead', async () => {
    const s = await start({ customTools: [{ name: 'spin', source: '() => { for (;;) {} }' }], toolTimeoutMs: 60_000 });
    const err = await s.tool('spin', '', { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'timeout' });
    expect(s.alive).toBe(false);
    expect(s.deadReason).toMatch(/300 ms limit/);
  });

  it('a request over the memory limit kills only its thread', async () => {
    const hog = '() => { const keep = []; for (;;) keep.push(new Array(1e6).fill(1.5)); }';
    const s = await start({ customTools: [{ name: 'hog', source: hog }], toolTimeoutMs: 60_000, memoryLimitMb: 64 });
    const err = await s.tool('hog', '', { timeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unavailable', message: expect.stringContaining('memory') });
    expect(s.alive).toBe(false);
    const other = await start();
    expect(await other.tool('calculator', '1+1', { timeoutMs: 5000 })).toEqual({ ok: true, value: '2' });
  });
});
