// Runs a tool handler without filesystem, network or process access: its source text is compiled into a fresh
// `node:vm` context per call whose global object has only the JavaScript built-ins (no require, import, process,
// fetch, Buffer, timers; `import()` is rejected for want of a module loader), with code generation from strings and WebAssembly disabled and a CPU-time limit.
//
// Why this holds: the handler is compiled from its text, so it closes over nothing of ours; only a JSON string goes
// in and only a JSON string comes out, so no host object (whose constructor would lead back to the host's Function
// and `process`) ever enters the context; errors are turned into text inside the context, under the time limit.
// What it is not: a boundary against hostile code (Node's docs say so of vm). Tools are reviewed code in this
// repository; the sandbox makes "pure function of its arguments" a rule the runtime enforces rather than a hope.
import vm from 'node:vm';

export type SandboxOutcome = { ok: true; value: string } | { ok: false; error: string };

export type SandboxOptions = { timeoutMs?: number };

/** A handler compiled once; each `run` gets a fresh context, so no state survives from one call to the next. */
export type CompiledHandler = { run: (args: unknown, opts?: SandboxOptions) => SandboxOutcome };

const DEFAULT_TIMEOUT_MS = 250;

export function compileHandler(name: string, handler: (args: never) => unknown): CompiledHandler {
  return compileHandlerSource(name, Function.prototype.toString.call(handler));
}

/** The same from a handler's source text (a function expression), e.g. one that crossed into a sandbox worker. */
export function compileHandlerSource(name: string, source: string): CompiledHandler {
  if (/\[native code\]/.test(source)) throw new Error(`Tool ${name}: a native or bound function has no source to sandbox.`);
  // Everything between the markers runs in the context. Built-ins that could block or escape the time limit are
  // removed first; the result and any error become one JSON string before leaving.
  // `__name`: esbuild (tsx, the worker's runner) wraps inner functions in __name(fn, "name") to keep their names;
  // outside the module that helper does not exist, so an identity stands in for it.
  const program = `(() => {
    const __name = (fn) => fn;
    const stringify = JSON.stringify, parse = JSON.parse;
    for (const k of ['Atomics', 'SharedArrayBuffer', 'WebAssembly', 'eval']) delete globalThis[k];
    try {
      const handler = (${source});
      const value = handler(parse(__args));
      if (typeof value === 'number' && Number.isFinite(value)) return stringify({ ok: true, value: String(value) });
      if (typeof value !== 'string') return stringify({ ok: false, error: 'the tool returned no text' });
      return stringify({ ok: true, value });
    } catch (err) {
      const message = err !== null && typeof err === 'object' && typeof err.message === 'string' ? err.message : String(err);
      return stringify({ ok: false, error: message || 'the tool failed' });
    }
  })()`;
  let script: vm.Script;
  try {
    script = new vm.Script(program, { filename: `tool:${name}` });
  } catch (err) {
    throw new Error(
      `Tool ${name}: its handler cannot be compiled on its own (write it as a function declaration or arrow function): ${(err as Error).message}`,
    );
  }
  return {
    run(args, opts = {}) {
      const context = vm.createContext(Object.assign(Object.create(null) as object, { __args: JSON.stringify(args ?? null) }), {
        name: `tool:${name}`,
        codeGeneration: { strings: false, wasm: false },
        microtaskMode: 'afterEvaluate',
      });
      let out: unknown;
      try {
        out = script.runInContext(context, { timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS });
      } catch (err) {
        // Only the time limit (or a stack overflow of the wrapper itself) lands here.
        const message = err instanceof Error ? err.message : String(err);
        return {
          ok: false,
          error: /timed out/i.test(message) ? `the tool took longer than ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : message,
        };
      }
      if (typeof out !== 'string') return { ok: false, error: 'the tool returned no text' };
      try {
        const parsed = JSON.parse(out) as { ok?: unknown; value?: unknown; error?: unknown };
        if (parsed.ok === true && typeof parsed.value === 'string') return { ok: true, value: parsed.value };
        return { ok: false, error: typeof parsed.error === 'string' ? parsed.error : 'the tool failed' };
      } catch {
        return { ok: false, error: 'the tool returned malformed output' };
      }
    },
  };
}
