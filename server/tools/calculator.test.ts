// The calculator against a table of expressions: precedence, associativity, signs, decimals, and every malformed kind.
import { describe, expect, it } from 'vitest';
import { calculate } from './calculator';
import { builtinTools } from './builtin';

const GOOD: [string, string][] = [
  ['42+28', '70'],
  ['3+7', '10'],
  ['20-8', '12'],
  ['2+3*4', '14'],
  ['(2+3)*4', '20'],
  ['10-3-2', '5'],
  ['8/4/2', '1'],
  ['2*3+4*5', '26'],
  ['7÷2', '3.5'],
  ['6×7', '42'],
  ['6 x 7', '42'],
  ['6X7', '42'],
  ['9 − 4', '5'],
  ['-3+5', '2'],
  ['2*-3', '-6'],
  ['2--3', '5'],
  ['-(2+3)', '-5'],
  ['+4', '4'],
  ['--2', '2'],
  ['0.1+0.2', '0.3'],
  ['.5+.25', '0.75'],
  ['5.', '5'],
  ['1/3', '0.333333333333'],
  ['10/4', '2.5'],
  ['((1))', '1'],
  [' 12 + 30 ', '42'],
  ['-0', '0'],
  ['0*-5', '0'],
  ['9007199254740991', '9007199254740991'],
  ['100-200', '-100'],
];

const BAD: [string, RegExp][] = [
  ['2+', /unexpected end of expression after "\+"/],
  ['(1+2', /missing "\)" to close "\(" at position 1/],
  ['1+2)', /unexpected "\)" at position 4/],
  ['1//2', /unexpected "\/" at position 3/],
  ['abc', /unexpected "a" at position 1/],
  ['', /empty expression/],
  ['   ', /empty expression/],
  ['1/0', /division by zero/],
  ['5/(3-3)', /division by zero/],
  ['99999999999999999999', /overflow: 99999999999999999999 is beyond/],
  ['9007199254740991+1', /overflow: the result is beyond/],
  ['999999999*999999999', /overflow/],
  ['1.2.3', /malformed number "1.2.3" at position 1/],
  ['1 2', /expected an operator before number 2 at position 3/],
  ['2(3)', /expected an operator before "\(" at position 2/],
  ['2^3', /unexpected "\^" at position 2/],
  ['()', /unexpected "\)" at position 2/],
  ['*3', /unexpected "\*" at position 1/],
  ['1e5', /unexpected "e" at position 2/],
  ['1'.repeat(201), /expression too long \(201 characters, at most 200\)/],
];

describe('calculate', () => {
  it.each(GOOD)('%s = %s', (expr, want) => expect(calculate(expr)).toBe(want));
  it.each(BAD)('%s is refused', (expr, message) => expect(() => calculate(expr)).toThrow(message));
});

describe('the calculator tool through the registry (sandboxed)', () => {
  it('computes a result', () => {
    expect(builtinTools.run('calculator', '42+28')).toMatchObject({ ok: true, value: '70' });
  });
  it.each(BAD.filter(([e]) => e.trim() !== '' && e.length <= 200))('%s gives an error observation, not a crash', (expr, message) => {
    const out = builtinTools.run('calculator', expr);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatch(message);
  });
  it('refuses empty and over-long arguments by its schema', () => {
    expect(builtinTools.run('calculator', '  ')).toMatchObject({ ok: false, error: 'empty expression' });
    expect(builtinTools.run('calculator', '1'.repeat(300))).toMatchObject({ ok: false, error: expect.stringMatching(/too long/) });
  });
  it('names an unknown tool', () => {
    expect(builtinTools.run('search', 'x')).toMatchObject({ ok: false, error: 'unknown tool "search"' });
  });
});
