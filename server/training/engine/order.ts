// The order in which one epoch visits the training rows, drawn from the run's seeded RNG (so a resumed run redraws it).
// With length bucketing, rows of similar length share a batch: a batch is padded to its longest row, and the demo's
// questions run from "5+3" to sixty-character requests, so random batches spend about half their compute on padding.
// Sorting happens inside windows of a few batches and the batches are then shuffled, so every epoch still mixes.

import type { Rng } from './rng';

/** Batches per sorting window: wide enough to find rows of like length, narrow enough to keep batches varied. */
const WINDOW_BATCHES = 8;

/**
 * Row indices for one epoch, read in consecutive slices of `batchSize`. With `bucket`, each slice holds rows of similar
 * length and the rows that do not fill a batch come last (the trainer drops an epoch's short tail).
 */
export function epochOrder(rng: Rng, lengths: ArrayLike<number>, batchSize: number, bucket: boolean): Uint32Array {
  const order = rng.permutation(lengths.length);
  if (!bucket || lengths.length <= batchSize) return order;
  const batches: Uint32Array[] = [];
  const full = lengths.length - (lengths.length % batchSize);
  const window = WINDOW_BATCHES * batchSize;
  for (let from = 0; from < full; from += window) {
    const chunk = Array.from(order.subarray(from, Math.min(full, from + window)));
    // Ties keep their drawn order: the sort is stable, so the result depends on the RNG alone.
    chunk.sort((a, b) => lengths[a]! - lengths[b]!);
    for (let i = 0; i < chunk.length; i += batchSize) batches.push(Uint32Array.from(chunk.slice(i, i + batchSize)));
  }
  const out = new Uint32Array(lengths.length);
  let at = 0;
  for (const k of rng.permutation(batches.length)) {
    out.set(batches[k]!, at);
    at += batchSize;
  }
  out.set(order.subarray(full), at);
  return out;
}
