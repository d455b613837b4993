// The held-out wordings of bench/agent-quality.ts: realistic ways to ask for + − × ÷ that the demo data never uses
// (its lists are server/data/demo/math-phrasings.ts; `overlapWithDemo` proves the two share no wording, frame or filler).
import { CLOSERS, COMMANDS, EXPRESSIONS, OPENERS, QUESTION_FRAMES, REQUEST_FRAMES, type MathOp } from '@/server/data/demo/math-phrasings';

export const HELD_OUT_EXPRESSIONS: Record<MathOp, readonly string[]> = {
  '+': ['{a} added to {b}', '{a} and {b} summed', 'the total when you add {a} and {b}', '{a} plus {b} together', 'sum {a} + {b}'],
  '-': ['{a} subtract {b}', '{b} subtracted from {a}', '{a} take {b}', 'the result of {a} minus {b}', '{a} less {b}'],
  '*': [
    '{a} multiplied with {b}',
    '{a} times by {b}',
    'the result of multiplying {a} by {b}',
    'multiplication of {a} and {b}',
    'the product when {a} is multiplied by {b}',
  ],
  '/': [
    'the result of dividing {a} by {b}',
    '{a} divided through {b}',
    'division of {a} by {b}',
    '{a} divided with {b}',
    '{a} divided evenly by {b}',
  ],
};

export const HELD_OUT_COMMANDS: Record<MathOp, readonly string[]> = {
  '+': ['add together {a} and {b}', 'sum up {a} and {b}', 'add {a} plus {b}'],
  '-': ['take away {b} from {a}', 'minus {b} from {a}', 'subtract {b} off {a}'],
  '*': ['multiply together {a} and {b}', 'times {a} by {b}', 'multiply {a} times {b}'],
  '/': ['divide {a} into {b} parts', 'divide up {a} by {b}', 'divide {a} over {b}'],
};

export const HELD_OUT_QUESTION_FRAMES: readonly string[] = [
  'what do you get for {e}?',
  'do you know {e}?',
  'give me {e}',
  '{e} is what?',
  'what would {e} be',
  "i'd like to know {e}",
  'result of {e}?',
  'could you work out {e} please',
  '{e} equals?',
  'how much does {e} come to?',
];

export const HELD_OUT_REQUEST_FRAMES: readonly string[] = [
  'would you {c}?',
  'i want you to {c}',
  'kindly {c}.',
  '{c} for me',
  'go ahead and {c}',
  'can u {c}',
];

export const HELD_OUT_OPENERS: readonly string[] = ['yo ', 'good morning, ', 'one more: ', 'next one, ', 'hello there, '];
export const HELD_OUT_CLOSERS: readonly string[] = [' cheers', ' ty', ' much appreciated', ' asap', ' if you can'];

/** A wording's identity, whatever its case, spacing or final punctuation. */
const key = (t: string) =>
  t
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[?.!,:\s]+$/g, '')
    .trim();

/** Wordings, frames and fillers the held-out lists share with the demo's (empty when the bench measures generalisation). */
export function overlapWithDemo(): string[] {
  const pairs: [readonly string[], readonly string[]][] = [
    [Object.values(HELD_OUT_EXPRESSIONS).flat(), Object.values(EXPRESSIONS).flat()],
    [Object.values(HELD_OUT_COMMANDS).flat(), Object.values(COMMANDS).flat()],
    [
      [...HELD_OUT_QUESTION_FRAMES, ...HELD_OUT_REQUEST_FRAMES],
      [...QUESTION_FRAMES, ...REQUEST_FRAMES],
    ],
    [
      [...HELD_OUT_OPENERS, ...HELD_OUT_CLOSERS],
      [...OPENERS, ...CLOSERS],
    ],
  ];
  return pairs.flatMap(([mine, demo]) => {
    const theirs = new Set(demo.map(key));
    return mine.filter((t) => theirs.has(key(t)));
  });
}
