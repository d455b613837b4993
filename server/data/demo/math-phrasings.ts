// How the demo's users ask for arithmetic: for each operation, the wordings of "a op b" ({a} and {b} stand for the
// operands in the order the calculator takes them, wherever the sentence puts them), and the questions and requests
// that wrap them. Kept apart from the generator so a benchmark can check that its own held-out wordings are not these.

export type MathOp = '+' | '-' | '*' | '/';

/** Noun-like wordings ("12 plus 5", "the sum of 12 and 5"), asked about with a question frame. */
export const EXPRESSIONS: Record<MathOp, readonly string[]> = {
  '+': [
    '{a}+{b}',
    '{a} + {b}',
    '{a} plus {b}',
    'the sum of {a} and {b}',
    'sum of {a} and {b}',
    '{a} and {b} added together',
    'the total of {a} and {b}',
    '{a} increased by {b}',
    '{a} more than {b}',
  ],
  '-': [
    '{a}-{b}',
    '{a} - {b}',
    '{a} minus {b}',
    'the difference between {a} and {b}',
    'difference between {a} and {b}',
    '{b} less than {a}',
    '{a} take away {b}',
    '{a} decreased by {b}',
    '{b} taken away from {a}',
    'from {a} take away {b}',
  ],
  '*': [
    '{a}*{b}',
    '{a} * {b}',
    '{a}x{b}',
    '{a} x {b}',
    '{a}×{b}',
    '{a} × {b}',
    '{a} times {b}',
    '{a} multiplied by {b}',
    'the product of {a} and {b}',
    'product of {a} and {b}',
    '{a} lots of {b}',
  ],
  '/': [
    '{a}/{b}',
    '{a} / {b}',
    '{a}÷{b}',
    '{a} ÷ {b}',
    '{a} divided by {b}',
    'the quotient of {a} and {b}',
    'quotient of {a} and {b}',
    '{a} over {b}',
    'the ratio of {a} to {b}',
  ],
};

/** Imperative wordings ("add 12 and 5", "subtract 5 from 12"), wrapped in a request frame. */
export const COMMANDS: Record<MathOp, readonly string[]> = {
  '+': ['add {a} and {b}', 'add {a} to {b}', 'sum {a} and {b}', 'add up {a} and {b}', 'increase {a} by {b}'],
  '-': [
    'subtract {b} from {a}',
    'take {b} away from {a}',
    'take {b} from {a}',
    'deduct {b} from {a}',
    'decrease {a} by {b}',
    'reduce {a} by {b}',
    'from {a} subtract {b}',
  ],
  '*': ['multiply {a} by {b}', 'multiply {a} and {b}', 'multiply {a} with {b}'],
  '/': ['divide {a} by {b}', 'split {a} into {b} equal parts', 'work out how many times {b} goes into {a}', 'share {a} between {b} people'],
};

/** Question frames around an expression ({e}). */
export const QUESTION_FRAMES: readonly string[] = [
  'What is {e}?',
  "What's {e}?",
  'whats {e}',
  'What is {e}',
  'How much is {e}?',
  '{e}?',
  '{e}',
  '{e} = ?',
  '{e}=?',
  '{e} =',
  'Compute {e}.',
  'Calculate {e}',
  'What does {e} equal?',
  'What is the value of {e}?',
  'Can you tell me what {e} is?',
  'Tell me {e}.',
  'Solve {e}',
  'Evaluate {e}.',
  'Work out {e}',
  'I need {e}',
  'Find {e}.',
  'How about {e}?',
  'What about {e}?',
  'And {e}?',
  '{e} is?',
  'Now {e}',
  'I want to know {e}.',
  'Any idea what {e} is?',
  'Do the math: {e}',
  'Figure out {e}',
];

/** Request frames around a command ({c}). */
export const REQUEST_FRAMES: readonly string[] = [
  '{c}.',
  '{c}',
  'Please {c}.',
  'Can you {c}?',
  'Could you {c} for me?',
  '{c}, please.',
  'I need you to {c}.',
  'Help me {c}.',
  'Now {c}.',
  'Just {c}.',
  'Please can you {c}?',
];

/** What people put before and after the question itself. */
export const OPENERS: readonly string[] = [
  'Hi, ',
  'Hey, ',
  'Hello! ',
  'Quick question: ',
  'OK, ',
  'So ',
  'Hmm, ',
  'Excuse me, ',
  'Hi there, ',
  'Alright, ',
  'Sorry, ',
  'Thanks in advance! ',
];
export const CLOSERS: readonly string[] = [
  ' Thanks!',
  ' Thank you.',
  ' thx',
  ' please',
  ' :)',
  '!!',
  ' ok?',
  ' (for homework)',
  ' Thanks in advance.',
];
