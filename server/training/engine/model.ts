// The model: a character-level decoder-only transformer (pre-LayerNorm, learned positions, causal self-attention, ReLU MLP),
// its parameters as plain Float32Arrays (the master copy the optimizer updates and checkpoints store), and its training
// forward pass with a masked cross-entropy loss.

import { tf } from './backend';
import { bmm, layerNorm, linear, mm } from './ops';
import type { Rng } from './rng';

export type ModelConfig = {
  vocabSize: number;
  /** longest input the model reads (positions learned). */
  context: number;
  dModel: number;
  layers: number;
  heads: number;
  /** hidden width of each MLP. */
  mlp: number;
  /** output layer shares the token embedding matrix. */
  tieEmbeddings: boolean;
};

export type ModelSize = Omit<ModelConfig, 'vocabSize'>;

/** ~100k parameters: learns the math agent's protocol in about a minute on two CPU cores. */
export const DEFAULT_MODEL: ModelSize = { context: 96, dModel: 64, layers: 2, heads: 4, mlp: 256, tieEmbeddings: false };

export type ParamSpec = { name: string; shape: number[]; init: 'normal' | 'residual' | 'zeros' | 'ones' };

/** Every parameter, in the fixed order the checkpoint and the optimizer use. */
export function paramSpecs(c: ModelConfig): ParamSpec[] {
  const d = c.dModel;
  const specs: ParamSpec[] = [
    { name: 'tok', shape: [c.vocabSize, d], init: 'normal' },
    { name: 'pos', shape: [c.context, d], init: 'normal' },
  ];
  for (let l = 0; l < c.layers; l++) {
    specs.push(
      { name: `h${l}.ln1.g`, shape: [d], init: 'ones' },
      { name: `h${l}.ln1.b`, shape: [d], init: 'zeros' },
      { name: `h${l}.q.w`, shape: [d, d], init: 'normal' },
      { name: `h${l}.q.b`, shape: [d], init: 'zeros' },
      { name: `h${l}.k.w`, shape: [d, d], init: 'normal' },
      { name: `h${l}.k.b`, shape: [d], init: 'zeros' },
      { name: `h${l}.v.w`, shape: [d, d], init: 'normal' },
      { name: `h${l}.v.b`, shape: [d], init: 'zeros' },
      { name: `h${l}.out.w`, shape: [d, d], init: 'residual' },
      { name: `h${l}.out.b`, shape: [d], init: 'zeros' },
      { name: `h${l}.ln2.g`, shape: [d], init: 'ones' },
      { name: `h${l}.ln2.b`, shape: [d], init: 'zeros' },
      { name: `h${l}.fc.w`, shape: [d, c.mlp], init: 'normal' },
      { name: `h${l}.fc.b`, shape: [c.mlp], init: 'zeros' },
      { name: `h${l}.proj.w`, shape: [c.mlp, d], init: 'residual' },
      { name: `h${l}.proj.b`, shape: [d], init: 'zeros' },
    );
  }
  specs.push({ name: 'lnf.g', shape: [d], init: 'ones' }, { name: 'lnf.b', shape: [d], init: 'zeros' });
  if (!c.tieEmbeddings)
    specs.push({ name: 'head.w', shape: [d, c.vocabSize], init: 'normal' }, { name: 'head.b', shape: [c.vocabSize], init: 'zeros' });
  return specs;
}

export type Params = Map<string, Float32Array>;

/** GPT-2 style: N(0, 0.02), residual projections scaled by 1/√(2·layers) so the residual stream starts small. */
export function initParams(c: ModelConfig, rng: Rng): Params {
  const params: Params = new Map();
  const residualStd = 0.02 / Math.sqrt(2 * c.layers);
  for (const s of paramSpecs(c)) {
    const data = new Float32Array(s.shape.reduce((a, b) => a * b, 1));
    if (s.init === 'ones') data.fill(1);
    else if (s.init !== 'zeros') {
      const std = s.init === 'residual' ? residualStd : 0.02;
      for (let i = 0; i < data.length; i++) data[i] = rng.normal() * std;
    }
    params.set(s.name, data);
  }
  return params;
}

export function countParams(c: ModelConfig): number {
  return paramSpecs(c).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
}

export type Weights = Record<string, tf.Tensor>;

/** Uploads the parameters as tensors (the caller disposes them). */
export function toTensors(c: ModelConfig, params: Params): Weights {
  const out: Weights = {};
  for (const s of paramSpecs(c)) out[s.name] = tf.tensor(params.get(s.name)!, s.shape);
  return out;
}

const maskCache = new Map<number, tf.Tensor2D>();

/** Additive causal mask [t, t]: 0 on and below the diagonal, -1e9 above. Cached per length, never disposed. */
export function causalMask(t: number): tf.Tensor2D {
  let m = maskCache.get(t);
  if (!m) {
    const data = new Float32Array(t * t);
    for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) data[i * t + j] = -1e9;
    m = tf.keep(tf.tensor2d(data, [t, t]));
    maskCache.set(t, m);
  }
  return m;
}

/** Logits [rows·steps, vocab] for inputs [rows, steps] (token ids). */
export function forward(c: ModelConfig, w: Weights, inputs: tf.Tensor2D): tf.Tensor2D {
  const [rows, steps] = inputs.shape;
  const n = rows * steps;
  const d = c.dModel;
  const hd = d / c.heads;
  const p = (name: string) => w[name]!;
  // One-hot × matrix instead of gather: the wasm backend has no gradient kernel for gather.
  const onehot = tf.cast(tf.oneHot(tf.reshape(inputs, [n]), c.vocabSize), 'float32') as tf.Tensor2D;
  let x = tf.reshape(mm(onehot, p('tok') as tf.Tensor2D), [rows, steps, d]);
  // Broadcast add of the position rows (tile's gradient is slow on wasm).
  x = tf.add(x, tf.slice(p('pos'), [0, 0], [steps, d]));
  let h = tf.reshape(x, [n, d]) as tf.Tensor2D;
  const mask = causalMask(steps);
  const scale = 1 / Math.sqrt(hd);
  for (let l = 0; l < c.layers; l++) {
    const a = layerNorm(h, p(`h${l}.ln1.g`) as tf.Tensor1D, p(`h${l}.ln1.b`) as tf.Tensor1D);
    // Three products rather than one split: splitting along the last axis is a slow strided copy on wasm.
    const proj = (name: string) => linear(a, p(`h${l}.${name}.w`) as tf.Tensor2D, p(`h${l}.${name}.b`) as tf.Tensor1D);
    const heads = (t: tf.Tensor, perm: number[], shape: [number, number, number]) =>
      tf.reshape(tf.transpose(tf.reshape(t, [rows, steps, c.heads, hd]), perm), shape) as tf.Tensor3D;
    const qh = heads(tf.mul(proj('q'), scale), [0, 2, 1, 3], [rows * c.heads, steps, hd]);
    const kt = heads(proj('k'), [0, 2, 3, 1], [rows * c.heads, hd, steps]);
    const vh = heads(proj('v'), [0, 2, 1, 3], [rows * c.heads, steps, hd]);
    const att = tf.softmax(tf.add(bmm(qh, kt), mask)) as tf.Tensor3D;
    const ctx = tf.reshape(tf.transpose(tf.reshape(bmm(att, vh), [rows, c.heads, steps, hd]), [0, 2, 1, 3]), [n, d]) as tf.Tensor2D;
    h = tf.add(h, linear(ctx, p(`h${l}.out.w`) as tf.Tensor2D, p(`h${l}.out.b`) as tf.Tensor1D));
    const m = layerNorm(h, p(`h${l}.ln2.g`) as tf.Tensor1D, p(`h${l}.ln2.b`) as tf.Tensor1D);
    const hidden = tf.relu(linear(m, p(`h${l}.fc.w`) as tf.Tensor2D, p(`h${l}.fc.b`) as tf.Tensor1D));
    h = tf.add(h, linear(hidden, p(`h${l}.proj.w`) as tf.Tensor2D, p(`h${l}.proj.b`) as tf.Tensor1D));
  }
  const f = layerNorm(h, p('lnf.g') as tf.Tensor1D, p('lnf.b') as tf.Tensor1D);
  return c.tieEmbeddings ? mm(f, tf.transpose(p('tok')) as tf.Tensor2D) : linear(f, p('head.w') as tf.Tensor2D, p('head.b') as tf.Tensor1D);
}

/** Mean cross-entropy over the weighted targets (scalar). */
export function maskedLoss(logits: tf.Tensor2D, targets: tf.Tensor1D, weights: tf.Tensor1D, learned: number): tf.Scalar {
  const logp = tf.logSoftmax(logits);
  const picked = tf.sum(tf.mul(logp, tf.cast(tf.oneHot(targets, logits.shape[1]), 'float32')), 1);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, weights))), Math.max(1, learned)) as tf.Scalar;
}
