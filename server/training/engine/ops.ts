// Building blocks with hand-written gradients, shaped around the wasm backend's fast and slow paths:
// - a matmul with transposeA/transposeB (what autodiff of matMul emits) leaves XNNPACK for a naive loop, ~15× slower,
//   so gradients transpose explicitly first (TRAINER-NOTES: 1.9 → 4.6 steps/s);
// - a sum over the row axis (bias and LayerNorm-scale gradients) is slow, so column sums are a [1, n] × [n, k] product;
// - LayerNorm's autodiff graph is ~25 small kernels; its closed-form gradient needs a third of them.

import { tf } from './backend';

type T1 = tf.Tensor1D;
type T2 = tf.Tensor2D;
type T3 = tf.Tensor3D;

/** tf.customGrad with typed inputs: f receives the inputs and `save`, returns the value and its gradient function. */
function custom<T extends tf.Tensor, A extends tf.Tensor[]>(
  f: (inputs: A, save: tf.GradSaveFunc) => { value: T; gradFunc: (dy: T, saved: tf.Tensor[]) => tf.Tensor[] },
): (...inputs: A) => T {
  const op = tf.customGrad<T>((...args: (tf.Tensor | tf.GradSaveFunc)[]) =>
    f(args.slice(0, -1) as A, args[args.length - 1] as tf.GradSaveFunc),
  );
  return (...inputs: A) => op(...inputs);
}

let ones: T2 | null = null;

/** A [1, n] row of ones (column sums as a matmul): one kept row, grown on demand and sliced, so memory stays bounded. */
function onesRow(n: number): T2 {
  if (!ones || ones.shape[1] < n) {
    const size = Math.max(n, 2 * (ones?.shape[1] ?? 0));
    ones?.dispose();
    ones = tf.keep(tf.ones([1, size]) as T2);
  }
  return ones.shape[1] === n ? ones : tf.slice(ones, [0, 0], [1, n]);
}

/** Sum over the rows of x [n, k] → [k]. */
function columnSums(x: T2): T1 {
  return tf.reshape(tf.matMul(onesRow(x.shape[0]), x), [x.shape[1]]) as T1;
}

/** a [n, k] × b [k, m]. */
export const mm = custom<T2, [T2, T2]>(([a, b], save) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy, saved) => {
      const [sa, sb] = saved as [T2, T2];
      return [tf.matMul(dy, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy)];
    },
  };
});

/** Batched a [s, n, k] × b [s, k, m] (the wasm backend runs every batched product on its plain loop anyway). */
export const bmm = custom<T3, [T3, T3]>(([a, b], save) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy, saved) => {
      const [sa, sb] = saved as [T3, T3];
      return [tf.matMul(dy, tf.transpose(sb, [0, 2, 1])), tf.matMul(tf.transpose(sa, [0, 2, 1]), dy)];
    },
  };
});

/** x [n, in] · w [in, out] + b [out]. */
export const linear = custom<T2, [T2, T2, T1]>(([x, w, b], save) => {
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b) as T2,
    gradFunc: (dy, saved) => {
      const [sx, sw] = saved as [T2, T2];
      const [n, inDim] = sx.shape;
      const out = sw.shape[1];
      // [xᵀ; 1] · dy gives the weight gradient and, in its last row, the bias gradient, in one fast product.
      const both = tf.matMul(tf.concat([tf.transpose(sx), onesRow(n)], 0), dy);
      return [
        tf.matMul(dy, tf.transpose(sw)),
        tf.slice(both, [0, 0], [inDim, out]),
        tf.reshape(tf.slice(both, [inDim, 0], [1, out]), [out]),
      ];
    },
  };
});

/** Layer normalisation over the last axis of x [n, d], with scale g and shift b. */
export const layerNorm = custom<T2, [T2, T1, T1]>(([x, g, b], save) => {
  const xc = tf.sub(x, tf.mean(x, -1, true));
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), 1e-5));
  const xhat = tf.mul(xc, rstd) as T2;
  save([xhat, rstd, g]);
  return {
    value: tf.add(tf.mul(xhat, g), b) as T2,
    gradFunc: (dy, saved) => {
      const [sxhat, srstd, sg] = saved as [T2, T2, T1];
      const dxhat = tf.mul(dy, sg);
      const dx = tf.mul(srstd, tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(sxhat, tf.mean(tf.mul(dxhat, sxhat), -1, true))));
      return [dx, columnSums(tf.mul(dy, sxhat)), columnSums(dy)];
    },
  };
});
