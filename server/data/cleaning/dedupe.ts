// Duplicate detection over kept interactions: exact (case and white space normalised) by hash, near by MinHash + LSH.
// A near-duplicate must also have the same numbers and operators in the same order: the fingerprint is mixed into
// every bucket key, so "What is 12+5?" never even meets "What is 12+6?" as a candidate.
import { exactKey, numberFingerprint } from './fingerprint';
import { BucketTable, bandKey, bandingFor, grow, type Banding } from './lsh';
import { signatureOf, SIGNATURE_SIZE as IMPORTED_SIZE } from './minhash';

// Read in the candidate loop: a local, not an imported binding (those are getters once bundled, see minhash.ts).
const SIGNATURE_SIZE = IMPORTED_SIZE;

/** Below this many shingles (very short turns) similarity says little: such texts are compared exactly only. */
export const MIN_SHINGLES = 8;
/** Candidates checked per query at most: a pathological bucket cannot make one event cost a scan of thousands. */
export const MAX_CANDIDATES = 256;

export type DuplicateMatch = { kind: 'exact' | 'near'; of: string; similarity: number };

export class DuplicateIndex {
  private readonly exact = new Map<number, number>();
  private readonly table = new BucketTable();
  private readonly ids: string[] = [];
  private sigs = new Uint16Array(SIGNATURE_SIZE * 1024);
  /** The same memory as pairs of bins: the comparison reads half as many words. */
  private sigs32 = new Uint32Array(this.sigs.buffer);
  private fps = new Uint32Array(1024);
  private stamps = new Int32Array(1024);
  private query = 0;
  // The signature of the text last looked up, reused when it is then added.
  private readonly sig = new Uint16Array(SIGNATURE_SIZE);
  private readonly sig32 = new Uint32Array(this.sig.buffer);
  private shingles = 0;
  private fp = 0;
  private key = 0;
  /** Bucket keys of the text last looked up, so adding it does not hash its bands a second time. */
  private readonly keys = new Uint32Array(SIGNATURE_SIZE);

  private readonly banding: Banding;
  /** Equal bins a candidate needs to reach the threshold. */
  private readonly needed: number;

  constructor(private readonly threshold: number) {
    this.banding = bandingFor(threshold);
    this.needed = Math.ceil(threshold * SIGNATURE_SIZE - 1e-9);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Stage 1: an earlier kept interaction with the same normalised text. */
  findExact(prompt: string, response: string): DuplicateMatch | null {
    this.key = exactKey(prompt, response);
    const hit = this.exact.get(this.key);
    return hit === undefined ? null : { kind: 'exact', of: this.ids[hit]!, similarity: 1 };
  }

  /** Stage 2 (after `findExact` on the same text): the most similar kept interaction at or above the threshold. */
  findNear(prompt: string, response: string): DuplicateMatch | null {
    if (!this.describe(prompt, response)) return null;
    const q = ++this.query;
    const { bands } = this.banding;
    const { table, stamps, fps, sigs32, sig32, fp, keys } = this;
    const words = SIGNATURE_SIZE / 2;
    let best = -1;
    let bestSame = -1;
    let seen = 0;
    for (let b = 0; b < bands && seen < MAX_CANDIDATES; b++) {
      for (let e = table.firstEntry(keys[b]!); e !== -1 && seen < MAX_CANDIDATES; e = table.nextEntry(e)) {
        const item = table.itemOf(e);
        if (stamps[item] === q) continue;
        stamps[item] = q;
        seen++;
        if (fps[item] !== fp) continue;
        // Count equal bins two at a time; give up on a candidate as soon as it can no longer reach the threshold
        // (or beat the best so far): most candidates are well below it and stop half-way.
        const floor = bestSame >= this.needed ? bestSame : this.needed;
        let misses = SIGNATURE_SIZE - floor;
        let same = 0;
        const base = item * words;
        for (let i = 0; i < words && misses >= 0; i++) {
          const x = sigs32[base + i]! ^ sig32[i]!;
          if ((x & 0xffff) === 0) same++;
          else misses--;
          if (x >>> 16 === 0) same++;
          else misses--;
        }
        // Ties go to the earlier original, so every copy points at the same kept event.
        if (misses >= 0 && (same > bestSame || (same === bestSame && item < best))) {
          best = item;
          bestSame = same;
        }
      }
    }
    const bestSim = bestSame / SIGNATURE_SIZE;
    return best >= 0 && bestSim >= this.threshold ? { kind: 'near', of: this.ids[best]!, similarity: bestSim } : null;
  }

  /** Adds the text last looked up (by `findExact` then `findNear`) as a kept original named `id`. */
  addLast(id: string): void {
    const item = this.ids.length;
    this.ids.push(id);
    if (!this.exact.has(this.key)) this.exact.set(this.key, item);
    if (item === this.fps.length) {
      const size = item * 2;
      this.fps = grow(this.fps, size);
      this.stamps = grow(this.stamps, size);
      this.sigs = grow(this.sigs, size * SIGNATURE_SIZE);
      this.sigs32 = new Uint32Array(this.sigs.buffer);
    }
    this.fps[item] = this.fp;
    if (this.shingles < MIN_SHINGLES) return;
    this.sigs.set(this.sig, item * SIGNATURE_SIZE);
    for (let b = 0; b < this.banding.bands; b++) this.table.add(this.keys[b]!, item);
  }

  /** Indexes an interaction kept by an earlier run, so this run's copies of it are caught too. */
  remember(id: string, prompt: string, response: string): void {
    if (this.findExact(prompt, response)) return;
    this.describe(prompt, response);
    this.addLast(id);
  }

  /**
   * Signature, number fingerprint and band keys of a text, kept for `addLast`; false when the text is too short to
   * compare by similarity (no keys then: such texts are matched exactly only).
   */
  private describe(prompt: string, response: string): boolean {
    this.shingles = signatureOf(prompt, response, this.sig);
    this.fp = numberFingerprint(prompt, response);
    if (this.shingles < MIN_SHINGLES) return false;
    const { bands, rows } = this.banding;
    for (let b = 0; b < bands; b++) this.keys[b] = bandKey(this.sig, b, rows, this.fp);
    return true;
  }
}
