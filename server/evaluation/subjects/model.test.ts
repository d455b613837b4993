// The engine's agent runs as the executor's trajectories: a step per tool call with its observation, then the answer
// turn; a run stopped for too many calls has no answer; the batch's time is shared by the row's turns.
import { describe, expect, it } from 'vitest';
import type { AgentRun } from '@/server/training/engine';
import { agentRunToCase, sandboxedTools } from './model';

const run = (o: Partial<AgentRun>): AgentRun => ({ prompt: 'p', answer: '', transcript: '', steps: [], reason: 'stop', ...o });

describe('agent runs as trajectories', () => {
  it('a direct answer is one answer turn', () => {
    const c = agentRunToCase(run({ transcript: '<answer>42</answer>', answer: '42' }), 12);
    expect(c).toMatchObject({ finalAnswer: '42', stopReason: 'answer', latencyMs: 12 });
    expect(c.steps).toEqual([{ output: '<answer>42</answer>', answer: '42', latencyMs: 12 }]);
  });

  it('a tool call, its result, then the answer', () => {
    const c = agentRunToCase(
      run({
        transcript: '<call:calculator>6*7</call><result>42</result><answer>42</answer>',
        steps: [{ call: { tool: 'calculator', args: '6*7' }, result: '42' }],
        answer: '42',
      }),
      10,
    );
    expect(c.steps).toEqual([
      {
        output: '<call:calculator>6*7</call>',
        call: { tool: 'calculator', args: '6*7' },
        observation: { kind: 'result', text: '42' },
        latencyMs: 5,
      },
      { output: '<answer>42</answer>', answer: '42', latencyMs: 5 },
    ]);
    expect(c.finalAnswer).toBe('42');
  });

  it('a failing call becomes an error observation; too many calls leave no answer', () => {
    const c = agentRunToCase(
      run({
        transcript: '<call:calculator>1/0</call><error>division by zero</error><call:calculator>1/0</call>',
        steps: [{ call: { tool: 'calculator', args: '1/0' }, error: 'division by zero' }],
        reason: 'max-calls',
      }),
      3,
    );
    expect(c.steps[0]!.observation).toEqual({ kind: 'error', text: 'division by zero' });
    expect(c).toMatchObject({ finalAnswer: null, stopReason: 'step_limit' });
  });

  it('runs the taskset’s tools in the sandbox, and only those', () => {
    const tools = sandboxedTools(['calculator']);
    expect(tools.calculator!('6*7')).toBe('42');
    expect(() => tools.calculator!('6*')).toThrow();
    expect(Object.keys(sandboxedTools([]))).toEqual([]);
  });
});
