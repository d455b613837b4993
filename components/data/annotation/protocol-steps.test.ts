// Rendering the agent protocol as steps: calls, results, errors and answers in order, plain text kept.
import { describe, expect, it } from 'vitest';
import { protocolSteps, usesProtocol } from './protocol-steps';

describe('protocol steps', () => {
  it('splits a calculator trajectory into call, result and answer', () => {
    expect(protocolSteps('<call:calculator>42+28</call><result>70</result><answer>70</answer>')).toEqual([
      { kind: 'call', tool: 'calculator', args: '42+28' },
      { kind: 'result', text: '70' },
      { kind: 'answer', text: '70' },
    ]);
  });

  it('keeps text around steps, errors, and an unclosed final tag', () => {
    expect(protocolSteps('Let me check. <call:calculator>1/0</call><error>division by zero</error> So: <answer>undefined')).toEqual([
      { kind: 'text', text: 'Let me check.' },
      { kind: 'call', tool: 'calculator', args: '1/0' },
      { kind: 'error', text: 'division by zero' },
      { kind: 'text', text: 'So:' },
      { kind: 'answer', text: 'undefined' },
    ]);
  });

  it('leaves plain chat replies as one text step', () => {
    expect(protocolSteps('Your order ships on 3 May.')).toEqual([{ kind: 'text', text: 'Your order ships on 3 May.' }]);
    expect(usesProtocol('Your order ships on 3 May.')).toBe(false);
    expect(usesProtocol('<answer>4</answer>')).toBe(true);
  });
});
