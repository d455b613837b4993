// The calculator tool: a hand-written recursive-descent parser for arithmetic (never eval, never Function).
// Grammar:  expr := term (('+' | '-') term)*     term := unary (('*' | '/') unary)*
//           unary := ('+' | '-') unary | primary   primary := number | '(' expr ')'
// Accepts + − - * × x / ÷, parentheses, decimals and unary signs; left-associative, × and ÷ before + and −.
//
// `calculate` is deliberately ONE self-contained function (no imports, no module-level helpers): the tool sandbox
// (./sandbox.ts) compiles its source text into an isolated context, where nothing outside the function exists.
import { z } from 'zod';
import { defineTool } from './registry';

/** Longest expression accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 200;

/**
 * Evaluates an arithmetic expression such as "42+28", "(3-5)*12" or "7÷2" and returns its value as text:
 * integers without decimals, other values rounded to 12 significant digits (so 0.1+0.2 gives "0.3").
 * Throws an Error with a short message (`division by zero`, `unexpected "/" at position 3`, …) on bad input.
 */
export function calculate(expression: string): string {
  const LIMIT = 9007199254740991; // Number.MAX_SAFE_INTEGER: beyond it integers stop being exact.
  const MAX_LENGTH = 200;
  const src = String(expression);
  if (src.trim() === '') throw new Error('empty expression');
  if (src.length > MAX_LENGTH) throw new Error(`expression too long (${src.length} characters, at most ${MAX_LENGTH})`);

  // Tokens keep their 1-based position in the original text, so errors can point at the culprit.
  type Token = { kind: 'num'; value: number; text: string; at: number } | { kind: 'op' | 'open' | 'close'; text: string; at: number };
  const OPS: Record<string, string> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', x: '*', X: '*', '/': '/', '÷': '/' };
  const tokens: Token[] = [];
  for (let i = 0; i < src.length;) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if ((c >= '0' && c <= '9') || c === '.') {
      let j = i;
      while (j < src.length && ((src[j]! >= '0' && src[j]! <= '9') || src[j] === '.')) j++;
      const text = src.slice(i, j);
      if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new Error(`malformed number "${text}" at position ${i + 1}`);
      const value = Number(text);
      if (Math.abs(value) > LIMIT) throw new Error(`overflow: ${text} is beyond the calculator's range (±${LIMIT})`);
      tokens.push({ kind: 'num', value, text, at: i + 1 });
      i = j;
    } else if (c in OPS) {
      tokens.push({ kind: 'op', text: OPS[c]!, at: i + 1 });
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c, at: i + 1 });
      i++;
    } else {
      throw new Error(`unexpected "${c}" at position ${i + 1}`);
    }
  }

  let k = 0;
  const describe = (t: Token) => (t.kind === 'num' ? `number ${t.text}` : `"${t.text}"`);
  const checked = (v: number): number => {
    if (!Number.isFinite(v) || Math.abs(v) > LIMIT) throw new Error(`overflow: the result is beyond the calculator's range (±${LIMIT})`);
    return v;
  };
  const endAfter = () => {
    const last = tokens[tokens.length - 1];
    return new Error(last ? `unexpected end of expression after "${last.text}"` : 'empty expression');
  };

  const expr = (): number => {
    let v = term();
    for (let t = tokens[k]; t && t.kind === 'op' && (t.text === '+' || t.text === '-'); t = tokens[k]) {
      k++;
      const r = term();
      v = checked(t.text === '+' ? v + r : v - r);
    }
    return v;
  };
  const term = (): number => {
    let v = unary();
    for (let t = tokens[k]; t && t.kind === 'op' && (t.text === '*' || t.text === '/'); t = tokens[k]) {
      k++;
      const r = unary();
      if (t.text === '/' && r === 0) throw new Error('division by zero');
      v = checked(t.text === '*' ? v * r : v / r);
    }
    return v;
  };
  const unary = (): number => {
    const t = tokens[k];
    if (t && t.kind === 'op' && (t.text === '+' || t.text === '-')) {
      k++;
      const v = unary();
      return t.text === '-' ? -v : v;
    }
    return primary();
  };
  const primary = (): number => {
    const t = tokens[k];
    if (!t) throw endAfter();
    if (t.kind === 'num') {
      k++;
      return t.value;
    }
    if (t.kind === 'open') {
      k++;
      const v = expr();
      const close = tokens[k];
      if (!close) throw new Error(`missing ")" to close "(" at position ${t.at}`);
      if (close.kind !== 'close') throw new Error(`expected ")" but found ${describe(close)} at position ${close.at}`);
      k++;
      return v;
    }
    throw new Error(`unexpected ${describe(t)} at position ${t.at}`);
  };

  const value = expr();
  const rest = tokens[k];
  if (rest) {
    if (rest.kind === 'close') throw new Error(`unexpected ")" at position ${rest.at} (no "(" to close)`);
    throw new Error(`expected an operator before ${describe(rest)} at position ${rest.at}`);
  }
  // Integers are exact up to the limit; other values get 12 significant digits, which hides binary rounding noise
  // (0.1+0.2 = 0.30000000000000004) without hiding real digits.
  const rounded = Number.isInteger(value) ? value : Number(value.toPrecision(12));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export const calculatorTool = defineTool({
  name: 'calculator',
  description: 'Evaluates an arithmetic expression: numbers, + − × ÷ (also * / x), parentheses, decimals and negatives.',
  argsHint: 'an expression, e.g. 42+28 or (3-5)*12',
  args: z
    .string()
    .trim()
    .min(1, 'empty expression')
    .max(MAX_EXPRESSION_LENGTH, `expression too long (at most ${MAX_EXPRESSION_LENGTH} characters)`),
  handler: calculate,
  example: { args: '(2+3)*4-6/3', result: '18' },
});
