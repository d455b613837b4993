// The tool sandbox: a handler reaching for the filesystem, the network, the process or the host's Function fails
// with an error observation; runaway handlers are stopped; no state survives between calls. And the registry refuses
// a tool that cannot run on its own.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, ToolRegistry } from './registry';
import { compileHandler } from './sandbox';

// The handlers below are written as an attacker would; `declare` keeps TypeScript quiet about names the sandbox lacks.
declare const require: (id: string) => { readFileSync: (p: string, enc: string) => string };
declare const process: { env: Record<string, string> };
declare const __name: <F>(fn: F, name: string) => F;

const run = (handler: (args: string) => unknown, args = '1+1', timeoutMs?: number) =>
  compileHandler('t', handler as (a: never) => unknown).run(args, { timeoutMs });

describe('tool sandbox', () => {
  it.each([
    ['require("fs")', () => require('fs').readFileSync('/etc/hostname', 'utf8'), /require is not defined/],
    ['fetch', () => fetch('http://127.0.0.1:1/'), /fetch is not defined/],
    ['process.env', () => Object.keys(process.env).join(','), /process is not defined/],
    [
      'the host Function via constructor',
      () => (globalThis.constructor.constructor('return process')() as { pid: number }).pid,
      /Code generation from strings disallowed/,
    ],
    ['eval', (a: string) => String((0, eval)(a)), /eval is not defined|disallowed/],
  ] as const)('%s fails with an error observation', (_, handler, message) => {
    const out = run(handler);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatch(message);
  });

  it('stops a handler that never returns', () => {
    const out = run(
      () => {
        for (;;);
      },
      '',
      50,
    );
    expect(out).toEqual({ ok: false, error: 'the tool took longer than 50 ms' });
  });

  it('gives each call a fresh context', () => {
    const counter = compileHandler('counter', () => {
      const g = globalThis as unknown as { n?: number };
      g.n = (g.n ?? 0) + 1;
      return g.n;
    });
    expect(counter.run('')).toEqual({ ok: true, value: '1' });
    expect(counter.run('')).toEqual({ ok: true, value: '1' });
  });

  it('passes only the parsed arguments in and only text out', () => {
    expect(run((a) => `echo:${a}`, 'hi')).toEqual({ ok: true, value: 'echo:hi' });
    expect(run(() => ({ toString: () => 'x' }))).toEqual({ ok: false, error: 'the tool returned no text' });
    expect(
      run(() => {
        throw new Error('bad input');
      }),
    ).toEqual({ ok: false, error: 'bad input' });
  });

  it('runs handlers as esbuild (tsx) emits them, with __name wrappers', () => {
    expect(run((a) => __name((x: string) => x.toUpperCase(), 'up')(a), 'ok')).toEqual({ ok: true, value: 'OK' });
  });
});

describe('tool registry', () => {
  const text = z.string();
  const tool = (name: string, handler: (args: string) => string | number, example = { args: 'a', result: 'a' }) =>
    defineTool({ name, description: name, argsHint: '', args: text, handler, example });

  it('refuses a tool that fails its example in the sandbox, saying why', () => {
    expect(() => new ToolRegistry([tool('reads_file', () => require('fs').readFileSync('/etc/hostname', 'utf8'))])).toThrow(
      /Tool reads_file fails its example in the sandbox \(a should give a\): require is not defined/,
    );
    expect(() => new ToolRegistry([tool('wrong', () => 'b')])).toThrow(/got b/);
  });

  it('refuses two tools of one name and names outside the protocol', () => {
    expect(() => new ToolRegistry([tool('echo', (a) => a), tool('echo', (a) => a)])).toThrow(/registered twice/);
    expect(() => tool('Bad-Name', (a) => a)).toThrow(/must match/);
  });

  it('parses arguments by the schema and names an unknown tool', () => {
    const registry = new ToolRegistry([
      defineTool({
        name: 'short',
        description: '',
        argsHint: '',
        args: z.string().max(3, 'too long'),
        handler: (a: string) => a,
        example: { args: 'ab', result: 'ab' },
      }),
    ]);
    expect(registry.run('short', 'abc')).toMatchObject({ ok: true, value: 'abc' });
    expect(registry.run('short', 'abcd')).toMatchObject({ ok: false, error: 'too long' });
    expect(registry.run('nope', '')).toMatchObject({ ok: false, error: 'unknown tool "nope"' });
  });
});
