// External OpenAI-compatible chat-completions models as evaluation subjects: each case runs through the Environment
// executor's own agent loop (runCase) with the sandboxed tools, the endpoint writing each turn. The agent protocol and
// the tools are explained in a system message (merged into the case's own system prompt when it has one); earlier
// turns and tool results are replayed as assistant and user messages. Cases run concurrently, a few at a time.
import 'server-only';
import { ERROR_CLOSE, ERROR_OPEN, RESULT_CLOSE, RESULT_OPEN } from '@/common/agent-protocol';
import type { CaseMessage } from '@/db/schema';
import { runCase, type CaseRun } from '@/server/environment/executor';
import type { Policy } from '@/server/environment/policy';
import { chatComplete, ChatCompletionError, type ChatEndpoint, type ChatMessage } from '@/server/llm/chat-client';
import { getModelEndpoint, listModelEndpoints, loadModelEndpoint } from '@/server/llm/model-endpoints';
import { builtinTools } from '@/server/tools/builtin';
import { DomainError } from '@/server/domain-error';
import type { Subject, SubjectCase, SubjectProvider } from './registry';

/** Requests in flight at once: polite to rate-limited services, enough to hide most of their latency. */
export const ENDPOINT_CONCURRENCY = 4;

export function protocolInstructions(tools: string[]): string {
  const known = builtinTools.list().filter((t) => tools.includes(t.name));
  const answer = 'Give your final answer as <answer>ANSWER</answer>, with nothing else in that reply.';
  if (!known.length) return answer;
  return [
    'You can use tools. To call one, reply with exactly <call:TOOL>ARGUMENTS</call> and nothing else; the runtime answers',
    `${RESULT_OPEN}…${RESULT_CLOSE} (or ${ERROR_OPEN}…${ERROR_CLOSE}). Tools:`,
    ...known.map((t) => `- ${t.name}: ${t.description} Arguments: ${t.argsHint} (e.g. <call:${t.name}>${t.example.args}</call>)`),
    answer,
  ].join('\n');
}

/** The transcript so far as chat turns: what the agent wrote (assistant), then what the runtime answered (user). */
export function transcriptTurns(transcript: string): ChatMessage[] {
  const turns: ChatMessage[] = [];
  const re = /(<result>[\s\S]*?<\/result>|<error>[\s\S]*?<\/error>)/g;
  let at = 0;
  for (const m of transcript.matchAll(re)) {
    const before = transcript.slice(at, m.index).trim();
    if (before) turns.push({ role: 'assistant', content: before });
    turns.push({ role: 'user', content: m[0] });
    at = m.index + m[0].length;
  }
  const rest = transcript.slice(at).trim();
  if (rest) turns.push({ role: 'assistant', content: rest });
  return turns;
}

export function caseMessages(c: SubjectCase, tools: string[]): ChatMessage[] {
  const instructions = protocolInstructions(tools);
  const given: CaseMessage[] = c.messages ?? [{ role: 'user', content: c.prompt }];
  const system = given.filter((m) => m.role === 'system').map((m) => m.content);
  return [{ role: 'system', content: [...system, instructions].join('\n\n') }, ...given.filter((m) => m.role !== 'system')];
}

type Refusal = { error: ChatCompletionError | null };

function endpointPolicy(endpoint: ChatEndpoint, c: SubjectCase, tools: string[], signal: AbortSignal, refusal: Refusal): Policy {
  const base = caseMessages(c, tools);
  return {
    name: `endpoint:${endpoint.model}`,
    next: async ({ transcript }) => {
      try {
        const reply = await chatComplete(endpoint, { messages: [...base, ...transcriptTurns(transcript)], maxTokens: 512, signal });
        return reply.content;
      } catch (err) {
        // A bad key, unknown model or wrong URL fails every case alike: remember it so the run stops with the reason.
        if (err instanceof ChatCompletionError && !err.retryable) refusal.error ??= err;
        throw err;
      }
    },
  };
}

async function pool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

export const endpointSubjectProvider: SubjectProvider = {
  kind: 'endpoint',
  list: async (db, projectId) =>
    (await listModelEndpoints(db, projectId)).map((e) => ({
      ref: `endpoint:${e.id}`,
      kind: 'endpoint',
      label: `${e.name} (${e.model})`,
      description: `OpenAI-compatible endpoint at ${e.baseUrl}`,
    })),
  describe: async (db, projectId, id) => {
    const e = await getModelEndpoint(db, projectId, id);
    return e && { label: `${e.name} (${e.model} at ${e.baseUrl})`, modelId: null };
  },
  open: async ({ db, projectId, id }) => {
    const endpoint = await loadModelEndpoint(db, projectId, id);
    if (!endpoint) throw new DomainError('not_found', `No model endpoint ${id} in this project.`);
    const subject: Subject = {
      name: `endpoint:${endpoint.id}`,
      latencyMode: 'per-request',
      batchSize: ENDPOINT_CONCURRENCY * 4,
      runBatch: async (cases, o) => {
        const refusal: Refusal = { error: null };
        const runs = await pool(cases, ENDPOINT_CONCURRENCY, async (c): Promise<CaseRun> => {
          if (refusal.error)
            return { steps: [], finalAnswer: null, stopReason: 'policy_error', latencyMs: 0, error: refusal.error.message };
          return runCase({
            policy: endpointPolicy(endpoint, c, o.tools, o.signal, refusal),
            prompt: c.prompt,
            tools: o.tools,
            runner: builtinTools,
            stepLimit: o.stepLimit,
          });
        });
        if (o.signal.aborted) throw o.signal.reason;
        if (refusal.error)
          throw new DomainError('precondition_failed', `The endpoint ${endpoint.name} refused the requests: ${refusal.error.message}`);
        return runs;
      },
    };
    return subject;
  },
};
