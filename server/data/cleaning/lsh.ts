// LSH banding over MinHash signatures in flat typed arrays: b bands of r rows, each band hashed to a bucket key.
// Two interactions with Jaccard J share a bucket with probability 1 − (1 − Jʳ)ᵇ; the banding is picked from the
// threshold so that this is ≥ 0.99 at the threshold itself while dissimilar pairs rarely meet.
import { fmix32 as importedFmix } from './fingerprint';
import { SIGNATURE_SIZE } from './minhash';

// Local copy of a hot import (see minhash.ts: imported bindings are getters once bundled).
const fmix32 = importedFmix;

export type Banding = { bands: number; rows: number };

/**
 * At the default threshold 0.8, 21 bands × 6 rows: P(candidate) ≈ 0.998 at J = 0.8, 0.30 at 0.5, 0.015 at 0.3.
 * Lower thresholds need shorter bands (32 × 4: 0.94 at 0.55), higher ones can afford longer (16 × 8: 0.995 at 0.9).
 */
export function bandingFor(threshold: number): Banding {
  const rows = threshold < 0.7 ? 4 : threshold < 0.88 ? 6 : 8;
  return { rows, bands: Math.floor(SIGNATURE_SIZE / rows) };
}

/**
 * Bucket key of one band of a signature, salted by the band and by an extra key (the number fingerprint). Rows are
 * folded in with a multiply (FNV-style) and the band is finished with one full mix: a mix per row cost five times as much
 * for the same spread over 32 bits.
 */
export function bandKey(sig: Uint16Array, band: number, rows: number, salt: number): number {
  let h = Math.imul(band + 1, 0x9e3779b1) ^ salt;
  const start = band * rows;
  for (let r = 0; r < rows; r++) h = Math.imul(h ^ sig[start + r]!, 0x01000193);
  return fmix32(h);
}

/**
 * A multimap from 32-bit bucket keys to item numbers: open addressing for the keys, each slot heading a linked list
 * of entries. No per-entry objects, so 100k items × 16 bands stay a few typed arrays.
 */
export class BucketTable {
  private keys = new Uint32Array(1 << 12);
  private heads = new Int32Array(1 << 12).fill(-1);
  private used = 0;
  private items = new Int32Array(1 << 12);
  private next = new Int32Array(1 << 12);
  private entries = 0;

  add(key: number, item: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const slot = this.slotOf(key);
    if (this.heads[slot] === -1) {
      this.keys[slot] = key;
      this.used++;
    }
    if (this.entries === this.items.length) {
      this.items = grow(this.items, this.items.length * 2);
      this.next = grow(this.next, this.next.length * 2);
    }
    this.items[this.entries] = item;
    this.next[this.entries] = this.heads[slot]!;
    this.heads[slot] = this.entries++;
  }

  /** The newest entry under `key`, or -1; walk on with `nextEntry`, read the item with `itemOf` (no callbacks on the hot path). */
  firstEntry(key: number): number {
    return this.heads[this.slotOf(key)]!;
  }

  nextEntry(entry: number): number {
    return this.next[entry]!;
  }

  itemOf(entry: number): number {
    return this.items[entry]!;
  }

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while (this.heads[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private rehash(size: number): void {
    const { keys, heads } = this;
    this.keys = new Uint32Array(size);
    this.heads = new Int32Array(size).fill(-1);
    for (let i = 0; i < keys.length; i++) {
      if (heads[i] === -1) continue;
      const slot = this.slotOf(keys[i]!);
      this.keys[slot] = keys[i]!;
      this.heads[slot] = heads[i]!;
    }
  }
}

export function grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
