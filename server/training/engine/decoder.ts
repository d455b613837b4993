// Incremental (KV-cached) forward pass for generation: feeds a chunk of tokens per row at consecutive positions and
// returns the next-token logits of the chunk's last position. Caches keep keys pre-transposed ([rows·heads, hd, t]) so
// that no matmul needs a transpose flag (slow on wasm).

import { tf } from './backend';
import { causalMask, type ModelConfig, type Weights } from './model';
import { layerNorm, linear } from './ops';

export type KvCache = { k: tf.Tensor3D; v: tf.Tensor3D }[];

export class Decoder {
  /** cached positions per row (all rows advance together). */
  length = 0;
  private cache: KvCache | null = null;

  constructor(
    private readonly c: ModelConfig,
    private readonly w: Weights,
    public rows: number,
  ) {}

  /** Feeds tokens [rows, chunk] at positions length … length+chunk-1; returns logits [rows, vocab] of the last one. */
  feed(tokens: Int32Array, chunk: number): Float32Array {
    const { c, w } = this;
    if (this.length + chunk > c.context) throw new Error(`context of ${c.context} tokens exceeded`);
    const rows = this.rows;
    const d = c.dModel;
    const hd = d / c.heads;
    const p = (name: string) => w[name]!;
    const start = this.length;
    const old = this.cache;
    const { logits, cache } = tf.tidy(() => {
      const ids = tf.tensor1d(tokens, 'int32');
      const pos = tf.slice(p('pos'), [start, 0], [chunk, d]);
      let h = tf.reshape(tf.add(tf.reshape(tf.gather(p('tok'), ids), [rows, chunk, d]), pos), [rows * chunk, d]) as tf.Tensor2D;
      const total = start + chunk;
      // Row i of the chunk sees the whole cache and chunk positions ≤ i: the last `chunk` rows of a causal mask of `total`.
      const mask = chunk > 1 ? tf.slice(causalMask(total), [start, 0], [chunk, total]) : null;
      const next: KvCache = [];
      for (let l = 0; l < c.layers; l++) {
        const a = layerNorm(h, p(`h${l}.ln1.g`) as tf.Tensor1D, p(`h${l}.ln1.b`) as tf.Tensor1D);
        const proj = (name: string) => linear(a, p(`h${l}.${name}.w`) as tf.Tensor2D, p(`h${l}.${name}.b`) as tf.Tensor1D);
        const split = (t: tf.Tensor, perm: number[], shape: [number, number, number]) =>
          tf.reshape(tf.transpose(tf.reshape(t, [rows, chunk, c.heads, hd]), perm), shape) as tf.Tensor3D;
        const qh = split(tf.mul(proj('q'), 1 / Math.sqrt(hd)), [0, 2, 1, 3], [rows * c.heads, chunk, hd]);
        let kt = split(proj('k'), [0, 2, 3, 1], [rows * c.heads, hd, chunk]);
        let vh = split(proj('v'), [0, 2, 1, 3], [rows * c.heads, chunk, hd]);
        if (old) {
          kt = tf.concat([old[l]!.k, kt], 2);
          vh = tf.concat([old[l]!.v, vh], 1);
        }
        next.push({ k: kt, v: vh });
        let scores = tf.matMul(qh, kt);
        if (mask) scores = tf.add(scores, mask);
        const ctx = tf.matMul(tf.softmax(scores), vh);
        const merged = tf.reshape(tf.transpose(tf.reshape(ctx, [rows, c.heads, chunk, hd]), [0, 2, 1, 3]), [
          rows * chunk,
          d,
        ]) as tf.Tensor2D;
        h = tf.add(h, linear(merged, p(`h${l}.out.w`) as tf.Tensor2D, p(`h${l}.out.b`) as tf.Tensor1D));
        const m = layerNorm(h, p(`h${l}.ln2.g`) as tf.Tensor1D, p(`h${l}.ln2.b`) as tf.Tensor1D);
        h = tf.add(
          h,
          linear(
            tf.relu(linear(m, p(`h${l}.fc.w`) as tf.Tensor2D, p(`h${l}.fc.b`) as tf.Tensor1D)),
            p(`h${l}.proj.w`) as tf.Tensor2D,
            p(`h${l}.proj.b`) as tf.Tensor1D,
          ),
        );
      }
      // Only each row's last position is needed for the next token.
      const last = chunk > 1 ? tf.reshape(tf.slice(tf.reshape(h, [rows, chunk, d]), [0, chunk - 1, 0], [rows, 1, d]), [rows, d]) : h;
      const f = layerNorm(last as tf.Tensor2D, p('lnf.g') as tf.Tensor1D, p('lnf.b') as tf.Tensor1D);
      const out = c.tieEmbeddings ? tf.matMul(f, p('tok'), false, true) : linear(f, p('head.w') as tf.Tensor2D, p('head.b') as tf.Tensor1D);
      return { logits: out, cache: next };
    });
    if (old) tf.dispose(old.flatMap((e) => [e.k, e.v]));
    this.cache = cache;
    this.length += chunk;
    const data = logits.dataSync() as Float32Array;
    logits.dispose();
    return data;
  }

  /** Keeps only the given rows (by current index), so finished rows stop costing compute. */
  keepRows(keep: number[]): void {
    if (keep.length === this.rows) return;
    const heads = this.c.heads;
    if (this.cache) {
      const old = this.cache;
      this.cache = tf.tidy(() => {
        const idx = tf.tensor1d(
          keep.flatMap((r) => Array.from({ length: heads }, (_, h) => r * heads + h)),
          'int32',
        );
        return old.map((e) => ({ k: tf.gather(e.k, idx) as tf.Tensor3D, v: tf.gather(e.v, idx) as tf.Tensor3D }));
      });
      tf.dispose(old.flatMap((e) => [e.k, e.v]));
    }
    this.rows = keep.length;
  }

  dispose(): void {
    if (this.cache) tf.dispose(this.cache.flatMap((e) => [e.k, e.v]));
    this.cache = null;
  }
}
