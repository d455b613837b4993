// What the LLM judge is asked, and how its answer is read: a 0..1 score with a short reason, in JSON.
import type { ChatMessage } from '@/server/llm/chat-client';
import { extractJsonObject } from '@/server/llm/json-reply';

export const JUDGE_SYSTEM = [
  'You rate one interaction between a user and an AI agent for quality.',
  'The agent may call tools: <call:TOOL>ARGS</call> is a tool call, <result>…</result> what the tool returned, <answer>…</answer> its final answer.',
  'Judge the final answer: is it correct, helpful and safe for this prompt? Tool use is fine; only the outcome matters.',
  'Reply with JSON only, exactly: {"score": <number from 0 to 1>, "reason": "<one short sentence>"}',
  '0 means wrong or harmful, 1 means fully correct and helpful; use values in between for partial answers.',
].join('\n');

export function judgeMessages(o: { instructions: string; prompt: string; response: string }): ChatMessage[] {
  const rubric = o.instructions.trim() ? `Rating instructions from the team:\n${o.instructions.trim()}\n\n` : '';
  return [
    { role: 'system', content: JUDGE_SYSTEM },
    { role: 'user', content: `${rubric}Prompt:\n${o.prompt}\n\nAgent response:\n${o.response}\n\nYour JSON verdict:` },
  ];
}

export class JudgeReplyError extends Error {
  override name = 'JudgeReplyError';
}

function asScore(raw: unknown): number | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Reads `{"score": 0.8, "reason": "…"}` from a reply, tolerating fences, prose around it and `rating`/`value` for `score`. */
export function parseJudgeReply(text: string): { score: number; reason: string } {
  const obj = extractJsonObject(text);
  let score: number | null = null;
  let reason = '';
  if (obj) {
    score = asScore(obj.score ?? obj.rating ?? obj.value);
    const r = obj.reason ?? obj.explanation ?? obj.rationale;
    reason = typeof r === 'string' ? r : '';
  } else {
    // No JSON at all: accept a plain `score: 0.7` line, the most common way models drift from the format.
    const m = /"?score"?\s*[:=]\s*(-?\d+(?:\.\d+)?)/i.exec(text);
    score = m ? Number(m[1]) : null;
  }
  if (score === null) throw new JudgeReplyError(`The judge's reply has no score: ${text.slice(0, 160)}`);
  if (score < 0 || score > 1) throw new JudgeReplyError(`The judge's score ${score} is outside 0..1.`);
  return { score, reason: reason.trim().slice(0, 500) };
}
