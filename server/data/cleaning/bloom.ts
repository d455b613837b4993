// A Bloom filter over 53-bit integer keys: "certainly not stored" for most keys, so a page probes the database only
// for keys that may be there. About 10 bits a key for 1% false positives: a run's filter over a million kept events
// (22 keys each) is 27 MB, where their signatures were 1 KB an event.
import { fmix32 as importedFmix } from './fingerprint';

const fmix32 = importedFmix;
const HASHES = 7;

export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** Sized for `expected` keys (rounded up to a power of two bits, 1,024 at least). */
  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 10 && size < 2 ** 31) size *= 2;
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  add(key: number): void {
    let h = first(key);
    const step = second(h);
    for (let i = 0; i < HASHES; i++, h = (h + step) >>> 0) {
      const bit = h & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  has(key: number): boolean {
    let h = first(key);
    const step = second(h);
    for (let i = 0; i < HASHES; i++, h = (h + step) >>> 0) {
      const bit = h & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Both 32-bit halves of the key, mixed. */
const first = (key: number) => fmix32((key >>> 0) ^ fmix32(Math.floor(key / 4294967296) + 0x9e3779b9));
const second = (h: number) => (fmix32(h ^ 0x85ebca6b) | 1) >>> 0;
