import { describe, expect, it } from 'vitest';
import { epochOrder } from './order';
import { Rng } from './rng';

const lengths = Array.from({ length: 1000 }, (_, i) => 5 + ((i * 7919) % 60));
/** Padded cells of a run over `order` in batches of `size` (each batch is padded to its longest row). */
const padding = (order: Uint32Array, size: number) => {
  let pad = 0;
  for (let from = 0; from + size <= order.length; from += size) {
    const batch = Array.from(order.subarray(from, from + size), (i) => lengths[i]!);
    pad += batch.reduce((n, l) => n + Math.max(...batch) - l, 0);
  }
  return pad;
};

describe('epoch order', () => {
  it('visits every row once, and is the same for the same RNG state', () => {
    const a = epochOrder(new Rng(3), lengths, 32, true);
    expect([...a].sort((x, y) => x - y)).toEqual(lengths.map((_, i) => i));
    expect(epochOrder(new Rng(3), lengths, 32, true)).toEqual(a);
  });

  it('groups rows of similar length, so batches carry far less padding than a plain shuffle', () => {
    const bucketed = padding(epochOrder(new Rng(5), lengths, 32, true), 32);
    const plain = padding(epochOrder(new Rng(5), lengths, 32, false), 32);
    expect(bucketed).toBeLessThan(plain / 3);
  });

  it('still mixes: batches come in a different order each epoch', () => {
    const rng = new Rng(9);
    const first = epochOrder(rng, lengths, 32, true);
    const second = epochOrder(rng, lengths, 32, true);
    expect(second).not.toEqual(first);
  });
});
