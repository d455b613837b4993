// Matchers: each kind passes what it should, fails what it should, and explains itself.
import { describe, expect, it } from 'vitest';
import { matchAnswer, matcherProblem, parseNumber } from './matchers';

describe('matchAnswer', () => {
  it('numeric: exact and within tolerance', () => {
    expect(matchAnswer({ expected: '70', matcher: 'numeric' }, '70')).toEqual({
      passed: true,
      explanation: 'expected 70 (numeric ±0), got 70',
    });
    expect(matchAnswer({ expected: '70', matcher: 'numeric' }, '71')).toEqual({
      passed: false,
      explanation: 'expected 70 (numeric ±0), got 71',
    });
    expect(matchAnswer({ expected: '3.14', matcher: 'numeric', tolerance: 0.01 }, '3.1416').passed).toBe(true);
    expect(matchAnswer({ expected: '3.14', matcher: 'numeric', tolerance: 0.001 }, '3.1416').passed).toBe(false);
    expect(matchAnswer({ expected: '1200', matcher: 'numeric' }, '1,200').passed).toBe(true);
    expect(matchAnswer({ expected: '0.3', matcher: 'numeric' }, '0.30000000000000004').passed).toBe(true);
    expect(matchAnswer({ expected: '10', matcher: 'numeric' }, 'ten')).toEqual({
      passed: false,
      explanation: 'expected 10 (numeric ±0), got "ten" (not a number)',
    });
  });
  it('no final answer fails with its reason', () => {
    expect(matchAnswer({ expected: '12', matcher: 'numeric' }, null)).toEqual({
      passed: false,
      explanation: 'expected 12 (numeric ±0), got no final answer',
    });
  });
  it('exact trims but keeps case', () => {
    expect(matchAnswer({ expected: 'Paris', matcher: 'exact' }, ' Paris ').passed).toBe(true);
    expect(matchAnswer({ expected: 'Paris', matcher: 'exact' }, 'paris').passed).toBe(false);
  });
  it('regex and contains', () => {
    expect(matchAnswer({ expected: '^4[0-9]$', matcher: 'regex' }, '42').passed).toBe(true);
    expect(matchAnswer({ expected: '^4[0-9]$', matcher: 'regex' }, '420').passed).toBe(false);
    expect(matchAnswer({ expected: 'paris', matcher: 'contains' }, 'It is Paris.').passed).toBe(true);
    expect(matchAnswer({ expected: 'lyon', matcher: 'contains' }, 'It is Paris.').passed).toBe(false);
  });
});

describe('matcherProblem and parseNumber', () => {
  it('flags settings that cannot work', () => {
    expect(matcherProblem({ expected: 'ten', matcher: 'numeric' })).toMatch(/needs a number/);
    expect(matcherProblem({ expected: '10', matcher: 'numeric', tolerance: -1 })).toMatch(/tolerance/);
    expect(matcherProblem({ expected: '([a-z', matcher: 'regex' })).toMatch(/not a valid regular expression/);
    expect(matcherProblem({ expected: '10', matcher: 'numeric', tolerance: 0.5 })).toBeNull();
  });
  it('reads plain numbers only', () => {
    expect(parseNumber('−3')).toBe(-3);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('1,000,000')).toBe(1_000_000);
    expect(parseNumber('12 apples')).toBeNull();
    expect(parseNumber('1,00')).toBeNull();
  });
});
