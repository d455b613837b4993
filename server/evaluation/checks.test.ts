// Each matcher through a case's checks (the Environment's matchers, so a case passes for the same reason everywhere),
// and a case with several checks passing only when all pass.
import { describe, expect, it } from 'vitest';
import type { CaseCheck } from '@/db/schema';
import { judgeChecks, runChecks } from './checks';

const one = (matcher: CaseCheck['matcher'], expected: string, tolerance: number | null = null): CaseCheck[] => [
  { matcher, expected, tolerance },
];

describe('case checks', () => {
  it('exact: trimmed and case-sensitive', () => {
    expect(runChecks(one('exact', 'Paris'), ' Paris ').passed).toBe(true);
    expect(runChecks(one('exact', 'Paris'), 'paris')).toMatchObject({
      passed: false,
      explanation: 'expected "Paris" (exact), got "paris"',
    });
  });

  it('numeric: within the tolerance, numbers written with separators', () => {
    expect(runChecks(one('numeric', '70'), '70').passed).toBe(true);
    expect(runChecks(one('numeric', '1200'), '1,200').passed).toBe(true);
    expect(runChecks(one('numeric', '3.14', 0.01), '3.141').passed).toBe(true);
    expect(runChecks(one('numeric', '3.14', 0.001), '3.15').passed).toBe(false);
    expect(runChecks(one('numeric', '70'), 'seventy').explanation).toContain('not a number');
  });

  it('regex and contains', () => {
    expect(runChecks(one('regex', '^\\d{3}-\\d{4}$'), '555-0199').passed).toBe(true);
    expect(runChecks(one('regex', '^Paris'), 'The capital is Paris').passed).toBe(false);
    expect(runChecks(one('contains', 'paris'), 'The capital is PARIS.').passed).toBe(true);
    expect(runChecks(one('contains', 'lyon'), 'Paris').passed).toBe(false);
  });

  it('passes only when every check passes, naming what failed', () => {
    const checks: CaseCheck[] = [
      { matcher: 'contains', expected: 'paris', tolerance: null },
      { matcher: 'regex', expected: '^The', tolerance: null, label: 'starts with "The"' },
    ];
    expect(runChecks(checks, 'The capital is Paris').passed).toBe(true);
    const r = runChecks(checks, 'Paris it is');
    expect(r.passed).toBe(false);
    expect(r.explanation).toMatch(/^1 of 2 checks failed: #1 .*; starts with "The" expected a match/);
  });

  it('explains a missing answer by why it is missing', () => {
    expect(judgeChecks(one('numeric', '4'), { finalAnswer: null, stopReason: 'step_limit' }, 3).explanation).toBe(
      'expected 4 (numeric ±0), got no final answer (step limit of 3 reached)',
    );
    expect(runChecks([], 'x')).toEqual({ passed: false, explanation: 'the case has no checks' });
  });
});
