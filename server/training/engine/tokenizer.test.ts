import { describe, expect, it } from 'vitest';
import { encodeExample } from './encoding';
import { DEFAULT_TOKENIZER, normalizePrompt, Tokenizer } from './tokenizer';
import { SEP, UNK } from './vocab';
import { stem } from './words';

const ex = (a: string, op: string, b: string, value: string) => ({
  prompt: `What is ${a}${op}${b}?`,
  response: `<call:calculator>${a}${op}${b}</call><result>${value}</result><answer>${value}</answer>`,
});
const tok = Tokenizer.fromExamples(
  [
    ex('12', '+', '5', '17'),
    ex('40', '-', '52', '-12'),
    ex('7', '*', '2', '14'),
    { prompt: 'Add 3 and 4.', response: '<call:calculator>3+4</call><result>7</result><answer>7</answer>' },
  ],
  DEFAULT_TOKENIZER,
);
const pieces = (ids: number[]) => ids.map((id) => tok.vocab.pieces[id - 4] ?? `#${id}`);

describe('number references', () => {
  it('reads each distinct number as a reference in order of first appearance, whatever its size', () => {
    const row = tok.row();
    expect(pieces(row.prompt('What is 877-143?'))).toEqual(['▁what', '▁is', '<num_0>', '-', '<num_1>', '?']);
    const { ids, written } = row.response('<call:calculator>877-143</call><result>734</result><answer>734</answer>');
    expect(pieces(ids)).toEqual([
      '<call:calculator>',
      '<num_0>',
      '-',
      '<num_1>',
      '</call>',
      '<result>',
      '<num_2>',
      '</result>',
      '<answer>',
      '<num_2>',
      '</answer>',
    ]);
    // The model writes the call and the answer; the runtime wrote the result.
    expect(written).toEqual([true, true, true, true, true, false, false, false, true, true, true]);
    expect(ids.map((id) => row.text(id)).join('')).toBe('<call:calculator>877-143</call><result>734</result><answer>734</answer>');
  });

  it('reads thousands separators and decimals as one number, and decodes it as the calculator takes it', () => {
    const row = tok.row();
    const ids = row.prompt('Add 12,500 and 2.75.');
    expect(pieces(ids)).toEqual(['▁ad', '<num_0>', '▁and', '<num_1>', '.']);
    expect(row.text(ids[1]!)).toBe('12500');
    expect(row.text(ids[3]!)).toBe('2.75');
    // 12500 written without the separator is the same number.
    expect(pieces(row.response('<call:calculator>12500+2.75</call>').ids).slice(1, 4)).toEqual(['<num_0>', '+', '<num_1>']);
  });

  it('keeps a number the model writes but never read as characters, and lets it write only references it has read', () => {
    const row = tok.row();
    row.prompt('What is 7 doubled?');
    expect(pieces(row.response('<call:calculator>7*2</call>').ids)).toEqual(['<call:calculator>', '<num_0>', '*', '2', '</call>']);
    expect(row.allowed(tok.vocab.refId(0)!)).toBe(true);
    expect(row.allowed(tok.vocab.refId(1)!)).toBe(false);
    expect(row.text(tok.vocab.refId(1)!)).toBe('');
  });

  it('falls back to characters once every reference is taken', () => {
    const row = tok.row();
    const many = Array.from({ length: DEFAULT_TOKENIZER.numberRefs + 1 }, (_, i) => String(100 + i)).join(' ');
    const p = pieces(row.prompt(many));
    expect(p.filter((x) => x.startsWith('<num_'))).toHaveLength(DEFAULT_TOKENIZER.numberRefs);
    expect(p.slice(-3)).toEqual(['1', '0', '8']);
  });
});

describe('prompt words', () => {
  it('reads the way people type a question the same: case, spacing, apostrophes, unicode dashes', () => {
    const read = (p: string) => tok.row().prompt(p);
    expect(read("WHAT'S  12 − 5")).toEqual(read('whats 12-5'));
    expect(read('7 x 8')).toEqual(read('7x8'));
    expect(normalizePrompt('  What’s   12 – 5?  ')).toBe("what's 12 - 5?");
  });

  it('folds the forms of an operation word into one stem, and reads unknown words as UNK', () => {
    for (const [forms, s] of [
      [['divide', 'divided', 'dividing', 'divides', 'division'], 'divid'],
      [['multiply', 'multiplied', 'multiplying', 'multiplication'], 'multipli'],
      [['add', 'added', 'adding', 'addition'], 'ad'],
      [['subtract', 'subtracted', 'subtraction'], 'subtract'],
      [['sum', 'summed'], 'sum'],
      [['plus'], 'plus'],
      [['minus'], 'minus'],
      [['less'], 'less'],
    ] as const)
      for (const f of forms) expect(stem(f)).toBe(s);
    expect(tok.row().prompt('zebra 4')[0]).toBe(UNK);
  });

  it('encodes a training row as prompt SEP response and learns only what the model writes', () => {
    const row = encodeExample(tok, ex('40', '-', '52', '-12'), 64);
    const sep = row.tokens.indexOf(SEP);
    expect(pieces([...row.tokens.subarray(0, sep)])).toEqual(['▁what', '▁is', '<num_0>', '-', '<num_1>', '?']);
    const learned = [...row.learn].flatMap((on, i) => (on ? [row.tokens[i + 1]!] : []));
    // The negative result is "-" and a new reference; the answer copies both.
    expect(pieces(learned.slice(0, -1))).toEqual([
      '<call:calculator>',
      '<num_0>',
      '-',
      '<num_1>',
      '</call>',
      '<answer>',
      '-',
      '<num_2>',
      '</answer>',
    ]);
  });
});
