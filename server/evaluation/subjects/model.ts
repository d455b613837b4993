// Registered built-in models as evaluation subjects: each batch runs through the engine's batched agent loop
// (runAgents: many prompts decoded together, tool calls answered mid-generation) with the Environment's sandboxed
// tools, and comes back as the executor's trajectories. A row's latency is its batch's time over the batch's rows.
import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { formatCall, RESULT_CLOSE, ERROR_CLOSE, parseTurn } from '@/common/agent-protocol';
import { models, type TrajectoryStep } from '@/db/schema';
import type { CaseRun } from '@/server/environment/executor';
import { builtinTools } from '@/server/tools/builtin';
import { BUILTIN_BASE } from '@/server/training/bases';
import type { AgentRun, Tools } from '@/server/training/engine';
import { loadEngine } from '@/server/training/engine/load';
import { loadRegisteredModel } from '@/server/training/model-policy';
import { getModel } from '@/server/training/registry';
import { DomainError } from '@/server/domain-error';
import type { Subject, SubjectProvider } from './registry';

/** The taskset's tools, run in the sandbox; a failing call becomes the model's <error> observation. */
export function sandboxedTools(names: string[]): Tools {
  return Object.fromEntries(
    names.map((name) => [
      name,
      (args: string) => {
        const out = builtinTools.run(name, args);
        if (!out.ok) throw new Error(out.error);
        return out.value;
      },
    ]),
  );
}

/** One agent run as the executor's trajectory: a step per tool call, then the answer turn. */
export function agentRunToCase(run: AgentRun, latencyMs: number): CaseRun {
  const steps: TrajectoryStep[] = run.steps.map((s) => ({
    output: formatCall(s.call),
    call: s.call,
    observation: s.error !== undefined ? { kind: 'error', text: s.error } : { kind: 'result', text: s.result ?? '' },
    latencyMs: 0,
  }));
  // The answer turn is what the model wrote after the runtime last spoke.
  const after = (tag: string) => {
    const at = run.transcript.lastIndexOf(tag);
    return at < 0 ? 0 : at + tag.length;
  };
  const tail = run.transcript.slice(Math.max(after(RESULT_CLOSE), after(ERROR_CLOSE)));
  const turn = parseTurn(tail);
  let finalAnswer: string | null = null;
  let stopReason: CaseRun['stopReason'] = 'step_limit';
  if (run.reason !== 'max-calls' && turn.kind === 'answer') {
    finalAnswer = turn.answer;
    stopReason = 'answer';
    steps.push({ output: tail, answer: turn.answer, latencyMs: 0 });
  } else if (tail) steps.push({ output: tail, latencyMs: 0 });
  // The row's share of its batch's time, spread over its turns.
  const per = Math.round((latencyMs / Math.max(1, steps.length)) * 100) / 100;
  for (const s of steps) s.latencyMs = per;
  return { steps, finalAnswer, stopReason, latencyMs: Math.round(latencyMs * 100) / 100 };
}

export const modelSubjectProvider: SubjectProvider = {
  kind: 'model',
  list: async (db, projectId) => {
    const rows = await db
      .select()
      .from(models)
      .where(and(eq(models.projectId, projectId), eq(models.base, BUILTIN_BASE)))
      .orderBy(desc(models.createdAt))
      .limit(100);
    return rows.map((m) => ({
      ref: `model:${m.id}`,
      kind: 'model',
      label: `${m.name} (${m.id})`,
      description:
        m.metrics.valAccuracy === null
          ? `trained ${m.metrics.steps} steps`
          : `validation accuracy ${(m.metrics.valAccuracy * 100).toFixed(1)}%`,
    }));
  },
  describe: async (db, projectId, id) => {
    const m = await getModel(db, projectId, id);
    if (!m) return null;
    if (m.base !== BUILTIN_BASE)
      throw new DomainError(
        'precondition_failed',
        `${m.id} is a ${m.base} model served by its provider: register its endpoint and evaluate that.`,
        {
          field: 'subject',
        },
      );
    return { label: `${m.name} (${m.id})`, modelId: m.id };
  },
  open: async ({ db, projectId, id }) => {
    const m = await getModel(db, projectId, id);
    if (!m) throw new DomainError('not_found', `No model ${id} in this project.`);
    const model = await loadRegisteredModel(m.sha256);
    const { runAgents } = await loadEngine();
    const subject: Subject = {
      name: `model:${m.id}`,
      latencyMode: 'batched',
      batchSize: model.evalBatchSize,
      runBatch: async (cases, o) => {
        const out: CaseRun[] = [];
        // One engine batch at a time, so each row's latency is the batch it was decoded in.
        for (let i = 0; i < cases.length; i += model.evalBatchSize) {
          if (o.signal.aborted) throw o.signal.reason;
          const chunk = cases.slice(i, i + model.evalBatchSize);
          const started = performance.now();
          const runs = await runAgents(
            model,
            chunk.map((c) => c.prompt),
            { tools: sandboxedTools(o.tools), maxCalls: Math.max(0, o.stepLimit - 1) },
          );
          const perRow = (performance.now() - started) / chunk.length;
          out.push(...runs.map((r) => agentRunToCase(r, perRow)));
        }
        return out;
      },
    };
    return subject;
  },
};
