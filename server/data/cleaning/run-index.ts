// The duplicate index of the events a run keeps, in the worker's memory while the run lasts: each kept event's exact
// key and LSH band keys in flat typed arrays, about 170 bytes a kept event (its id included), and no
// signatures: a candidate is verified from its clean text, as an earlier run's are. A page finds its candidates here
// with no round trip; the database holds the same keys only for later runs, written unindexed as the run goes and
// indexed once at its end (see keys.ts), so no page waits on a growing B-tree.
import { grow } from './lsh';

const NONE = -1;

export class RunIndex {
  /** Event ids as UTF-8 in one buffer, item i at [idEnds[i-1], idEnds[i]): a fifth of what a string each costs. */
  private idBytes = new Uint8Array(1 << 16);
  private idEnds: Uint32Array;
  private count = 0;
  private ords: Int32Array;
  private exacts: Float64Array;
  /** Open addressing over exact keys: item numbers, -1 empty. */
  private exactSlots: Int32Array;
  /**
   * Entry `item * bands + b` is band b of item: the next entry in its head slot (older), and the key's bits above the
   * slot's (the slot holds the rest). Texts too short to compare by similarity leave their entries unused.
   */
  private next: Int32Array;
  private tags: Uint16Array;
  /**
   * Direct-mapped on the key's low bits, chains newest first: a chain mixes keys that share the slot, so a walk checks
   * each entry's tag. Sized once for the events expected (about four entries a slot when all are kept: each one
   * walked is a cache miss) and never rehashed: more events than expected only make chains longer.
   */
  private readonly heads: Int32Array;
  private readonly slotBits: number;

  constructor(
    private readonly bands: number,
    /** Kept events expected at most (the run's events): typed arrays are sized for them, grown only if exceeded. */
    expected: number,
  ) {
    const capacity = Math.max(1024, expected);
    // At least 16 bits of slot, so the rest of a 32-bit key fits a 16-bit tag. The nearest power of two to four
    // entries a slot (three to six when every event is kept, two to four at a usual two thirds): rounding up doubled
    // the table past 1.6M events (32 → 64 MB, a tenth of the worker's peak) for chains of one or two.
    this.slotBits = Math.min(25, Math.max(16, Math.round(Math.log2((capacity * bands) / 4))));
    this.heads = new Int32Array(2 ** this.slotBits).fill(NONE);
    this.ords = new Int32Array(capacity);
    this.idEnds = new Uint32Array(capacity);
    this.exacts = new Float64Array(capacity);
    this.exactSlots = new Int32Array(pow2(capacity * 2)).fill(NONE);
    // Untouched pages of these stay unallocated: the memory is what the kept events use.
    this.next = new Int32Array(capacity * bands);
    this.tags = new Uint16Array(capacity * bands);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a kept event: its run-wide position, exact key and band keys (none for short texts). */
  add(id: string, ord: number, exact: number, bandKeys: readonly number[]): void {
    const item = this.count;
    if (item === this.ords.length) this.growItems(item * 2);
    this.storeId(item, id);
    this.count++;
    this.ords[item] = ord;
    this.exacts[item] = exact;
    const slot = this.exactSlot(exact);
    if (this.exactSlots[slot] === NONE) this.exactSlots[slot] = item;
    const mask = this.heads.length - 1;
    for (let b = 0; b < bandKeys.length; b++) {
      const e = item * this.bands + b;
      const key = bandKeys[b]! >>> 0;
      const head = key & mask;
      this.tags[e] = key >>> this.slotBits;
      this.next[e] = this.heads[head]!;
      this.heads[head] = e;
    }
  }

  /** The first kept event with this exact key, or -1. */
  exactItem(exact: number): number {
    return this.exactSlots[this.exactSlot(exact)]!;
  }

  /**
   * The newest entry under a band key, or -1; walk on with `after`, read its item with `itemOf` (no allocation).
   * With `since`, only the entries of events added at or after that item: those head every chain (chains are newest
   * first whatever their keys), so the walk stops at the first older entry, and a key with no new entry costs one
   * read of its head slot, not a walk of its chain.
   */
  first(key: number, since = 0): number {
    const k = key >>> 0;
    return this.match(this.heads[k & (this.heads.length - 1)]!, k >>> this.slotBits, since * this.bands);
  }

  /** The next (older) entry under the same key as `entry`, or -1; `since` as for `first`. */
  after(entry: number, key: number, since = 0): number {
    return this.match(this.next[entry]!, (key >>> 0) >>> this.slotBits, since * this.bands);
  }

  itemOf(entry: number): number {
    return (entry / this.bands) | 0;
  }

  /** Entries are numbered item by item, so "added at or after item `since`" is "entry ≥ since × bands" (-1 is none). */
  private match(e: number, tag: number, fromEntry: number): number {
    while (e >= fromEntry && this.tags[e] !== tag) e = this.next[e]!;
    return e >= fromEntry ? e : NONE;
  }

  id(item: number): string {
    return decoder.decode(this.idBytes.subarray(item ? this.idEnds[item - 1]! : 0, this.idEnds[item]!));
  }

  ord(item: number): number {
    return this.ords[item]!;
  }

  /** The slot of `exact` in the open-addressed table: where it is, or the empty slot where it would go. */
  private exactSlot(exact: number): number {
    const mask = this.exactSlots.length - 1;
    let slot = mix53(exact) & mask;
    for (let item = this.exactSlots[slot]!; item !== NONE && this.exacts[item] !== exact; item = this.exactSlots[slot]!)
      slot = (slot + 1) & mask;
    return slot;
  }

  private storeId(item: number, id: string): void {
    const start = item ? this.idEnds[item - 1]! : 0;
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (start + id.length * 3 > this.idBytes.length)
      this.idBytes = grow(this.idBytes, Math.max(this.idBytes.length * 2, start + id.length * 3));
    this.idEnds[item] = start + encoder.encodeInto(id, this.idBytes.subarray(start)).written;
  }

  private growItems(capacity: number): void {
    this.idEnds = grow(this.idEnds, capacity);
    this.ords = grow(this.ords, capacity);
    this.exacts = grow(this.exacts, capacity);
    this.next = grow(this.next, capacity * this.bands);
    this.tags = grow(this.tags, capacity * this.bands);
    this.exactSlots = new Int32Array(pow2(capacity * 2)).fill(NONE);
    for (let item = 0; item < this.count; item++) {
      const slot = this.exactSlot(this.exacts[item]!);
      if (this.exactSlots[slot] === NONE) this.exactSlots[slot] = item;
    }
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const pow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(n, 2)));

/** Both halves of a 53-bit key folded to 32 bits and mixed. */
function mix53(x: number): number {
  let h = (x >>> 0) ^ Math.imul(Math.floor(x / 4294967296), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
