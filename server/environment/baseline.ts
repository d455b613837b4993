// The built-in baseline agent: a simple, honest policy that shows how a scenario scores before any training.
//   math_calculator: finds the first "a op b" in the prompt; for + it calls the calculator and answers with the
//     result; for any other operation (or no match) it answers with the first number in the prompt. So it passes
//     additions, and other cases only by luck (x−0, x×1, …): some but not all.
//   qa_exact: answers with the first quoted phrase of the prompt, else its last word.
// It is deterministic: the seed changes nothing, which is what the validator's stability check expects of it.
import { formatAnswer, formatCall, RESULT_CLOSE, RESULT_OPEN } from '@/common/agent-protocol';
import type { Policy, PolicyContext, PolicyProvider, PolicyScenario } from './policy';

export const BASELINE_REF = 'baseline';
export const BASELINE_DESCRIPTION =
  'Calls the calculator for additions only and otherwise answers with the first number it sees (math); answers with a quoted phrase or the last word (QA).';

const BINARY = /(\d+(?:\.\d+)?)\s*([-+−*×x/÷])\s*(\d+(?:\.\d+)?)/;

export function baselinePolicy(scenario: PolicyScenario): Policy {
  return {
    name: BASELINE_REF,
    next: async (ctx) => (scenario.type === 'math_calculator' ? mathTurn(ctx) : qaTurn(ctx)),
  };
}

function mathTurn({ prompt, transcript, tools }: PolicyContext): string {
  const result = lastResult(transcript);
  if (result !== null) return formatAnswer(result);
  const m = BINARY.exec(prompt);
  if (m && m[2] === '+' && tools.includes('calculator') && transcript === '')
    return formatCall({ tool: 'calculator', args: `${m[1]}+${m[3]}` });
  const first = /\d+(?:\.\d+)?/.exec(prompt);
  return formatAnswer(first ? first[0] : "I don't know");
}

function qaTurn({ prompt }: PolicyContext): string {
  const quoted = /["“]([^"”]+)["”]/.exec(prompt);
  if (quoted) return formatAnswer(quoted[1]!.trim());
  const words = prompt
    .replace(/[?.!,;:]+/g, ' ')
    .trim()
    .split(/\s+/);
  return formatAnswer(words[words.length - 1] ?? '');
}

function lastResult(transcript: string): string | null {
  const end = transcript.lastIndexOf(RESULT_CLOSE);
  if (end < 0) return null;
  const start = transcript.lastIndexOf(RESULT_OPEN, end);
  return start < 0 ? null : transcript.slice(start + RESULT_OPEN.length, end);
}

export const baselineProvider: PolicyProvider = {
  kind: BASELINE_REF,
  list: async () => [{ ref: BASELINE_REF, label: 'Baseline', description: BASELINE_DESCRIPTION }],
  create: async ({ scenario }) => baselinePolicy(scenario),
};
