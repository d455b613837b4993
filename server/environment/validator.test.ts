// The validator catches a wrong expected answer, a duplicate case, an unknown tool and a flaky case, and passes a
// clean scenario (the seed's two examples) with its baseline pass rate and zero spread.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinTools } from '@/server/tools/builtin';
import { calculatorTool } from '@/server/tools/calculator';
import { defineTool, ToolRegistry } from '@/server/tools/registry';
import { baselinePolicy } from './baseline';
import { validateScenario, type ValidatedCase, type ValidatorInput } from './validator';

const mk = (position: number, prompt: string, expected: string, over: Partial<ValidatedCase> = {}): ValidatedCase => ({
  id: `case_${position}`,
  position,
  prompt,
  expected,
  matcher: 'numeric',
  tolerance: 0,
  ...over,
});

function input(cases: ValidatedCase[], over: Partial<ValidatorInput> = {}): ValidatorInput {
  const scenario = { id: 'scn_t_v1', type: 'math_calculator' as const, tools: ['calculator'], revision: 1, ...over.scenario };
  return {
    scenario,
    cases,
    registry: builtinTools,
    runs: 3,
    seed: 1,
    stepLimit: 4,
    policyFor: async () => baselinePolicy(scenario),
    ...over,
  };
}

const errorsOf = (r: Awaited<ReturnType<typeof validateScenario>>) => r.findings.filter((f) => f.severity === 'error');

describe('validateScenario', () => {
  it("passes the seed's scenario and reports its stable baseline", async () => {
    const r = await validateScenario(input([mk(1, '3+7?', '10'), mk(2, '20-8?', '12')]));
    expect(errorsOf(r)).toEqual([]);
    expect(r.checks.map((c) => [c.check, c.outcome])).toEqual([
      ['well_formed', 'passed'],
      ['unique', 'passed'],
      ['reference', 'passed'],
      ['tools', 'passed'],
      ['stability', 'passed'],
    ]);
    expect(r.stability).toMatchObject({ runs: 3, seeds: [1, 2, 3], passRates: [0.5, 0.5, 0.5], spread: 0, flakyCases: [] });
  });

  it('catches a wrong expected answer, naming the case', async () => {
    const r = await validateScenario(input([mk(1, 'What is 42+28?', '70'), mk(2, 'What is 42+29?', '70')]));
    expect(errorsOf(r)).toEqual([
      {
        check: 'reference',
        severity: 'error',
        caseId: 'case_2',
        position: 2,
        message: 'Expected answer 70 disagrees with the calculator: 42+29 = 71.',
      },
    ]);
    expect(r.checks.find((c) => c.check === 'reference')!.outcome).toBe('failed');
  });

  it('catches a duplicate case and warns of a near-duplicate', async () => {
    const r = await validateScenario(input([mk(1, '3+7?', '10'), mk(2, '20-8?', '12'), mk(3, '3+7?', '11'), mk(4, '20 - 8', '12')]));
    const unique = r.findings.filter((f) => f.check === 'unique');
    expect(unique.map((f) => [f.severity, f.position])).toEqual([['error', 3]]);
    expect(unique[0]!.message).toBe('Duplicate of case #1: the same prompt "3+7?" with a different expected answer (10 vs 11).');
    const r2 = await validateScenario(input([mk(1, 'What is 3+7?', '10'), mk(2, 'what is 3+7', '10')]));
    expect(r2.findings.filter((f) => f.check === 'unique').map((f) => [f.severity, f.position])).toEqual([['warning', 2]]);
  });

  it('catches an unknown tool and a missing required tool', async () => {
    const r = await validateScenario(
      input([mk(1, '3+7?', '10')], { scenario: { id: 'scn_t_v1', type: 'math_calculator', tools: ['search'], revision: 1 } }),
    );
    expect(
      errorsOf(r)
        .filter((f) => f.check === 'tools')
        .map((f) => f.message),
    ).toEqual([
      'Unknown tool "search": no tool of that name is registered.',
      'A math_calculator scenario needs the calculator tool, and this one does not list it.',
    ]);
  });

  it('reports malformed cases and an empty scenario', async () => {
    const r = await validateScenario(
      input([mk(1, '3+7?', 'ten'), mk(2, ' ', '3'), mk(3, 'x', '(', { matcher: 'regex' })], {
        scenario: { id: 's', type: 'qa_exact', tools: [], revision: 1 },
      }),
    );
    expect(
      errorsOf(r)
        .filter((f) => f.check === 'well_formed')
        .map((f) => f.position),
    ).toEqual([1, 2, 3]);
    expect(r.checks.find((c) => c.check === 'reference')!.outcome).toBe('skipped');
    const empty = await validateScenario(input([]));
    expect(errorsOf(empty).map((f) => f.message)).toContain('The scenario has no test cases.');
  });

  it('names a flaky case when a run differs from the others (a tool that is not a pure function)', async () => {
    const dice = defineTool({
      ...calculatorTool,
      args: z.string(),
      handler: (expr: string) => (expr === '2+2' ? String(3 + Math.floor(Math.random() * 1e6)) : '7'),
      example: { args: '3+4', result: '7' },
    });
    const registry = new ToolRegistry([dice]);
    const r = await validateScenario(input([mk(1, '2+2?', '4'), mk(2, '3+4?', '7')], { registry }));
    expect(r.stability.flakyCases.map((c) => c.position)).toEqual([1]);
    expect(errorsOf(r).map((f) => [f.check, f.position])).toContainEqual(['stability', 1]);
  });

  it('reports the pass-rate spread of a policy that changes with the seed', async () => {
    const r = await validateScenario(
      input([mk(1, '3+7?', '10'), mk(2, '20-8?', '12')], {
        policyFor: async (seed) => ({ name: 'coin', next: async () => (seed % 2 ? '<answer>10</answer>' : '<answer>12</answer>') }),
      }),
    );
    expect(r.stability.passRates).toEqual([0.5, 0.5, 0.5]);
    expect(r.stability.flakyCases.map((c) => c.position)).toEqual([1, 2]);
    const r2 = await validateScenario(
      input([mk(1, '3+7?', '10'), mk(2, '20-8?', '12')], {
        policyFor: async (seed) => ({ name: 'mood', next: async () => (seed === 2 ? '<answer>0</answer>' : '<answer>10</answer>') }),
      }),
    );
    expect(r2.stability.passRates).toEqual([0.5, 0, 0.5]);
    expect(r2.stability.spread).toBe(0.5);
  });
});
