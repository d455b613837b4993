// The agent loop over a trained model (server/environment/protocol.ts): the model writes until it closes a tool call,
// the runtime runs the tool and appends <result>…</result> (or <error>…</error>), and the model goes on until it closes
// <answer>…</answer> or ends. Many prompts run batched; evaluateExactMatch scores the final answers.

import { ANSWER_CLOSE, CALL_CLOSE, formatError, formatResult, parseTurn, type ToolCall } from '@/common/agent-protocol';
// One calculator for the whole product: the Environment factory's tool, so training and evaluation agree.
import { calculate } from '@/server/tools/calculator';
import type { FinishReason, ModelPolicy, RowDriver } from './policy';

export type Tool = (args: string) => string | Promise<string>;
export type Tools = Record<string, Tool>;

/** The built-in tools of the math scenario. */
export const defaultTools: Tools = { calculator: calculate };

export type AgentOptions = {
  tools?: Tools;
  /** most tool calls per prompt before the row is stopped (guards a model that loops). */
  maxCalls?: number;
  /** most tokens the model may write per prompt (tool results not counted; a protocol tag is one token). */
  maxTokens?: number;
};

export type AgentStep = { call: ToolCall; result?: string; error?: string };

export type AgentRun = {
  prompt: string;
  /** the final answer: from <answer>…</answer>, else the model's last text. */
  answer: string;
  /** everything after the prompt, tool results included (the protocol's transcript form). */
  transcript: string;
  steps: AgentStep[];
  reason: FinishReason | 'max-calls';
};

/** Runs the agent loop on one prompt. */
export async function runAgent(model: ModelPolicy, prompt: string, opts: AgentOptions = {}): Promise<AgentRun> {
  const [run] = await runAgents(model, [prompt], opts);
  return run!;
}

/** Runs the agent loop on many prompts, batched. */
export async function runAgents(model: ModelPolicy, prompts: string[], opts: AgentOptions = {}): Promise<AgentRun[]> {
  const tools = opts.tools ?? defaultTools;
  const maxCalls = opts.maxCalls ?? 4;
  const runs: AgentRun[] = [];
  const drivers: RowDriver[] = prompts.map((prompt) => {
    const run: AgentRun = { prompt, answer: '', transcript: '', steps: [], reason: 'length' };
    runs.push(run);
    let segment = ''; // what the model wrote since the runtime last spoke
    // The row's reading state: numbers the model writes as references decode to the numbers it read.
    const { row, initial } = model.startRow(prompt);
    return {
      initial,
      maxTokens: opts.maxTokens ?? model.config.context,
      allowed: (id) => row.allowed(id),
      async onToken(id) {
        const ch = row.text(id);
        run.transcript += ch;
        segment += ch;
        if (segment.endsWith(ANSWER_CLOSE)) return 'stop';
        if (!segment.endsWith(CALL_CLOSE)) return;
        const turn = parseTurn(segment);
        if (turn.kind !== 'call') return;
        if (run.steps.length >= maxCalls) {
          run.reason = 'max-calls';
          return 'stop';
        }
        const inserted = await callTool(tools, turn.call);
        run.steps.push({ call: turn.call, ...inserted.step });
        run.transcript += inserted.text;
        segment = '';
        return row.runtime(inserted.text);
      },
      onFinish(reason) {
        if (run.reason !== 'max-calls') run.reason = reason;
        const turn = parseTurn(segment);
        run.answer = turn.kind === 'answer' ? turn.answer : '';
      },
    };
  });
  await model.run(drivers);
  return runs;
}

async function callTool(tools: Tools, call: ToolCall): Promise<{ text: string; step: { result?: string; error?: string } }> {
  const tool = tools[call.tool];
  if (!tool) return { text: formatError(`unknown tool ${call.tool}`), step: { error: `unknown tool ${call.tool}` } };
  try {
    const result = await tool(call.args);
    return { text: formatResult(result), step: { result } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { text: formatError(message), step: { error: message } };
  }
}

export type ExactMatchCase = { prompt: string; expected: string };

export type ExactMatchReport = {
  accuracy: number;
  correct: number;
  total: number;
  cases: (ExactMatchCase & { answer: string; transcript: string; correct: boolean })[];
};

/** Share of prompts whose final answer equals the expected one (both trimmed), through the full tool loop. */
export async function evaluateExactMatch(model: ModelPolicy, cases: ExactMatchCase[], opts: AgentOptions = {}): Promise<ExactMatchReport> {
  const runs = await runAgents(
    model,
    cases.map((c) => c.prompt),
    opts,
  );
  const scored = cases.map((c, i) => {
    const run = runs[i]!;
    return { ...c, answer: run.answer, transcript: run.transcript, correct: run.answer.trim() === c.expected.trim() };
  });
  const correct = scored.filter((c) => c.correct).length;
  return { accuracy: cases.length ? correct / cases.length : 0, correct, total: cases.length, cases: scored };
}
