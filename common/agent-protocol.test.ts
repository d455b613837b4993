import { describe, expect, it } from 'vitest';
import { parseTurn, runtimeSpans, transcript } from './agent-protocol';

describe('agent protocol', () => {
  it('reads a tool call, a tagged answer, and bare text', () => {
    expect(parseTurn('<call:calculator>42+28</call>')).toMatchObject({ kind: 'call', call: { tool: 'calculator', args: '42+28' } });
    expect(parseTurn('<answer>70</answer>')).toMatchObject({ kind: 'answer', answer: '70' });
    expect(parseTurn(' 70 ')).toMatchObject({ kind: 'answer', answer: '70' });
    expect(parseTurn('<answer>5</answer><call:calculator>1+1</call>')).toMatchObject({ kind: 'answer', answer: '5' });
  });

  it('writes a transcript and finds the spans the runtime wrote', () => {
    const t = transcript([{ call: { tool: 'calculator', args: '42+28' }, result: '70' }, { answer: '70' }]);
    expect(t).toBe('<call:calculator>42+28</call><result>70</result><answer>70</answer>');
    const [[s, e]] = runtimeSpans(t) as [[number, number]];
    expect(t.slice(s, e)).toBe('<result>70</result>');
  });
});
