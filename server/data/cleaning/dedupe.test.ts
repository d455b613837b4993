// Duplicates: exact copies (case and spacing aside), rephrased and re-spaced near copies, and distinct arithmetic kept apart.
import { describe, expect, it } from 'vitest';
import { Cleaner } from './pipeline';

function verdicts(pairs: [string, string][], threshold?: number) {
  const c = new Cleaner(threshold ? { nearDuplicateThreshold: threshold } : {});
  return pairs.map(([prompt, response], i) => c.clean({ id: `e${i}`, prompt, response }));
}

const calc = (a: number, op: string, b: number, v: number) =>
  `<call:calculator>${a}${op}${b}</call><result>${v}</result><answer>${v}</answer>`;

describe('exact duplicates', () => {
  it('normalises case and white space, and points at the kept original', () => {
    const v = verdicts([
      ['How do I cancel my subscription?', 'Billing → Plan → Cancel.'],
      ['  HOW DO I   cancel my subscription?  ', 'billing →  plan → cancel.'],
      ['How do I cancel my subscription?', 'Billing → Plan → Cancel.'],
    ]);
    expect(v.map((x) => [x.status, x.reason, x.duplicateOf])).toEqual([
      ['kept', null, null],
      ['filtered', 'exact_duplicate', 'e0'],
      ['filtered', 'exact_duplicate', 'e0'],
    ]);
  });

  it('collapses copies that differ only in the personal data they contain (redaction runs first)', () => {
    const v = verdicts([
      ['My email is maria.garcia@gmail.com, please reset my password.', 'Done: check your inbox.'],
      ['My email is li.chen@mail.de, please reset my password.', 'Done: check your inbox.'],
    ]);
    expect(v[1]).toMatchObject({
      status: 'filtered',
      reason: 'exact_duplicate',
      duplicateOf: 'e0',
      prompt: 'My email is [EMAIL], please reset my password.',
    });
  });

  it('a different response is a different interaction', () => {
    const v = verdicts([
      ['How do I export?', 'Reports → Export.'],
      ['How do I export?', 'Use the API.'],
    ]);
    expect(v.map((x) => x.status)).toEqual(['kept', 'kept']);
  });
});

describe('near duplicates', () => {
  it('catches rephrased, re-punctuated and re-spaced copies', () => {
    const v = verdicts([
      ['How do I change my password?', 'Go to Settings → Security → Change password.'],
      ['How can I change my password?', 'Go to Settings → Security → Change password.'],
      ['How do I change my password??', 'Go to Settings → Security → Change password!'],
      ['How do I change my pass word?', 'Go to Settings -> Security -> Change password.'],
      ['Do you offer a discount for non-profits?', 'Yes, 30% off; apply from the Billing page.'],
      ['Do you offer a discount for nonprofits?', 'Yes, 30% off; apply from the billing page'],
    ]);
    expect(v.map((x) => [x.reason, x.duplicateOf])).toEqual([
      [null, null],
      ['near_duplicate', 'e0'],
      ['near_duplicate', 'e0'],
      ['near_duplicate', 'e0'],
      [null, null],
      ['near_duplicate', 'e4'],
    ]);
    expect(v[1]!.detail).toMatch(/% similar \(threshold 80%\)/);
  });

  it('keeps distinct arithmetic questions apart, however alike their text', () => {
    const stem = 'For my homework assignment in the evening class, please compute exactly:';
    const v = verdicts([
      [`${stem} what is 12+5?`, calc(12, '+', 5, 17)],
      [`${stem} what is 12+6?`, calc(12, '+', 6, 18)],
      [`${stem} what is 12-5?`, calc(12, '-', 5, 7)],
      [`${stem} what is 5+12?`, calc(5, '+', 12, 17)],
      [`${stem} what is 12.5+6?`, calc(12.5, '+', 6, 18.5)],
      [`${stem}  What is 12+5 ?`, calc(12, '+', 5, 17)],
    ]);
    expect(v.map((x) => x.reason)).toEqual([null, null, null, null, null, 'near_duplicate']);
    expect(v[5]!.duplicateOf).toBe('e0');
  });

  it('keeps every one of many short arithmetic questions', () => {
    const pairs: [string, string][] = [];
    for (let a = 0; a < 30; a++) for (const b of [3, 4]) pairs.push([`What is ${a}+${b}?`, calc(a, '+', b, a + b)]);
    expect(verdicts(pairs).filter((x) => x.status === 'kept')).toHaveLength(60);
  });

  it('leaves different requests alone', () => {
    const v = verdicts([
      ['How do I reset my password? I forgot it.', 'Click "Forgot password" on the sign-in page.'],
      ['How do I reset my username? I forgot it.', 'Click "Forgot username" on the sign-in page.'],
      ['Is there an API rate limit?', 'Yes: 600 requests per minute per key.'],
      ['How do I cancel my subscription?', 'Billing → Plan → Cancel. You keep access until the period ends.'],
    ]);
    expect(v.every((x) => x.status === 'kept')).toBe(true);
  });

  it('threshold is configurable', () => {
    const pairs: [string, string][] = [
      ['Is there an API rate limit?', 'Yes: 600 requests per minute per key.'],
      ['Is there an API rate limit for uploads?', 'Yes: 600 requests per minute per key.'],
    ];
    expect(verdicts(pairs)[1]!.reason).toBeNull();
    expect(verdicts(pairs, 0.6)[1]!.reason).toBe('near_duplicate');
    expect(verdicts([pairs[0]!, ['is there an API rate-limit', 'yes 600 requests per minute per key']], 0.99)[1]!.reason).toBe(
      'near_duplicate',
    );
  });

  it('indexes interactions kept by earlier runs', () => {
    const c = new Cleaner();
    c.remember({ id: 'old', prompt: 'Where can I find my invoices?', response: 'Billing → Invoices lists every invoice as a PDF.' });
    expect(
      c.clean({ id: 'new', prompt: 'where can I find my invoices', response: 'Billing -> Invoices lists every invoice as a PDF' }),
    ).toMatchObject({ reason: 'near_duplicate', duplicateOf: 'old' });
    expect(
      c.clean({ id: 'copy', prompt: 'Where can I find my invoices?', response: 'Billing → Invoices lists every invoice as a PDF.' }),
    ).toMatchObject({ reason: 'exact_duplicate', duplicateOf: 'old' });
  });
});
