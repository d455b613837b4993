// Checkpoint formats: a model saved before number references (format 1) still loads, reading text as it was trained to.
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, serializeCheckpoint } from './checkpoint';
import { loadModel } from './index';
import { sumExample, sumPairs, tinyConfig } from './testing';
import { CHARACTER_TOKENIZER } from './tokenizer';
import { Trainer } from './trainer';

/** The same checkpoint as an older build wrote it: format 1, no tokenizer in the header. */
function asFormat(bytes: Buffer, format: number, edit: (header: Record<string, unknown>) => void): Buffer {
  const len = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + len)) as Record<string, unknown>;
  header.format = format;
  edit(header);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const data = bytes.subarray(Math.ceil((12 + len) / 4) * 4);
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const out = Buffer.alloc(start + data.length);
  out.write('AFCK', 0, 'ascii');
  out.writeUInt32LE(format, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  data.copy(out, start);
  return out;
}

describe('checkpoint formats', () => {
  it('loads a format-1 model as a character-level model that generates as before', async () => {
    const { train } = sumPairs();
    const t = await Trainer.create({
      examples: { train: train.map(([a, b]) => sumExample(a, b)) },
      config: tinyConfig(5, { tokenizer: CHARACTER_TOKENIZER }),
      seed: 4,
    });
    for (let i = 0; i < 5; i++) t.trainStep();
    const current = serializeCheckpoint(t.checkpoint(), { modelOnly: true });
    t.dispose();
    const old = asFormat(current, 1, (h) => {
      delete h.tokenizer;
      delete (h.config as Record<string, unknown>).tokenizer;
    });
    expect(loadCheckpoint(old).tokenizer).toEqual(CHARACTER_TOKENIZER);
    const [a, b] = [await loadModel(old), await loadModel(current)];
    const prompts = ['What is 4+3?', 'What is 9+9?'];
    expect(await a.generateMany(prompts, { maxTokens: 12 })).toEqual(await b.generateMany(prompts, { maxTokens: 12 }));
    a.dispose();
    b.dispose();
  });

  it('refuses a format it does not know, saying which it reads', async () => {
    const { train } = sumPairs();
    const t = await Trainer.create({ examples: { train: train.map(([a, b]) => sumExample(a, b)) }, config: tinyConfig(1), seed: 1 });
    const bytes = serializeCheckpoint(t.checkpoint(), { modelOnly: true });
    t.dispose();
    expect(() => loadCheckpoint(asFormat(bytes, 3, () => {}))).toThrow(/format 3 is not supported \(this version reads formats 1 and 2\)/);
  });
});
