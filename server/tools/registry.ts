// The tool registry: what an agent may call. A tool = name + description + argument schema + handler.
// The raw text of a call (`<call:calculator>42+28</call>` gives "42+28") is parsed by the tool's zod schema, then the
// handler runs in the sandbox (./sandbox.ts) with only those parsed arguments: no filesystem, network or process.
// A new tool: write `defineTool({...})` in its own file here (a pure, self-contained handler), add it to ./builtin.ts.
import type { z } from 'zod';
import { compileHandler, type CompiledHandler, type SandboxOutcome } from './sandbox';

export type ToolDefinition<A = unknown> = {
  /** Lower-case name used in calls: `<call:name>…</call>` (protocol.ts allows [a-z_][a-z0-9_]*). */
  name: string;
  description: string;
  /** How to write the arguments, shown beside the tool in the UI. */
  argsHint: string;
  /** Parses the call's raw argument text; its messages become the error observation. */
  args: z.ZodType<A, string>;
  /** Pure and self-contained: it runs from its own source text in an isolated context (see sandbox.ts). */
  handler: (args: A) => string | number;
  /** A call and its expected result, run in the sandbox at registration: a handler that cannot run on its own
   * (it reaches outside itself, or a bundler rewrote it to) fails loudly at start, not on every call. */
  example: { args: string; result: string };
};

export type ToolOutcome = SandboxOutcome & { ms: number };
export type ToolInfo = { name: string; description: string; argsHint: string; example: { args: string; result: string } };

export function defineTool<A>(definition: ToolDefinition<A>): ToolDefinition<A> {
  if (!/^[a-z_][a-z0-9_]*$/.test(definition.name)) throw new Error(`Tool name "${definition.name}" must match [a-z_][a-z0-9_]*.`);
  return definition;
}

export class ToolRegistry {
  private readonly tools = new Map<string, { def: ToolDefinition<unknown>; compiled: CompiledHandler }>();

  // Tools of different argument types live in one registry; each is checked against its own schema on call.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(definitions: ToolDefinition<any>[] = []) {
    for (const d of definitions) this.register(d);
  }

  register<A>(def: ToolDefinition<A>): void {
    if (this.tools.has(def.name)) throw new Error(`Tool ${def.name} is registered twice.`);
    const compiled = compileHandler(def.name, def.handler);
    const parsed = def.args.safeParse(def.example.args);
    const check = parsed.success
      ? compiled.run(parsed.data, { timeoutMs: 1000 })
      : { ok: false as const, error: 'its example arguments do not parse' };
    if (!check.ok || check.value !== def.example.result) {
      throw new Error(
        `Tool ${def.name} fails its example in the sandbox (${def.example.args} should give ${def.example.result}): ${check.ok ? `got ${check.value}` : check.error}`,
      );
    }
    this.tools.set(def.name, { def: def as ToolDefinition<unknown>, compiled });
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  list(): ToolInfo[] {
    return [...this.tools.values()].map(({ def }) => ({
      name: def.name,
      description: def.description,
      argsHint: def.argsHint,
      example: def.example,
    }));
  }

  /** Runs one call; never throws: an unknown tool, bad arguments or a failing handler come back as an error text. */
  run(name: string, rawArgs: string, opts: { timeoutMs?: number } = {}): ToolOutcome {
    const started = performance.now();
    const done = (o: SandboxOutcome): ToolOutcome => ({ ...o, ms: Math.round((performance.now() - started) * 100) / 100 });
    const tool = this.tools.get(name);
    if (!tool) return done({ ok: false, error: `unknown tool "${name}"` });
    const parsed = tool.def.args.safeParse(rawArgs);
    if (!parsed.success) return done({ ok: false, error: parsed.error.issues.map((i) => i.message).join('; ') });
    return done(tool.compiled.run(parsed.data, opts));
  }
}
