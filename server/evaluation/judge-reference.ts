// The reference-based judge: what scores a case when the project has no LLM judge configured. It compares the final
// answer with the expected one and gives partial credit, on the same 0..100 scale as the LLM judge:
//   numbers:   100 within the case's tolerance, else 100 × max(0, 1 − 10 × relative error) (off by 1% → 90, by 10% → 0)
//   text:      100 when equal after normalising (case, punctuation, articles, white space), else token F1 × 100
// It never sees the prompt, so it cannot reward a plausible wrong answer: partial credit only for being close.
import type { CaseCheck } from '@/db/schema';
import { parseNumber } from '@/server/environment/matchers';

export const REFERENCE_JUDGE_LABEL = 'reference judge (numeric closeness, normalised match, token F1 against the expected answer)';

/** SQuAD-style normalisation: lower case, no punctuation, no articles, single spaces. */
export function normaliseAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(a|an|the)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Harmonic mean of token precision and recall between two texts (bags of normalised tokens). */
export function tokenF1(answer: string, expected: string): number {
  const a = normaliseAnswer(answer).split(' ').filter(Boolean);
  const e = normaliseAnswer(expected).split(' ').filter(Boolean);
  if (!a.length || !e.length) return a.length === e.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of e) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      common++;
      counts.set(t, left - 1);
    }
  }
  if (!common) return 0;
  const precision = common / a.length;
  const recall = common / e.length;
  return (2 * precision * recall) / (precision + recall);
}

export type JudgeScore = { score: number; reason: string };

export function referenceJudge(c: { expected: string; checks: readonly CaseCheck[] }, answer: string | null): JudgeScore {
  if (answer === null || answer.trim() === '') return { score: 0, reason: 'no final answer' };
  const numeric = c.checks.find((k) => k.matcher === 'numeric');
  const want = parseNumber(numeric?.expected ?? c.expected);
  const got = parseNumber(answer);
  if (want !== null && got !== null) {
    const tolerance = numeric?.tolerance ?? 0;
    const diff = Math.abs(got - want);
    if (diff <= tolerance + 1e-9 * Math.max(1, Math.abs(want))) return { score: 100, reason: `${got} equals ${want}` };
    const relative = diff / Math.max(1, Math.abs(want));
    const score = Math.round(100 * Math.max(0, 1 - 10 * relative) * 10) / 10;
    return { score, reason: `${got} is off by ${round(diff)} (${round(relative * 100)}% of ${want})` };
  }
  if (normaliseAnswer(answer) === normaliseAnswer(c.expected)) return { score: 100, reason: 'matches the expected answer once normalised' };
  const f1 = tokenF1(answer, c.expected);
  return { score: Math.round(f1 * 1000) / 10, reason: `token F1 ${f1.toFixed(2)} against the expected answer` };
}

const round = (x: number) => Math.round(x * 100) / 100;
