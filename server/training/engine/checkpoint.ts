// The checkpoint file: one self-contained binary holding config, vocabulary, how the model reads text (tokenizer),
// weights and (for resumable checkpoints) Adam's moments, the step and the data-order state.
//
// Layout: "AFCK" | u32 format | u32 header length | header JSON (UTF-8) | zero padding to 4 bytes | float32 LE arrays.
// The header lists each array's name, group and length in the order the arrays follow.
// Format 2 added the tokenizer (number references); a format-1 file is a character-level model and loads as one.

import type { TrainConfig } from './config';
import type { ModelConfig, Params } from './model';
import { paramSpecs } from './model';
import type { RngState } from './rng';
import { CHARACTER_TOKENIZER, type TokenizerSpec } from './tokenizer';

export const CHECKPOINT_FORMAT = 2;
/** Formats this code reads: 1 (characters only) and 2. */
const READABLE_FORMATS = [1, 2];
const MAGIC = 'AFCK';

export type Checkpoint = {
  format: number;
  config: TrainConfig;
  modelConfig: ModelConfig;
  /** the ordinary tokens of the vocabulary (characters, protocol tags, number references), in id order. */
  vocab: string[];
  tokenizer: TokenizerSpec;
  seed: number;
  params: Params;
  /** absent in a model-only export. */
  optimizer?: { step: number; m: Params; v: Params };
  progress?: { epoch: number; cursor: number; epochRng: RngState; dataFingerprint: string };
};

type Header = Omit<Checkpoint, 'params' | 'optimizer'> & {
  optimizerStep?: number;
  arrays: { group: 'param' | 'm' | 'v'; name: string; length: number }[];
};

/** Encodes a checkpoint; `{ modelOnly: true }` leaves out optimizer and progress (a smaller artefact for serving). */
export function serializeCheckpoint(cp: Checkpoint, opts: { modelOnly?: boolean } = {}): Buffer {
  const groups: ['param' | 'm' | 'v', Params][] = [['param', cp.params]];
  const withOptimizer = !opts.modelOnly && cp.optimizer;
  if (withOptimizer) groups.push(['m', cp.optimizer!.m], ['v', cp.optimizer!.v]);
  const arrays: Header['arrays'] = [];
  for (const [group, params] of groups) for (const [name, data] of params) arrays.push({ group, name, length: data.length });
  const header: Header = {
    format: CHECKPOINT_FORMAT,
    config: cp.config,
    modelConfig: cp.modelConfig,
    vocab: cp.vocab,
    tokenizer: cp.tokenizer,
    seed: cp.seed,
    ...(withOptimizer ? { optimizerStep: cp.optimizer!.step, progress: cp.progress } : {}),
    arrays,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerEnd = 12 + json.length;
  const dataStart = Math.ceil(headerEnd / 4) * 4;
  const floats = arrays.reduce((n, a) => n + a.length, 0);
  const out = Buffer.alloc(dataStart + floats * 4);
  out.write(MAGIC, 0, 'ascii');
  out.writeUInt32LE(CHECKPOINT_FORMAT, 4);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  let at = dataStart;
  for (const [, params] of groups)
    for (const data of params.values()) {
      for (let i = 0; i < data.length; i++, at += 4) out.writeFloatLE(data[i]!, at);
    }
  return out;
}

/** Decodes and checks a checkpoint; throws a clear error when the bytes are not one. */
export function loadCheckpoint(bytes: Uint8Array): Checkpoint {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a model checkpoint (bad magic bytes)');
  const format = buf.readUInt32LE(4);
  if (!READABLE_FORMATS.includes(format))
    throw new Error(`checkpoint format ${format} is not supported (this version reads formats ${READABLE_FORMATS.join(' and ')})`);
  const len = buf.readUInt32LE(8);
  if (12 + len > buf.length) throw new Error('checkpoint is truncated (header)');
  const header = JSON.parse(buf.toString('utf8', 12, 12 + len)) as Header;
  let at = Math.ceil((12 + len) / 4) * 4;
  const groups = { param: new Map(), m: new Map(), v: new Map() } as Record<'param' | 'm' | 'v', Params>;
  for (const a of header.arrays) {
    if (at + a.length * 4 > buf.length) throw new Error(`checkpoint is truncated (array ${a.group}:${a.name})`);
    const data = new Float32Array(a.length);
    for (let i = 0; i < a.length; i++, at += 4) data[i] = buf.readFloatLE(at);
    groups[a.group].set(a.name, data);
  }
  for (const s of paramSpecs(header.modelConfig)) {
    const size = s.shape.reduce((x, y) => x * y, 1);
    if (groups.param.get(s.name)?.length !== size) throw new Error(`checkpoint parameter ${s.name} is missing or has the wrong size`);
  }
  if (format >= 2 && !header.tokenizer) throw new Error('checkpoint has no tokenizer in its header');
  const { arrays: _arrays, optimizerStep, ...rest } = header;
  return {
    ...rest,
    format,
    // Format 1 predates number references: its models read every number digit by digit.
    tokenizer: format === 1 ? CHARACTER_TOKENIZER : rest.tokenizer,
    params: groups.param,
    ...(optimizerStep !== undefined ? { optimizer: { step: optimizerStep, m: groups.m, v: groups.v } } : {}),
  };
}
