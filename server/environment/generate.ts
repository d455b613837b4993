// Generates arithmetic test cases from a recipe (operations with operand ranges, count, seed, prompt template).
// Same recipe, same cases. Prompts are distinct; when the ranges hold fewer distinct questions than asked, it says so.
import { z } from 'zod';
import type { NewCase } from './case-input';
import { seededRng } from '@/common/rng';
import { seedField } from '@/common/seed-field';

export const ARITHMETIC_OPS = ['+', '-', '*', '/'] as const;
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];

const SKILL: Record<ArithmeticOp, string> = { '+': 'addition', '-': 'subtraction', '*': 'multiplication', '/': 'division' };
const operand = z.number('A whole number.').int('A whole number.').min(0, 'At least 0.').max(1_000_000, 'At most 1,000,000.');

export const generateRecipeSchema = z.object({
  operations: z
    .array(
      z
        .object({ op: z.enum(ARITHMETIC_OPS), min: operand, max: operand })
        .refine((o) => o.min <= o.max, { message: 'The lowest operand is above the highest.', path: ['max'] }),
    )
    .min(1, 'Pick at least one operation.')
    .refine((ops) => new Set(ops.map((o) => o.op)).size === ops.length, 'Each operation at most once.'),
  count: z.number().int('A whole number.').min(1, 'At least 1.').max(1000, 'At most 1,000 at once.'),
  seed: seedField(),
  template: z
    .string()
    .trim()
    .max(200)
    .refine((t) => t.includes('{expr}'), 'The template needs {expr} where the expression goes.')
    .default('What is {expr}?'),
  /** Subtraction may give negative results; off by default (the demo's users ask "12-5", rarely "5-12"). */
  allowNegative: z.boolean().default(false),
});

export type GenerateRecipe = z.input<typeof generateRecipeSchema>;

export type Generated = { cases: NewCase[]; shortBy: number };

/** `exclude`: prompts already in the scenario, never generated again. */
export function generateArithmeticCases(
  recipe: z.output<typeof generateRecipeSchema>,
  exclude: ReadonlySet<string> = new Set(),
): Generated {
  const rng = seededRng(recipe.seed);
  const seen = new Set(exclude);
  const cases: NewCase[] = [];
  // Give up after many misses in a row: the ranges are (nearly) used up.
  for (let misses = 0; cases.length < recipe.count && misses < 2000;) {
    const spec = recipe.operations[rng.int(0, recipe.operations.length - 1)]!;
    let a = rng.int(spec.min, spec.max);
    let b = rng.int(spec.min, spec.max);
    if (spec.op === '-' && !recipe.allowNegative && b > a) [a, b] = [b, a];
    if (spec.op === '/') {
      // Divisor and quotient are drawn from the range, so every division comes out whole.
      if (b === 0) b = 1;
      a = a * b;
    }
    const expr = `${a}${spec.op}${b}`;
    const prompt = recipe.template.replace('{expr}', expr);
    if (seen.has(prompt)) {
      misses++;
      continue;
    }
    misses = 0;
    seen.add(prompt);
    const value = spec.op === '+' ? a + b : spec.op === '-' ? a - b : spec.op === '*' ? a * b : a / b;
    cases.push({
      prompt,
      expected: String(value),
      matcher: 'numeric',
      tolerance: 0,
      tags: { skill: SKILL[spec.op], difficulty: difficulty(spec.op, a, b) },
    });
  }
  return { cases, shortBy: recipe.count - cases.length };
}

function difficulty(op: ArithmeticOp, a: number, b: number): string {
  const big = Math.max(a, b);
  if (big < 10) return 'easy';
  if (big >= 100 || (op === '*' && Math.min(a, b) >= 10)) return 'hard';
  return 'medium';
}
