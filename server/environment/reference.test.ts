// Reading the arithmetic in a prompt, in the phrasings the seed and the generator use.
import { describe, expect, it } from 'vitest';
import { extractExpression, referenceAnswer } from './reference';

describe('extractExpression', () => {
  it.each([
    ['3+7?', '3+7'],
    ['20-8?', '20-8'],
    ['What is 42+28?', '42+28'],
    ['Compute 9 - 4.', '9 - 4'],
    ['(3-5)*12=?', '(3-5)*12'],
    ["What's 6 times 7?", '6 * 7'],
    ['What is 10 divided by 4?', '10 / 4'],
    ['Add 3 and 4.', '3+4'],
    ['Subtract 3 from 10.', '10-3'],
    ['Multiply 6 by 7.', '6*7'],
    ['What is 7×8?', '7×8'],
    ['How many legs does a spider have?', null],
    ['Call me at 5 pm', null],
  ])('%s → %s', (prompt, want) => expect(extractExpression(prompt)).toBe(want));
});

describe('referenceAnswer', () => {
  it('computes with the calculator and reports what it cannot solve', () => {
    expect(referenceAnswer('What is 42+28?')).toEqual({ expression: '42+28', value: '70' });
    expect(referenceAnswer('What is 5/0?')).toEqual({ expression: '5/0', error: 'division by zero' });
    expect(referenceAnswer('Name a colour')).toBeNull();
  });
});
