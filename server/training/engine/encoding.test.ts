import { describe, expect, it } from 'vitest';
import { encodeExample, makeBatch } from './encoding';
import { CHARACTER_TOKENIZER, Tokenizer } from './tokenizer';
import { END, PAD, SEP, UNK, Vocab } from './vocab';

const math = { prompt: 'What is 2+2?', response: '<call:calculator>2+2</call><result>4</result><answer>4</answer>' };

/** The targets a row teaches, as text (END shown as ⏎), read character by character. */
function learnedText(vocab: Vocab, ex: { prompt: string; response: string }, context = 64): string {
  const row = encodeExample(chars(vocab), ex, context);
  let s = '';
  row.learn.forEach((on, i) => {
    if (!on) return;
    const t = row.tokens[i + 1]!;
    s += t === END ? '⏎' : vocab.tokenText(t);
  });
  return s;
}

const chars = (vocab: Vocab) => new Tokenizer(vocab, CHARACTER_TOKENIZER);

describe('vocabulary', () => {
  it('keeps protocol tags whole and maps unseen characters to UNK', () => {
    const v = Vocab.fromTexts([math.prompt, math.response]);
    const ids = v.encode('<call:calculator>2+2</call>');
    expect(ids).toHaveLength(5);
    expect(v.decode(ids)).toBe('<call:calculator>2+2</call>');
    expect(v.encode('W€')).toEqual([v.encode('W')[0], UNK]);
  });

  it('gives the same ids for the same data whatever its order', () => {
    expect(Vocab.fromTexts(['ba', 'c<answer>']).pieces).toEqual(Vocab.fromTexts(['c<answer>', 'ab']).pieces);
  });
});

describe('loss mask', () => {
  const vocab = Vocab.fromTexts([math.prompt, math.response, 'Hello there <error>bad</error>']);

  it('covers the call, the answer and END, never the prompt or the result the runtime wrote', () => {
    expect(learnedText(vocab, math)).toBe('<call:calculator>2+2</call><answer>4</answer>⏎');
    const row = encodeExample(chars(vocab), math, 64);
    const promptLength = vocab.encode(math.prompt).length;
    expect(row.tokens[promptLength]).toBe(SEP);
    expect([...row.learn.subarray(0, promptLength)].every((x) => x === 0)).toBe(true); // targets inside the prompt and SEP
  });

  it('covers the whole response of a plain example', () => {
    expect(learnedText(vocab, { prompt: 'Hello', response: 'there' })).toBe('there⏎');
  });

  it('skips an error span the runtime wrote', () => {
    const ex = { prompt: 'What is 2+2?', response: '<call:calculator>2+</call><error>bad</error><answer>4</answer>' };
    expect(learnedText(vocab, ex)).toBe('<call:calculator>2+</call><answer>4</answer>⏎');
  });

  it('drops the start of a prompt that does not fit, then the end of the response', () => {
    const long = { prompt: 'Hello there Hello there', response: 'there' };
    const row = encodeExample(chars(vocab), long, 10); // 11 tokens: 4 of prompt, SEP, 5 of response, END
    expect(vocab.decode(row.tokens)).toBe('herethere'); // the prompt's last 4 characters, then the response
    expect(row.tokens.length).toBe(11);
    expect(learnedText(vocab, long, 10)).toBe('there⏎');
    const tooLong = encodeExample(chars(vocab), { prompt: 'Hi', response: 'Hello there' }, 6);
    expect(tooLong.tokens.length).toBe(7);
    expect(tooLong.tokens.includes(END)).toBe(false);
  });

  it('pads a batch with positions the loss ignores', () => {
    const rows = [encodeExample(chars(vocab), math, 64), encodeExample(chars(vocab), { prompt: 'Hello', response: 'there' }, 64)];
    const b = makeBatch(rows, [0, 1]);
    expect(b.steps).toBe(rows[0]!.tokens.length - 1);
    const second = b.inputs.subarray(b.steps, 2 * b.steps);
    const shortLen = rows[1]!.tokens.length - 1;
    expect([...second.subarray(shortLen)].every((t) => t === PAD)).toBe(true);
    expect([...b.weights.subarray(b.steps + shortLen)].every((w) => w === 0)).toBe(true);
    expect(b.learned).toBe(rows.reduce((n, r) => n + r.learn.reduce((x: number, y) => x + y, 0), 0));
  });
});
