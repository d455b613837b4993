// Demo arithmetic interactions as a calculator-using agent logs them: several phrasings of +, − (0..99) and × (0..12),
// each answered by a tool call, the runtime's result and the final answer, in the shared agent protocol.
import { transcript } from '@/common/agent-protocol';
import type { Rng } from '@/common/rng';

type Op = { symbol: string; max: number; apply: (a: number, b: number) => number; phrasings: ((a: number, b: number) => string)[] };

const OPS: Op[] = [
  {
    symbol: '+',
    max: 99,
    apply: (a, b) => a + b,
    phrasings: [
      (a, b) => `What is ${a}+${b}?`,
      (a, b) => `Compute ${a} + ${b}.`,
      (a, b) => `${a}+${b}=?`,
      (a, b) => `What's ${a} plus ${b}?`,
      (a, b) => `Add ${a} and ${b}.`,
    ],
  },
  {
    symbol: '-',
    max: 99,
    apply: (a, b) => a - b,
    phrasings: [
      (a, b) => `What is ${a}-${b}?`,
      (a, b) => `Compute ${a} - ${b}.`,
      (a, b) => `${a}-${b}=?`,
      (a, b) => `What's ${a} minus ${b}?`,
      (a, b) => `Subtract ${b} from ${a}.`,
    ],
  },
  {
    symbol: '*',
    max: 12,
    apply: (a, b) => a * b,
    phrasings: [
      (a, b) => `What's ${a} times ${b}?`,
      (a, b) => `What is ${a}*${b}?`,
      (a, b) => `Compute ${a} × ${b}.`,
      (a, b) => `${a}*${b}=?`,
      (a, b) => `Multiply ${a} by ${b}.`,
    ],
  },
];

export type DemoInteraction = { prompt: string; response: string; metadata: Record<string, unknown> };

/** `count` distinct arithmetic questions (no prompt twice: repeats would be duplicates, not more data). */
export function mathInteractions(rng: Rng, count: number): DemoInteraction[] {
  const seen = new Set<string>();
  const out: DemoInteraction[] = [];
  while (out.length < count) {
    // Addition and subtraction have ~10,000 pairs each, multiplication only 169: weight the draw accordingly.
    const op = OPS[rng.next() < 0.4 ? 0 : rng.next() < 0.67 ? 1 : 2]!;
    let a = rng.int(0, op.max);
    let b = rng.int(0, op.max);
    // Keep differences non-negative: the agent's users ask "what is 12-5", rarely "5-12".
    if (op.symbol === '-' && b > a) [a, b] = [b, a];
    const prompt = rng.pick(op.phrasings)(a, b);
    if (seen.has(prompt)) continue;
    seen.add(prompt);
    const value = String(op.apply(a, b));
    out.push({
      prompt,
      response: transcript([{ call: { tool: 'calculator', args: `${a}${op.symbol}${b}` }, result: value }, { answer: value }]),
      metadata: { scenario: 'math', tools: ['calculator'] },
    });
  }
  return out;
}
