// The reference solver of math scenarios: read the arithmetic a prompt asks for and compute it with the calculator,
// so the validator can catch a wrong expected answer. Understands symbols ("What is 42+28?", "(3-5)*12=?") and the
// usual words ("4 times 5", "Add 3 and 4", "Subtract 3 from 10", "Multiply 6 by 7", "Divide 12 by 4").
import { calculate } from '@/server/tools/calculator';

const NUM = '(\\d+(?:\\.\\d+)?)';
const VERBS: [RegExp, (a: string, b: string) => string][] = [
  [new RegExp(`\\badd\\s+${NUM}\\s+(?:and|to)\\s+${NUM}`, 'i'), (a, b) => `${a}+${b}`],
  [new RegExp(`\\bsubtract\\s+${NUM}\\s+from\\s+${NUM}`, 'i'), (a, b) => `${b}-${a}`],
  [new RegExp(`\\bmultiply\\s+${NUM}\\s+(?:by|and)\\s+${NUM}`, 'i'), (a, b) => `${a}*${b}`],
  [new RegExp(`\\bdivide\\s+${NUM}\\s+by\\s+${NUM}`, 'i'), (a, b) => `${a}/${b}`],
];
const WORDS: [RegExp, string][] = [
  [/\bmultiplied by\b/gi, '*'],
  [/\bdivided by\b/gi, '/'],
  [/\btimes\b/gi, '*'],
  [/\bplus\b/gi, '+'],
  [/\bminus\b/gi, '-'],
];
/** An operator between two operands: what makes a run of symbols an expression rather than a lone number. */
const BINARY = /[\d.)]\s*[-+−*/×÷xX]\s*[-−+(]*\s*[\d.(]/;

/** The arithmetic expression a prompt asks for, or null when it has none we can read. */
export function extractExpression(prompt: string): string | null {
  for (const [re, build] of VERBS) {
    const m = re.exec(prompt);
    if (m) return build(m[1]!, m[2]!);
  }
  let text = prompt;
  for (const [re, symbol] of WORDS) text = text.replace(re, symbol);
  let best: string | null = null;
  for (const m of text.matchAll(/[\d.+\-−*/×÷xX()\s]+/g)) {
    const candidate = m[0].replace(/^[^\d(\-−.]+/, '').replace(/[^\d)]+$/, '');
    if (BINARY.test(candidate) && (!best || candidate.length > best.length)) best = candidate;
  }
  return best;
}

export type ReferenceAnswer = { expression: string; value: string } | { expression: string; error: string } | null;

/** What the calculator says the prompt's answer is; null when the prompt holds no readable arithmetic. */
export function referenceAnswer(prompt: string): ReferenceAnswer {
  const expression = extractExpression(prompt);
  if (!expression) return null;
  try {
    return { expression, value: calculate(expression) };
  } catch (err) {
    return { expression, error: (err as Error).message };
  }
}
