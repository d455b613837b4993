// Pasting cases: both line forms, the seed's own examples as they are, and line-numbered errors beside kept lines.
import { describe, expect, it } from 'vitest';
import { parsePastedCases } from './paste';

describe('parsePastedCases', () => {
  it('reads the seed examples as written, numeric by default', () => {
    const r = parsePastedCases('3+7? => 10\n20-8? => 12');
    expect(r.errors).toEqual([]);
    expect(r.cases.map((c) => c.value)).toEqual([
      { prompt: '3+7?', expected: '10', matcher: 'numeric', tolerance: 0, tags: {} },
      { prompt: '20-8?', expected: '12', matcher: 'numeric', tolerance: 0, tags: {} },
    ]);
  });

  it('reads JSONL with matcher, tolerance and tags', () => {
    const r = parsePastedCases(
      [
        '{"prompt":"Capital of France?","expected":"Paris"}',
        '{"prompt":"Pi to two places?","expected":"3.14","matcher":"numeric","tolerance":0.005,"tags":{"difficulty":"easy","skill":"recall"}}',
        '{"prompt":"Say a greeting","expected":"^(hi|hello)","matcher":"regex"}',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.cases[0]!.value.matcher).toBe('exact');
    expect(r.cases[1]!.value).toMatchObject({ tolerance: 0.005, tags: { difficulty: 'easy', skill: 'recall' } });
    expect(r.cases[2]!.value.matcher).toBe('regex');
  });

  it('keeps good lines and names each bad one by line', () => {
    const r = parsePastedCases(
      [
        '# a comment',
        '1+1? => 2',
        'no arrow here',
        '{"prompt": "x"',
        '5-1? =>',
        '{"prompt":"p","expected":"ten","matcher":"numeric"}',
        '',
        '1+1? => 3',
        '{"prompt":"q","expected":"a","color":"red"}',
      ].join('\n'),
    );
    expect(r.cases.map((c) => c.line)).toEqual([2]);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 8, 9]);
    expect(r.errors[0]!.message).toMatch(/prompt => expected answer/);
    expect(r.errors[1]!.message).toMatch(/not valid JSON/);
    expect(r.errors[2]!.message).toMatch(/expected: The expected answer is empty/);
    expect(r.errors[3]!.message).toMatch(/numeric matcher needs a number/);
    expect(r.errors[4]!.message).toBe('repeats the prompt of line 2');
    expect(r.errors[5]!.message).toMatch(/color/);
  });
});
