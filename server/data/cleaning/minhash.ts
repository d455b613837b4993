// MinHash signatures by one-permutation hashing: each character shingle is hashed once and lands in one of K bins
// (the bin keeps its minimum), empty bins are filled by optimal densification (Shrivastava, ICML 2017). The share of
// equal bins estimates Jaccard similarity as K independent hash functions would, at 1/K of their cost.
// Values are kept to 16 bits: two different minima agree by chance once in 65,536 bins, and memory halves.
import { fmix32 as importedFmix, lowerCode as importedLower } from './fingerprint';

// Imported bindings are read through a getter on every use once bundled (tsx, webpack): in per-character loops that
// cost more than the hashing itself (measured: ~40% of the signature time), so hot imports are copied to locals.
const fmix32 = importedFmix;
const lowerCode = importedLower;

/** 128 bins: the estimate's standard error at J = 0.8 is ≈ 0.035 (64 bins: ≈ 0.05). */
export const SIGNATURE_SIZE = 128;
const BIN_BITS = 7;
/**
 * Shingles are 3 characters of the text's letters and digits only, lower-cased, with spaces and punctuation dropped:
 * re-spacing ("pass word") and re-punctuating then change nothing, and a reworded support question ("How do I" →
 * "How can I") measured 0.82 where 4- and 5-grams gave 0.78–0.79, while unrelated turns stay below 0.1.
 */
export const SHINGLE = 3;
const EMPTY = 0x10000;

const scratch = new Uint32Array(SIGNATURE_SIZE);

/**
 * Optimal densification: an empty bin borrows from the bin picked by a hash of (bin, attempt), the same choice for
 * every text. The first attempts are precomputed, so filling a bin is a table lookup.
 */
const ATTEMPTS = 64;
const donors = new Uint8Array(SIGNATURE_SIZE * ATTEMPTS);
const donor = (bin: number, attempt: number) => fmix32(Math.imul(bin + 1, 0x9e3779b1) ^ attempt) >>> (32 - BIN_BITS);
for (let i = 0; i < SIGNATURE_SIZE; i++) for (let t = 0; t < ATTEMPTS; t++) donors[i * ATTEMPTS + t] = donor(i, t + 1);

/** Digits, lower-case letters, and letters of other scripts; not arrows, dashes, quotes or other symbols (U+2000–U+2BFF, CJK punctuation). */
const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 97 && c <= 122) ||
  (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f));

/**
 * Writes the signature of prompt + response into `out` (length SIGNATURE_SIZE) and returns the number of shingles;
 * zero means the text is too short to compare by similarity. Hot path: locals only, one hash per shingle.
 */
export function signatureOf(prompt: string, response: string, out: Uint16Array): number {
  scratch.fill(EMPTY);
  // The last three normalised characters (c0 oldest); `filled` counts how many have been seen.
  let c0 = 0,
    c1 = 0,
    filled = 0,
    shingles = 0;
  for (let part = 0; part < 2; part++) {
    const text = part === 0 ? prompt : response;
    for (let i = 0; i < text.length; i++) {
      const c = lowerCode(text.charCodeAt(i));
      if (!isWordChar(c)) continue;
      if (++filled >= SHINGLE) {
        const h = fmix32((Math.imul(c0, 0x01000193) ^ Math.imul(c1, 0x9e3779b1) ^ c) >>> 0);
        const bin = h >>> (32 - BIN_BITS);
        const value = h & 0xffff;
        if (value < scratch[bin]!) scratch[bin] = value;
        shingles++;
      }
      c0 = c1;
      c1 = c;
    }
  }
  if (shingles === 0) {
    out.fill(0);
    return 0;
  }
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    let v = scratch[i]!;
    for (let t = 0; v === EMPTY; t++) v = scratch[t < ATTEMPTS ? donors[i * ATTEMPTS + t]! : donor(i, t + 1)]!;
    out[i] = v;
  }
  return shingles;
}
