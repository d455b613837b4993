// The executor's tool loop on scripted policies: a call then an answer, a call to an unknown tool, a tool error fed
// back, the step limit, a failing policy, and the baseline on the seed's examples.
import { describe, expect, it } from 'vitest';
import { builtinTools } from '@/server/tools/builtin';
import { baselinePolicy } from './baseline';
import { judgeCase, runCase, trajectoryTranscript } from './executor';
import type { Policy, PolicyContext } from './policy';

/** A policy that plays fixed turns in order and remembers what it was shown. */
function scripted(turns: string[]): Policy & { seen: PolicyContext[] } {
  const seen: PolicyContext[] = [];
  return {
    name: 'scripted',
    seen,
    next: async (ctx) => {
      seen.push(ctx);
      const turn = turns[seen.length - 1];
      if (turn === undefined) throw new Error('script ran out');
      return turn;
    },
  };
}

const base = { tools: ['calculator'], runner: builtinTools, stepLimit: 4 };

describe('runCase', () => {
  it('runs a call, feeds the result back, and takes the answer', async () => {
    const policy = scripted(['<call:calculator>42+28</call>', '<answer>70</answer>']);
    const run = await runCase({ ...base, policy, prompt: 'What is 42+28?' });
    expect(run.stopReason).toBe('answer');
    expect(run.finalAnswer).toBe('70');
    expect(run.steps).toHaveLength(2);
    expect(run.steps[0]).toMatchObject({ call: { tool: 'calculator', args: '42+28' }, observation: { kind: 'result', text: '70' } });
    expect(policy.seen.map((c) => c.transcript)).toEqual(['', '<call:calculator>42+28</call><result>70</result>']);
    expect(policy.seen[1]!.step).toBe(2);
    expect(trajectoryTranscript(run.steps)).toBe('<call:calculator>42+28</call><result>70</result><answer>70</answer>');
    expect(judgeCase({ expected: '70', matcher: 'numeric' }, run, 4)).toEqual({
      passed: true,
      explanation: 'expected 70 (numeric ±0), got 70',
    });
  });

  it('answers a call to an unknown tool with an error observation and goes on', async () => {
    const policy = scripted(['<call:search>capital of France</call>', '<answer>Paris</answer>']);
    const run = await runCase({ ...base, policy, prompt: 'Capital of France?' });
    expect(run.steps[0]!.observation).toEqual({ kind: 'error', text: `unknown tool "search": this scenario's tools are calculator` });
    expect(policy.seen[1]!.transcript).toBe(
      `<call:search>capital of France</call><error>unknown tool "search": this scenario's tools are calculator</error>`,
    );
    expect(run.finalAnswer).toBe('Paris');
  });

  it('feeds a tool error back as <error>', async () => {
    const policy = scripted(['<call:calculator>1/0</call>', '<answer>undefined</answer>']);
    const run = await runCase({ ...base, policy, prompt: 'What is 1/0?' });
    expect(policy.seen[1]!.transcript).toBe('<call:calculator>1/0</call><error>division by zero</error>');
    expect(run.steps[0]!.observation).toEqual({ kind: 'error', text: 'division by zero' });
    expect(trajectoryTranscript(run.steps)).toBe('<call:calculator>1/0</call><error>division by zero</error><answer>undefined</answer>');
  });

  it('drops what the model wrote after closing its call', async () => {
    const policy = scripted(['<call:calculator>2+2</call> and then I guess <answer>5</answer>', '<answer>4</answer>']);
    const run = await runCase({ ...base, policy, prompt: '2+2?' });
    expect(policy.seen[1]!.transcript).toBe('<call:calculator>2+2</call><result>4</result>');
    expect(run.finalAnswer).toBe('4');
  });

  it('stops at the step limit without a final answer', async () => {
    const policy = scripted(Array(10).fill('<call:calculator>1+1</call>'));
    const run = await runCase({ ...base, policy, prompt: '1+1?', stepLimit: 3 });
    expect(run.stopReason).toBe('step_limit');
    expect(run.steps).toHaveLength(3);
    expect(run.finalAnswer).toBeNull();
    expect(judgeCase({ expected: '2', matcher: 'numeric' }, run, 3)).toEqual({
      passed: false,
      explanation: 'expected 2 (numeric ±0), got no final answer (step limit of 3 reached)',
    });
  });

  it('records a failing policy as the reason', async () => {
    const run = await runCase({ ...base, policy: scripted([]), prompt: '1+1?' });
    expect(run).toMatchObject({ stopReason: 'policy_error', error: 'script ran out', finalAnswer: null });
    expect(judgeCase({ expected: '2', matcher: 'numeric' }, run, 4).explanation).toMatch(/the policy failed: script ran out/);
  });

  it('text without tags is the answer', async () => {
    const run = await runCase({ ...base, policy: scripted(['  12 ']), prompt: '20-8?' });
    expect(run.finalAnswer).toBe('12');
  });
});

describe('baseline policy', () => {
  const math = baselinePolicy({ id: 'scn_t_v1', type: 'math_calculator', tools: ['calculator'] });
  it('uses the calculator for additions and passes the seed example "3+7?"', async () => {
    const run = await runCase({ ...base, policy: math, prompt: '3+7?' });
    expect(run.steps.map((s) => s.output)).toEqual(['<call:calculator>3+7</call>', '<answer>10</answer>']);
    expect(judgeCase({ expected: '10', matcher: 'numeric' }, run, 4).passed).toBe(true);
  });
  it('answers other operations with the first number, so "20-8?" fails', async () => {
    const run = await runCase({ ...base, policy: math, prompt: '20-8?' });
    expect(run.finalAnswer).toBe('20');
    expect(judgeCase({ expected: '12', matcher: 'numeric' }, run, 4)).toEqual({
      passed: false,
      explanation: 'expected 12 (numeric ±0), got 20',
    });
  });
  it('answers QA with a quoted phrase or the last word', async () => {
    const qa = baselinePolicy({ id: 'scn_q_v1', type: 'qa_exact', tools: [] });
    expect((await runCase({ ...base, tools: [], policy: qa, prompt: 'Repeat "hello world" please' })).finalAnswer).toBe('hello world');
    expect((await runCase({ ...base, tools: [], policy: qa, prompt: 'The capital of France is Paris?' })).finalAnswer).toBe('Paris');
  });
});
