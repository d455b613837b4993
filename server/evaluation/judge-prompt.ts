// What the LLM judge is asked about one case, and how its reply is read: a 0..100 score with a short reason, in JSON.
// The prompt is a template each taskset may replace (shown and edited on the taskset's page); {{prompt}},
// {{expected}}, {{answer}} and {{transcript}} are filled per case.
import type { ChatMessage } from '@/server/llm/chat-client';
import { extractJsonObject } from '@/server/llm/json-reply';

export const DEFAULT_JUDGE_PROMPT = [
  'You grade one answer of an AI agent against the reference answer of a test case.',
  'The agent may call tools: <call:TOOL>ARGS</call> is a tool call, <result>…</result> what the tool returned.',
  'Score the final answer from 0 to 100: 100 when it is correct and complete, 0 when it is wrong, empty or harmful;',
  'use values in between for partly correct answers. Judge the outcome, not the style.',
  '',
  'Question:',
  '{{prompt}}',
  '',
  'Reference answer:',
  '{{expected}}',
  '',
  'Agent transcript:',
  '{{transcript}}',
  '',
  'Agent final answer:',
  '{{answer}}',
  '',
  'Reply with JSON only, exactly: {"score": <0-100>, "reason": "<one short sentence>"}',
].join('\n');

export const JUDGE_PLACEHOLDERS = ['prompt', 'expected', 'answer', 'transcript'] as const;
export type JudgeVars = Record<(typeof JUDGE_PLACEHOLDERS)[number], string>;

/** Fills {{name}} placeholders (spaces inside the braces allowed); unknown names are left as written. */
export function renderJudgePrompt(template: string, vars: JudgeVars): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? vars[name as keyof JudgeVars] : whole,
  );
}

export function judgeMessages(template: string, vars: JudgeVars): ChatMessage[] {
  return [{ role: 'user', content: renderJudgePrompt(template, vars) }];
}

export class JudgeReplyError extends Error {
  override name = 'JudgeReplyError';
}

/** Reads `{"score": 80, "reason": "…"}`, tolerating fences and prose around it, or a bare `score: 80` line. */
export function parseJudgeScore(text: string): { score: number; reason: string } {
  const obj = extractJsonObject(text);
  let raw: unknown = obj?.score ?? obj?.rating ?? obj?.grade;
  if (raw === undefined) raw = /"?score"?\s*[:=]\s*(-?\d+(?:\.\d+)?)/i.exec(text)?.[1];
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(score)) throw new JudgeReplyError(`The judge's reply has no score: ${text.slice(0, 160)}`);
  if (score < 0 || score > 100) throw new JudgeReplyError(`The judge's score ${score} is outside 0..100.`);
  const r = obj?.reason ?? obj?.explanation ?? obj?.rationale;
  return { score, reason: (typeof r === 'string' ? r : '').trim().slice(0, 500) };
}
