// The arithmetic generator: deterministic per seed, distinct prompts, correct answers, honest about exhausted ranges.
import { describe, expect, it } from 'vitest';
import { calculate } from '@/server/tools/calculator';
import { generateArithmeticCases, generateRecipeSchema } from './generate';

const recipe = (over: Partial<Parameters<typeof generateRecipeSchema.parse>[0]> = {}) =>
  generateRecipeSchema.parse({
    operations: [
      { op: '+', min: 0, max: 99 },
      { op: '-', min: 0, max: 99 },
      { op: '*', min: 0, max: 12 },
      { op: '/', min: 1, max: 12 },
    ],
    count: 60,
    seed: 7,
    ...over,
  });

describe('generateArithmeticCases', () => {
  it('is deterministic per seed and differs across seeds', () => {
    expect(generateArithmeticCases(recipe()).cases).toEqual(generateArithmeticCases(recipe()).cases);
    expect(generateArithmeticCases(recipe({ seed: 8 })).cases).not.toEqual(generateArithmeticCases(recipe()).cases);
  });

  it('gives distinct prompts whose expected answers the calculator agrees with', () => {
    const { cases, shortBy } = generateArithmeticCases(recipe());
    expect(shortBy).toBe(0);
    expect(new Set(cases.map((c) => c.prompt)).size).toBe(60);
    for (const c of cases) {
      const expr = /^What is (.+)\?$/.exec(c.prompt)![1]!;
      expect(calculate(expr)).toBe(c.expected);
      expect(Number(c.expected)).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(Number(c.expected))).toBe(true);
    }
  });

  it('says when the ranges hold fewer questions than asked, and skips existing prompts', () => {
    const small = recipe({ operations: [{ op: '+', min: 0, max: 2 }], count: 20 });
    const { cases, shortBy } = generateArithmeticCases(small, new Set(['What is 1+1?']));
    expect(cases).toHaveLength(8);
    expect(shortBy).toBe(12);
    expect(cases.map((c) => c.prompt)).not.toContain('What is 1+1?');
  });

  it('refuses recipes that cannot work', () => {
    expect(generateRecipeSchema.safeParse({ operations: [], count: 5, seed: 1 }).success).toBe(false);
    expect(generateRecipeSchema.safeParse({ operations: [{ op: '+', min: 5, max: 1 }], count: 5, seed: 1 }).success).toBe(false);
    expect(
      generateRecipeSchema.safeParse({ operations: [{ op: '+', min: 0, max: 9 }], count: 5, seed: 1, template: 'no slot' }).success,
    ).toBe(false);
  });
});
