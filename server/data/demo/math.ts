// Demo arithmetic interactions as a calculator-using agent logs them: + − × ÷ asked in the many ways people type them
// (math-phrasings.ts: symbols and words, questions and requests, openers, lower case, no question mark), operands of
// one to four digits with now and then a negative one, a decimal or a thousands separator, differences that go below
// zero and divisions that do not come out whole. Each is answered by a tool call, the runtime's result and the final
// answer, in the shared agent protocol; the result is what the product's calculator returns for the call.
import { transcript } from '@/common/agent-protocol';
import { calculate } from '@/server/tools/calculator';
import { CLOSERS, COMMANDS, EXPRESSIONS, OPENERS, QUESTION_FRAMES, REQUEST_FRAMES, type MathOp } from './math-phrasings';
import type { Rng } from '@/common/rng';

export type DemoInteraction = { prompt: string; response: string; metadata: Record<string, unknown> };

/** Share of questions per operation: people add and subtract more often than they multiply or divide. */
const OP_WEIGHTS: [MathOp, number][] = [
  ['+', 0.3],
  ['-', 0.3],
  ['*', 0.2],
  ['/', 0.2],
];

/** Operand lengths in digits: mostly one to three, some four. */
const DIGIT_WEIGHTS: [number, number][] = [
  [1, 0.2],
  [2, 0.3],
  [3, 0.3],
  [4, 0.2],
];

function weighted<T>(rng: Rng, items: [T, number][]): T {
  let x = rng.next();
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** A whole number of 1..4 digits (a one-digit one may be 0). */
function whole(rng: Rng): number {
  const digits = weighted(rng, DIGIT_WEIGHTS);
  return digits === 1 ? rng.int(0, 9) : rng.int(10 ** (digits - 1), 10 ** digits - 1);
}

/** An operand as the calculator takes it: now and then a decimal ("2.5", "12.75"). */
function operand(rng: Rng): string {
  const n = whole(rng);
  if (rng.next() < 0.05) return `${Math.min(n, 999)}.${rng.int(1, 99)}`.replace(/0$/, '');
  return String(n);
}

/** How a user writes the operand: thousands separators in some big numbers ("12,500"). */
function written(rng: Rng, value: string): string {
  if (!/^\d{4,}$/.test(value) || rng.next() >= 0.3) return value;
  return value.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Two operands for `op`, in the calculator's order. */
function operands(rng: Rng, op: MathOp): [string, string] {
  let a = operand(rng);
  // Now and then the same number twice ("7 times 7", "12-12").
  let b = rng.next() < 0.03 ? a : operand(rng);
  if (op === '-' && Number(b) > Number(a) && rng.next() < 0.65) [a, b] = [b, a]; // most differences stay ≥ 0, not all
  // Products stay below a million: seven-digit results are rare in what people ask, and the cleaning pipeline's phone
  // detector takes some of them for phone numbers (a bare seven-digit run right after a tool call).
  if (op === '*' && Math.abs(Number(a) * Number(b)) >= 1_000_000) b = String(rng.int(2, 99));
  if (op === '/') {
    // People divide by smaller numbers than they divide: a divisor of one or two digits, now and then three.
    b = String(rng.next() < 0.85 ? rng.int(1, 99) : rng.int(100, 999));
    // Half the divisions come out whole (a multiple of the divisor); the rest are decimals the calculator rounds.
    if (rng.next() < 0.5) a = String(Number(b) * rng.int(1, 99));
  }
  if (rng.next() < 0.04) a = `-${a}`; // "-5 + 3": a negative first operand
  return [a, b];
}

/** Mixed casing and punctuation, as people type: as written, all lower case, sometimes shouting or without the mark. */
function typed(rng: Rng, text: string): string {
  const x = rng.next();
  let t = x < 0.3 ? text.toLowerCase() : x < 0.35 ? text.toUpperCase() : text;
  if (rng.next() < 0.15) t = t.replace(/[?.!]+$/, '');
  return t;
}

/** A wording where the first `head` of the list are the usual ones ("What is 42+28?"): a third of picks, the rest uniform. */
function common(rng: Rng, list: readonly string[], head: number): string {
  return rng.pick(rng.next() < 0.35 ? list.slice(0, head) : list);
}

function phrase(rng: Rng, op: MathOp, a: string, b: string): string {
  const fill = (template: string) => template.replaceAll('{a}', written(rng, a)).replaceAll('{b}', written(rng, b));
  // Questions about an expression twice as often as requests: "what is …" is how most people ask.
  const core =
    rng.next() < 0.67
      ? common(rng, QUESTION_FRAMES, 6).replace('{e}', fill(common(rng, EXPRESSIONS[op], 3)))
      : rng.pick(REQUEST_FRAMES).replace('{c}', fill(rng.pick(COMMANDS[op])));
  const opener = rng.next() < 0.15 ? rng.pick(OPENERS) : '';
  const closer = rng.next() < 0.1 ? rng.pick(CLOSERS) : '';
  const text = opener ? opener + core.charAt(0).toLowerCase() + core.slice(1) : core;
  return typed(rng, text + closer);
}

/** `count` arithmetic interactions, each a different problem (the same sum asked twice would be a duplicate, not more data). */
export function mathInteractions(rng: Rng, count: number): DemoInteraction[] {
  const seen = new Set<string>();
  const out: DemoInteraction[] = [];
  while (out.length < count) {
    const op = weighted(rng, OP_WEIGHTS);
    const [a, b] = operands(rng, op);
    const args = `${a}${op}${b}`;
    if (seen.has(args)) continue;
    seen.add(args);
    const value = calculate(args);
    out.push({
      prompt: phrase(rng, op, a, b),
      response: transcript([{ call: { tool: 'calculator', args }, result: value }, { answer: value }]),
      metadata: { scenario: 'math', tools: ['calculator'] },
    });
  }
  return out;
}
