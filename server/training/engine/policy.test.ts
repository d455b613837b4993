import { describe, expect, it } from 'vitest';
import { tf, initBackend } from './backend';
import { Decoder } from './decoder';
import { forward, initParams, toTensors, type ModelConfig } from './model';
import { ModelPolicy } from './policy';
import { Rng } from './rng';
import { CHARACTER_TOKENIZER, Tokenizer } from './tokenizer';
import { Vocab } from './vocab';

// An untrained model with random weights: its outputs are arbitrary but fully determined, which is all these checks need.
const vocab = Vocab.fromTexts(['abcdefghij <answer></answer>']);
const config: ModelConfig = { vocabSize: vocab.size, context: 24, dModel: 16, layers: 2, heads: 2, mlp: 32, tieEmbeddings: false };
const params = () => initParams(config, new Rng(11));

describe('generation', () => {
  it('KV-cached decoding gives the same logits as the full forward pass', async () => {
    await initBackend();
    const w = toTensors(config, params());
    const rng = new Rng(4);
    const rows = 3;
    const length = 12;
    const tokens = Int32Array.from({ length: rows * length }, () => 4 + rng.int(vocab.size - 4));
    const full = tf.tidy(() => forward(config, w, tf.tensor2d(tokens, [rows, length], 'int32')).arraySync());
    const dec = new Decoder(config, w, rows);
    const chunk = 5;
    const firstChunk = Int32Array.from({ length: rows * chunk }, (_, i) => tokens[Math.floor(i / chunk) * length + (i % chunk)]!);
    const check = (logits: Float32Array, position: number) => {
      for (let r = 0; r < rows; r++)
        for (let v = 0; v < vocab.size; v++) expect(logits[r * vocab.size + v]).toBeCloseTo(full[r * length + position]![v]!, 4);
    };
    check(dec.feed(firstChunk, chunk), chunk - 1);
    for (let p = chunk; p < length; p++)
      check(
        dec.feed(
          Int32Array.from({ length: rows }, (_, r) => tokens[r * length + p]!),
          1,
        ),
        p,
      );
    dec.dispose();
    tf.dispose(Object.values(w));
  });

  it('generates the same text for a prompt alone or in a batch of prompts of other lengths', async () => {
    await initBackend();
    const model = new ModelPolicy(config, new Tokenizer(vocab, CHARACTER_TOKENIZER), params(), { evalBatchSize: 2 });
    const prompts = ['abc', 'hij ba', 'a', 'jihgfedcba'];
    const batched = await model.generateMany(prompts, { maxTokens: 8 });
    for (const [i, p] of prompts.entries()) expect(await model.generate(p, { maxTokens: 8 })).toEqual(batched[i]);
    expect(batched.every((r) => vocab.encode(r.text).length <= 8)).toBe(true);
    model.dispose();
  });

  it('honours maxTokens and stop strings, and leaves no tensors behind', async () => {
    await initBackend();
    const model = new ModelPolicy(config, new Tokenizer(vocab, CHARACTER_TOKENIZER), params());
    const free = await model.generate('abc', { maxTokens: 30 });
    await model.generate('abc', { maxTokens: 3 }); // weights are uploaded on first use
    const before = tf.memory().numTensors;
    const short = await model.generate('abc', { maxTokens: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(short.text).toBe(free.text.slice(0, short.text.length));
    if (free.reason === 'length' || free.text.length > 3) expect(short.reason).toBe('length');
    if (free.text.length >= 2) {
      const stop = free.text.slice(1, 2);
      const stopped = await model.generate('abc', { stop: [stop] });
      expect(stopped).toEqual({ text: free.text.slice(0, free.text.indexOf(stop) + 1), reason: 'stop' });
    }
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });
});
