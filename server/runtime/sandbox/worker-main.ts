// The code a sandbox worker thread runs: it loads one model and its template's tools, then answers requests one at a
// time (the pool never gives a busy sandbox a second request). The model and agent loop are the engine's own, so a
// deployment answers exactly as the model did in its evaluation. Tools run in the tool sandbox (server/tools/
// sandbox.ts): a fresh vm context per call with no require, process, fetch or timers, under a time limit; the thread
// itself is started with an empty environment and a heap limit (resourceLimits), so a request that runs away is
// stopped by the thread's death, not by the web process's.
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel, runAgent, type ModelPolicy, type Tools } from '@/server/training/engine';
import { builtinTools } from '@/server/tools/builtin';
import { compileHandlerSource, type CompiledHandler } from '@/server/tools/sandbox';
import type { SandboxInit, SandboxReply, SandboxRequest, ToolResult } from './protocol';

const init = workerData as SandboxInit;
const port = parentPort!;
const send = (m: SandboxReply) => port.postMessage(m);

const custom = new Map<string, CompiledHandler>();
for (const t of init.customTools ?? []) custom.set(t.name, compileHandlerSource(t.name, t.source));

function runTool(name: string, args: string): ToolResult {
  const c = custom.get(name);
  if (c) return c.run(args, { timeoutMs: init.toolTimeoutMs });
  if (!init.tools.includes(name)) return { ok: false, error: `unknown tool "${name}"` };
  const out = builtinTools.run(name, args, { timeoutMs: init.toolTimeoutMs });
  return out.ok ? { ok: true, value: out.value } : { ok: false, error: out.error };
}

const tools: Tools = Object.fromEntries(
  [...init.tools, ...custom.keys()].map((name) => [
    name,
    (args: string) => {
      const out = runTool(name, args);
      if (!out.ok) throw new Error(out.error);
      return out.value;
    },
  ]),
);

async function handle(model: ModelPolicy, req: SandboxRequest): Promise<SandboxReply> {
  if (req.type === 'tool') return { id: req.id, type: 'tool', result: runTool(req.name, req.args) };
  const run = await runAgent(model, req.prompt, { tools, maxCalls: req.maxCalls ?? init.maxCalls });
  const promptTokens = model.startRow(req.prompt).initial.length;
  const completionTokens = model.startRow(req.prompt, run.transcript).initial.length - promptTokens;
  return { id: req.id, type: 'chat', result: { ...run, promptTokens, completionTokens: Math.max(0, completionTokens) } };
}

try {
  const model = await loadModel(init.modelBytes);
  port.on('message', (req: SandboxRequest) => {
    handle(model, req).then(send, (err: unknown) =>
      send({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  });
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'startup-error', message: err instanceof Error ? err.message : String(err) });
}
