// Who scores each case 0..100 with a reason: the project's configured OpenAI-compatible judge (the Data factory's
// judge endpoint) with the taskset's judge prompt, or, without one, the reference-based judge. The report says which.
// A judge that refuses its requests (bad key, unknown model) stops scoring for the rest of the run, and says why.
import 'server-only';
import type { Db } from '@/db';
import type { CaseCheck, JudgeInfo } from '@/db/schema';
import { loadJudgeEndpoint } from '@/server/data/annotation/judge-endpoint';
import { chatComplete, ChatCompletionError } from '@/server/llm/chat-client';
import { DEFAULT_JUDGE_PROMPT, judgeMessages, parseJudgeScore } from './judge-prompt';
import { REFERENCE_JUDGE_LABEL, referenceJudge } from './judge-reference';

export const JUDGE_CONCURRENCY = 4;

export type JudgeItem = { prompt: string; expected: string; checks: CaseCheck[]; answer: string | null; transcript: string };
export type JudgeOutcome = { score: number | null; reason: string };

export type Judge = {
  info: Omit<JudgeInfo, 'calibration'> & { prompt?: string };
  scoreMany: (items: JudgeItem[], signal: AbortSignal) => Promise<JudgeOutcome[]>;
};

export const llmJudgeKey = (model: string) => `llm:${model}`;
export const REFERENCE_JUDGE_KEY = 'reference';

export function referenceJudgeOf(): Judge {
  return {
    info: { kind: 'reference', label: REFERENCE_JUDGE_LABEL, key: REFERENCE_JUDGE_KEY },
    scoreMany: async (items) => items.map((it) => referenceJudge(it, it.answer)),
  };
}

export async function openJudge(db: Db, projectId: string, judgePrompt: string | null): Promise<Judge> {
  const endpoint = await loadJudgeEndpoint(db, projectId);
  if (!endpoint) return referenceJudgeOf();
  const prompt = judgePrompt ?? DEFAULT_JUDGE_PROMPT;
  const info: Judge['info'] = { kind: 'llm', label: `${endpoint.model} at ${endpoint.baseUrl}`, key: llmJudgeKey(endpoint.model), prompt };
  return {
    info,
    scoreMany: async (items, signal) => {
      const out = new Array<JudgeOutcome>(items.length);
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const i = next++;
          const it = items[i]!;
          if (info.refused) {
            out[i] = { score: null, reason: `not scored: ${info.refused}` };
            continue;
          }
          try {
            const reply = await chatComplete(
              endpoint,
              {
                messages: judgeMessages(prompt, {
                  prompt: it.prompt,
                  expected: it.expected,
                  answer: it.answer ?? '(no final answer)',
                  transcript: it.transcript,
                }),
                maxTokens: 300,
                signal,
              },
              { retry: { maxAttempts: 3 } },
            );
            out[i] = parseJudgeScore(reply.content);
          } catch (err) {
            if (signal.aborted) throw err;
            if (err instanceof ChatCompletionError && !err.retryable) info.refused ??= `the judge endpoint refused: ${err.message}`;
            out[i] = { score: null, reason: `judge error: ${(err as Error).message}` };
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(JUDGE_CONCURRENCY, items.length) }, worker));
      return out;
    },
  };
}
